import { jobInput, noSuchImage, type Row } from '../support/authorization';
import { w } from '../support/world';

/** The rows of schema/modules/image-edits.ts. They run in images-and-jobs.spec.ts. */
export const imageEditRows: Row[] = [
  {
    type: 'mutation',
    field: 'applyImageEdits',
    needs: 'generate',
    attempts: [
      {
        what: "A's image",
        query: jobInput('ApplyEdits', 'applyImageEdits', 'ApplyImageEditsInput'),
        variables: () => ({
          input: {
            imageId: w.image.id,
            operations: [{ flip: { axis: 'HORIZONTAL' } }, { adjust: { exposure: 1 } }],
          },
        }),
        asB: noSuchImage('applyImageEdits', 'input.imageId'),
      },
    ],
  },
];
