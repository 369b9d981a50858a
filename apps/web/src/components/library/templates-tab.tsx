import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { EmptyState, ErrorState, LoadingState } from '../ui/view-state';
import { PlusIcon } from '../ui/icons';
import { TemplateEditor } from './template-editor';

export const TemplatesTab_Templates = graphql(`
  query TemplatesTab_Templates($first: Int!, $after: String) {
    templates(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...TemplateEditor_Template
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Templates: a list to pick from, and the editor for the chosen (or a new) one. */
export function TemplatesTab() {
  const [after, setAfter] = useState<string | null>(null);
  // A template id, 'new' for the blank editor, or null.
  const [selected, setSelected] = useState<string | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: TemplatesTab_Templates,
    variables: { first: 20, after },
  });
  const templates = data?.templates.edges.map((edge) => edge.node) ?? [];
  const current = templates.find((template) => template.id === selected) ?? null;

  return (
    <section aria-label="Templates" className="library-tab templates-tab">
      <div className="templates-list">
        <button type="button" className="button button-primary" onClick={() => setSelected('new')}>
          <PlusIcon />
          <span>New template</span>
        </button>
        {error && !data ? (
          <ErrorState
            what="your templates"
            error={error}
            onRetry={() => reexecute({ requestPolicy: 'network-only' })}
          />
        ) : fetching && !data ? (
          <LoadingState label="Loading templates…" />
        ) : templates.length === 0 ? (
          <p className="muted">
            No templates yet. A template is a prompt with blanks to fill: {'{subject}'} at {'{time}'}.
          </p>
        ) : (
          <ul aria-label="Your templates">
            {templates.map((template) => (
              <li key={template.id}>
                <button
                  type="button"
                  className="templates-list-item"
                  aria-current={template.id === selected || undefined}
                  onClick={() => setSelected(template.id)}
                >
                  <span>{template.name}</span>
                  <span className="muted">v{template.latestVersion}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {data?.templates.pageInfo.hasNextPage && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setAfter(data.templates.pageInfo.endCursor ?? null)}
          >
            Show more
          </button>
        )}
      </div>
      <div className="templates-detail">
        {selected === null ? (
          <EmptyState title="Pick a template, or make one">
            Variables can be text, a choice among options, or a number with bounds.
          </EmptyState>
        ) : (
          <TemplateEditor
            key={selected === 'new' ? 'new' : `${current?.id}:${current?.latestVersion}`}
            template={selected === 'new' ? null : current}
            onSaved={(template) => setSelected(template.id)}
            onDeleted={() => setSelected(null)}
          />
        )}
      </div>
    </section>
  );
}
