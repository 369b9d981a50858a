import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { isOffline } from '../../lib/offline/network-status';
import type { TemplateEditor_TemplateFragment, TemplateVariableType } from '../../gql/graphql';
import { useOpenGenerate } from '../generate/generate-dialog';
import { Field } from '../ui/field';
import { SelectField } from '../ui/select-field';
import { draftsOf, newVariable, previewTemplate, variableInputs, type VariableDraft } from './template-draft';

export const TemplateEditor_Template = graphql(`
  fragment TemplateEditor_Template on PromptTemplate {
    id
    name
    latestVersion
    updatedAt
    latest {
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
    versions {
      version
      body
      createdAt
    }
  }
`);

/** Where the server found the template unusable: the field, and the position or variable in it. */
export const TemplateEditor_Refusal = graphql(`
  fragment TemplateEditor_Refusal on InvalidTemplateError {
    message
    field
    position
    variable
  }
`);

export const TemplateEditor_Create = graphql(`
  mutation TemplateEditor_Create($input: CreateTemplateInput!) {
    createTemplate(input: $input) {
      __typename
      ... on PromptTemplate {
        ...TemplateEditor_Template
      }
      ...TemplateEditor_Refusal
      ...FormErrors_Error
    }
  }
`);

export const TemplateEditor_Update = graphql(`
  mutation TemplateEditor_Update($input: UpdateTemplateInput!) {
    updateTemplate(input: $input) {
      __typename
      ... on PromptTemplate {
        ...TemplateEditor_Template
      }
      ...TemplateEditor_Refusal
      ...FormErrors_Error
    }
  }
`);

