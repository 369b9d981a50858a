import {
  expandMatrix,
  type ParsedTemplate,
  TemplateError,
  tryParseTemplate,
  type VariableDeclaration,
} from '@atelier/prompt-template';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { MatrixPanel_TemplateQuery } from '../../gql/graphql';
import { Field } from '../ui/field';
import { SelectField } from '../ui/select-field';
import { cleanValues, matrixLabel, MAX_BATCH_ITEMS } from './batch-input';

export const MatrixPanel_Templates = graphql(`
  query MatrixPanel_Templates {
    templates(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const MatrixPanel_Template = graphql(`
  query MatrixPanel_Template($id: ID!) {
    template(id: $id) {
      id
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
    }
  }
`);

type TemplateNode = NonNullable<MatrixPanel_TemplateQuery['template']>;
type VariableNode = TemplateNode['latest']['variables'][number];

export interface MatrixChoice {
  templateId: string;
  version: number | null;
  /** Chosen values by variable name; a variable with none takes its default. */
  values: Record<string, string[]>;
}

function declarationOf(variable: VariableNode): VariableDeclaration {
  if (variable.type === 'CHOICE') {
    return {
      name: variable.name,
      type: 'choice',
      options: variable.options ?? [],
      default: variable.default,
    };
  }
  if (variable.type === 'NUMBER') {
    return {
      name: variable.name,
      type: 'number',
      min: variable.min,
      max: variable.max,
      integer: variable.integer,
      default: variable.default === null || variable.default === undefined ? null : Number(variable.default),
    };
  }
  return { name: variable.name, type: 'text', default: variable.default };
}

/** The template, parsed as the server will expand it (null when its text does not parse). */
export function parsedTemplateOf(template: TemplateNode | null | undefined): ParsedTemplate | null {
  if (!template) return null;
  return tryParseTemplate(template.latest.body, template.latest.variables.map(declarationOf)).template;
}

/** Prompts the choice expands to, or why it cannot; also the count per variable for the label. */
export function expandChoice(template: ParsedTemplate | null, values: Record<string, string[]>) {
  if (!template) return { prompts: [], sizes: [], error: null as string | null };
  const sizes = template.variables.map((name) => values[name]?.length ?? 0);
  try {
    const prompts = expandMatrix(template, values, MAX_BATCH_ITEMS).map((entry) => entry.prompt);
    return { prompts, sizes, error: null };
  } catch (error) {
    if (error instanceof TemplateError) return { prompts: [], sizes, error: error.message };
    throw error;
  }
}

interface MatrixPanelProps {
  choice: MatrixChoice | null;
  perPrompt: number;
  error?: string | undefined;
  onChange: (choice: MatrixChoice | null) => void;
  /** How many prompts the choice makes, whenever that changes. */
  onSize: (size: number) => void;
}

/** Pick a template and several values per variable; the number of images shows before running. */
export function MatrixPanel({ choice, perPrompt, error, onChange, onSize }: MatrixPanelProps) {
  const [{ data, fetching, error: loadError }] = useQuery({ query: MatrixPanel_Templates });
  const templates = useMemo(() => data?.templates.edges.map((edge) => edge.node) ?? [], [data]);
  const [{ data: chosen }] = useQuery({
    query: MatrixPanel_Template,
    variables: { id: choice?.templateId ?? '' },
    pause: !choice,
  });
  const template = choice && chosen?.template?.id === choice.templateId ? chosen.template : null;
  const parsed = useMemo(() => parsedTemplateOf(template), [template]);
  const expansion = useMemo(() => expandChoice(parsed, cleanValues(choice?.values ?? {})), [parsed, choice]);
  const size = expansion.prompts.length;
  useEffect(() => onSize(size), [size, onSize]);

  if (loadError && !data) {
    return (
      <p className="form-error" role="alert">
        Could not load your templates: {loadError.message}
      </p>
    );
  }
  if (!fetching && data && templates.length === 0) {
    return (
      <div className="batch-panel">
        <p className="muted">
          You have no templates yet. <Link to="/prompts?tab=templates">Make one in Prompts</Link> — a prompt
          with <code>{'{variables}'}</code> — then come back to run every combination.
        </p>
      </div>
    );
  }

  const setValues = (name: string, list: string[]) => {
    if (!choice) return;
    onChange({ ...choice, values: { ...choice.values, [name]: list } });
  };

  return (
    <div className="batch-panel">
      <SelectField
        label="Template"
        error={error}
        value={choice?.templateId ?? ''}
        emptyLabel={fetching ? 'Loading templates…' : 'Choose a template'}
        options={templates.map((t) => ({ value: t.id, label: t.name }))}
        onChange={(id) => onChange(id ? { templateId: id, version: null, values: {} } : null)}
      />
      {template && !parsed && <p className="form-error">This template does not parse; fix it in Prompts.</p>}
      {template && parsed && (
        <>
          <p className="batch-template-body">
            <code>{template.latest.body}</code>
          </p>
          {parsed.variables.map((name) => {
            const variable = template.latest.variables.find((v) => v.name === name);
            const chosen = choice?.values[name] ?? [];
            if (variable?.type === 'CHOICE') {
              return (
                <fieldset key={name} className="batch-variable">
                  <legend>{name}</legend>
                  {(variable.options ?? []).map((option) => (
                    <label key={option} className="checkbox">
                      <input
                        type="checkbox"
                        checked={chosen.includes(option)}
                        onChange={(event) =>
                          setValues(
                            name,
                            event.target.checked ? [...chosen, option] : chosen.filter((o) => o !== option),
                          )
                        }
                      />
                      <span>{option}</span>
                    </label>
                  ))}
                </fieldset>
              );
            }
            return (
              <Field
                key={name}
                label={`Values for ${name}`}
                hint={`One per line${variable?.default ? `; empty uses the default "${variable.default}"` : ''}.`}
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="input"
                    rows={3}
                    value={chosen.join('\n')}
                    onChange={(event) =>
                      setValues(
                        name,
                        event.target.value
                          .split('\n')
                          .filter((line, i, all) => line !== '' || i === all.length - 1),
                      )
                    }
                  />
                )}
              </Field>
            );
          })}
          <p className="batch-count" role="status" aria-live="polite">
            {expansion.error ?? matrixLabel(expansion.sizes, perPrompt)}
          </p>
          {expansion.prompts.length > 0 && (
            <ol className="batch-expanded" aria-label="Prompts it makes">
              {expansion.prompts.slice(0, 6).map((prompt, index) => (
                <li key={index}>{prompt}</li>
              ))}
              {expansion.prompts.length > 6 && (
                <li className="muted">…and {expansion.prompts.length - 6} more</li>
              )}
            </ol>
          )}
        </>
      )}
    </div>
  );
}
