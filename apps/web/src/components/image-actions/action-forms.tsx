import type { JobCard_JobFragment } from '../../gql/graphql';
import { WithProviders } from './action-form';
import { EnhanceForm } from './enhance-form';
import type { ActionImage, DialogAction } from './operations';
import { RestyleForm } from './restyle-form';
import { VariationsForm } from './variations-form';

interface ActionFormsProps {
  action: DialogAction;
  image: ActionImage;
  onQueued: (job: JobCard_JobFragment) => void;
  onCancel: () => void;
}

/** The form of one action, once the providers are known. Its own chunk: loaded on first use. */
export default function ActionForms({ action, image, onQueued, onCancel }: ActionFormsProps) {
  return (
    <WithProviders>
      {(providers) => {
        const props = { image, providers, onQueued, onCancel };
        switch (action) {
          case 'VARIATION':
            return <VariationsForm {...props} />;
          case 'ENHANCE':
            return <EnhanceForm {...props} />;
          case 'RESTYLE':
            return <RestyleForm {...props} />;
        }
      }}
    </WithProviders>
  );
}
