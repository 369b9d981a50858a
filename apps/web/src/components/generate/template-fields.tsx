import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { draftsOf, previewTemplate } from '../library/template-draft';
import { Field } from '../ui/field';
import { SelectField } from '../ui/select-field';
import { LoadingState } from '../ui/view-state';
import './generate.css';

export const TemplateFields_Template = graphql(`
  query TemplateFields_Template($id: ID!) {
    template(id: $id) {
      id
      name
      latestVersion
      versions {
        version
        body
        variables {
          name
          type
          options
          default
          min
          max
          integer
        }
      }
    }
  }
`);

export interface TemplateUseState {
  id: string;
  version?: number | null;
  values?: Record<string, string>;
}

interface TemplateFieldsProps {
  use: TemplateUseState;
  onChange: (use: TemplateUseState) => void;
  /** The prompt the values make now, or null while they do not fit. */
  onPrompt: (prompt: string | null) => void;
  onStop: () => void;
}

/** The variable fields of a template in the Generate form, with the prompt they make. */
export function TemplateFields({ use, onChange, onPrompt, onStop }: TemplateFieldsProps) {
  const [{ data, error, fetching }] = useQuery({ query: TemplateFields_Template, variables: { id: use.id } });
  const template = data?.template;
  const version = template?.versions.find((v) => v.version === (use.version ?? template.latestVersion));
  const drafts = useMemo(() => draftsOf(version?.variables ?? []), [version]);
  const values = use.values ?? {};
  const preview = useMemo(
    () => (version ? previewTemplate(version.body, drafts, values) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `values` is derived from use.values
    [version, drafts, use.values],
  );

  useEffect(() => {
    onPrompt(preview?.prompt ?? null);
  }, [preview?.prompt, onPrompt]);

  if (fetching && !data) return <LoadingState label="Loading the template…" />;
  if (error || !template || !version) {
    return (
      <div className="form-error" role="alert">
        <p>{error ? 'Could not load the template.' : 'That template is gone.'}</p>
        <button type="button" className="button button-small" onClick={onStop}>
          Write a prompt instead
        </button>
      </div>
    );
  }

  return (
    <fieldset className="template-fields">
      <legend>
        Template: {template.name} <span className="muted">v{version.version}</span>
      </legend>
      {drafts.map((draft) => {
        const set = (value: string) => onChange({ ...use, values: { ...values, [draft.name]: value } });
        const field = {
          label: draft.name,
          error: preview?.error?.variable === draft.name ? preview.error.message : null,
          hint: draft.default ? `Default: ${draft.default}` : undefined,
        };
        if (draft.type === 'CHOICE') {
          return (
            <SelectField
              key={draft.name}
              {...field}
              value={values[draft.name] ?? draft.default}
              emptyLabel={draft.default ? undefined : 'Choose…'}
              options={draft.options
                .split('\n')
                .filter(Boolean)
                .map((option) => ({ value: option, label: option }))}
              onChange={set}
            />
          );
        }
        return (
          <Field key={draft.name} {...field}>
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode={draft.type === 'NUMBER' ? 'decimal' : undefined}
                placeholder={draft.default}
                value={values[draft.name] ?? ''}
                onChange={(e) => set(e.target.value)}
              />
            )}
          </Field>
        );
      })}
      {preview?.error && !preview.error.variable && (
        <p className="form-error" role="alert">
          {preview.error.message}
        </p>
      )}
      <button type="button" className="button button-small" onClick={onStop}>
        Stop using the template
      </button>
    </fieldset>
  );
}