export const TemplateEditor_Delete = graphql(`
  mutation TemplateEditor_Delete($id: ID!) {
    deleteTemplate(id: $id) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);

const TYPES: { value: TemplateVariableType; label: string }[] = [
  { value: 'TEXT', label: 'Text' },
  { value: 'CHOICE', label: 'Choice' },
  { value: 'NUMBER', label: 'Number' },
];

interface TemplateEditorProps {
  template: TemplateEditor_TemplateFragment | null;
  onSaved: (template: TemplateEditor_TemplateFragment) => void;
  onDeleted: () => void;
}

/** Write a template: body, typed variables, and the prompt it makes, live, as you type. */
export function TemplateEditor({ template, onSaved, onDeleted }: TemplateEditorProps) {
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.latest.body ?? '');
  const [drafts, setDrafts] = useState<VariableDraft[]>(() => draftsOf(template?.latest.variables ?? []));
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [typed, setTyped] = useState(false);
  const [{ fetching: creating }, create] = useMutation(TemplateEditor_Create);
  const [{ fetching: updating }, update] = useMutation(TemplateEditor_Update);
  const [, remove] = useMutation(TemplateEditor_Delete);
  const openGenerate = useOpenGenerate();
  const preview = useMemo(() => previewTemplate(body, drafts, values), [body, drafts, values]);
  // An untouched empty body is a form not yet filled in, not a mistake.
  const untouched = !typed && body.trim() === '';

  const change = (index: number, changes: Partial<VariableDraft>) =>
    setDrafts((list) => list.map((draft, i) => (i === index ? { ...draft, ...changes } : draft)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setTyped(true);
    const variables = variableInputs(drafts);
    if (template && isOffline()) {
      // Offline the edit shows at once and is saved when the network returns.
      void update({ input: { id: template.id, name, body, variables } });
      onSaved({ ...template, name });
      return;
    }
    const result = template
      ? await update({ input: { id: template.id, name, body, variables } })
      : await create({ input: { name, body, variables } });
    const outcome = result.data
      ? 'updateTemplate' in result.data
        ? result.data.updateTemplate
        : result.data.createTemplate
      : null;
    if (!outcome) setProblem('Could not reach the server. Try again.');
    else if (outcome.__typename === 'PromptTemplate') onSaved(outcome);
    else if (outcome.__typename === 'InvalidInputError') {
      setProblem(outcome.issues.map((issue) => `${issue.field}: ${issue.message}`).join(' '));
    } else setProblem(outcome.message);
  };

  return (
    <form className="template-editor" noValidate onSubmit={(event) => void submit(event)}>
      <Field label="Name">
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Template"
        hint="Write {name} for a variable, {{ and }} for literal braces."
        error={
          !untouched && preview.error?.position != null
            ? `${preview.error.message} (at character ${preview.error.position + 1})`
            : null
        }
      >
        {(control) => (
          <textarea
            {...control}
            className="input template-body"
            rows={4}
            value={body}
            placeholder="A {subject} at {time}, {style} style"
            onChange={(e) => {
              setBody(e.target.value);
              setTyped(true);
            }}
          />
        )}
      </Field>
      {preview.undeclared.length > 0 && (
        <div className="chip-row" role="group" aria-label="Undeclared variables">
          {preview.undeclared.map((variable) => (
            <button
              key={variable}
              type="button"
              className="chip"
              onClick={() => setDrafts((list) => [...list, newVariable(variable)])}
            >
              Declare {'{'}
              {variable}
              {'}'}
            </button>
          ))}
        </div>
      )}

      <fieldset className="template-variables">
        <legend>Variables</legend>
        {drafts.length === 0 && (
          <p className="muted">No variables yet: write one in the template, then declare it.</p>
        )}
        {drafts.map((draft, index) => (
          <div
            key={index}
            className="template-variable"
            role="group"
            aria-label={`Variable ${draft.name || index + 1}`}
          >
            <Field label="Name">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={draft.name}
                  onChange={(e) => change(index, { name: e.target.value })}
                />
              )}
            </Field>
            <SelectField
              label="Type"
              value={draft.type}
              options={TYPES}
              onChange={(type) => change(index, { type })}
            />
            {draft.type === 'CHOICE' && (
              <Field label="Options" hint="One per line">
                {(control) => (
                  <textarea
                    {...control}
                    className="input"
                    rows={3}
                    value={draft.options}
                    onChange={(e) => change(index, { options: e.target.value })}
                  />
                )}
              </Field>
            )}
            {draft.type === 'NUMBER' && (
              <>
                <Field label="Minimum">
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      inputMode="decimal"
                      value={draft.min}
                      onChange={(e) => change(index, { min: e.target.value })}
                    />
                  )}
                </Field>
                <Field label="Maximum">
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      inputMode="decimal"
                      value={draft.max}
                      onChange={(e) => change(index, { max: e.target.value })}
                    />
                  )}
                </Field>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.integer}
                    onChange={(e) => change(index, { integer: e.target.checked })}
                  />
                  Whole numbers only
                </label>
              </>
            )}
            <Field label="Default">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={draft.default}
                  onChange={(e) => change(index, { default: e.target.value })}
                />
              )}
            </Field>
            <Field label="Try a value">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={values[draft.name] ?? ''}
                  placeholder={draft.default || 'value'}
                  onChange={(e) => setValues((v) => ({ ...v, [draft.name]: e.target.value }))}
                />
              )}
            </Field>
            <button
              type="button"
              className="button button-small button-danger-ghost"
              aria-label={`Remove variable ${draft.name}`}
              onClick={() => setDrafts((list) => list.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setDrafts((list) => [...list, newVariable('')])}
        >
          Add variable
        </button>
      </fieldset>

      <div className="template-preview" aria-live="polite">
        <h3>Preview</h3>
        {untouched ? (
          <p className="muted" data-testid="template-preview-empty">
            The prompt it makes shows here as you type.
          </p>
        ) : preview.prompt !== null ? (
          <p className="template-preview-text" data-testid="template-preview">
            {preview.prompt}
          </p>
        ) : (
          <p className="form-error" data-testid="template-preview-error">
            {preview.error?.message}
          </p>
        )}
        {preview.warnings.map((warning) => (
          <p key={warning} className="muted">
            {warning}
          </p>
        ))}
      </div>

      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="library-actions">
        {template && (
          <button
            type="button"
            className="button button-danger-ghost"
            onClick={() => void remove({ id: template.id }).then(onDeleted)}
          >
            Delete template
          </button>
        )}
        {template && (
          <button
            type="button"
            className="button"
            onClick={() => openGenerate({ template: { id: template.id, version: null, values: {} } })}
          >
            Use
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={creating || updating}>
          {template ? 'Save as new version' : 'Create template'}
        </button>
      </div>

      {template && (
        <section className="template-versions" aria-label="Versions">
          <h3>Versions</h3>
          <ol reversed>
            {template.versions.map((version) => (
              <li key={version.version}>
                <span className="template-version-number">v{version.version}</span>{' '}
                <code className="template-version-body">{version.body}</code>{' '}
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Use version ${version.version}`}
                  onClick={() =>
                    openGenerate({ template: { id: template.id, version: version.version, values: {} } })
                  }
                >
                  Use
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
    </form>
  );
}
