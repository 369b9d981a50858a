import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/time';
import { useOpenGenerate } from '../generate/generate-dialog';
import { EmptyState, ErrorState, LoadingState } from '../ui/view-state';
import { SavedPromptDialog } from './saved-prompt-dialog';

export const HistoryTab_History = graphql(`
  query HistoryTab_History($first: Int!, $after: String, $search: String) {
    promptHistory(first: $first, after: $after, search: $search) {
      edges {
        cursor
        node {
          id
          prompt
          negativePrompt
          uses
          lastUsedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const HistoryTab_Delete = graphql(`
  mutation HistoryTab_Delete($id: ID!) {
    deletePromptHistoryEntry(id: $id) {
      __typename
      ... on DeletedLibraryItem {
        deletedId
      }
    }
  }
`);

export const HistoryTab_Clear = graphql(`
  mutation HistoryTab_Clear {
    clearPromptHistory {
      deletedCount
    }
  }
`);

/** Every prompt submitted, once per text, most recently used first. */
export function HistoryTab() {
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [saving, setSaving] = useState<{ prompt: string; negativePrompt?: string } | null>(null);
  const openGenerate = useOpenGenerate();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: HistoryTab_History,
    variables: { first: 50, after, search: search.trim() || null },
  });
  const [, remove] = useMutation(HistoryTab_Delete);
  const [{ fetching: clearing }, clear] = useMutation(HistoryTab_Clear);
  const connection = data?.promptHistory;
  const empty = !connection || connection.edges.length === 0;

  return (
    <section aria-label="Prompt history" className="library-tab">
      <div className="library-tools">
        <input
          type="search"
          className="input"
          placeholder="Search history"
          aria-label="Search prompt history"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setAfter(null);
          }}
        />
        {confirmClear ? (
          <span className="library-confirm" role="group" aria-label="Clear history?">
            <span>Forget every prompt?</span>
            <button
              type="button"
              className="button button-danger button-small"
              disabled={clearing}
              onClick={() => void clear({}).then(() => setConfirmClear(false))}
            >
              Clear history
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirmClear(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button" disabled={empty} onClick={() => setConfirmClear(true)}>
            Clear history…
          </button>
        )}
      </div>
      {error && !data ? (
        <ErrorState
          what="your prompt history"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <LoadingState label="Loading history…" />
      ) : empty ? (
        <EmptyState title={search ? 'Nothing matches' : 'No prompts yet'}>
          {search
            ? 'Try other words.'
            : 'Every prompt you generate with appears here, once, with how often you used it.'}
        </EmptyState>
      ) : (
        <>
          <ul className="library-list" aria-label="Prompt history">
            {connection.edges.map(({ node: entry }) => (
              <li key={entry.id} className="library-item">
                <div className="library-item-main">
                  <p className="library-item-text">{entry.prompt}</p>
                  {entry.negativePrompt && (
                    <p className="library-item-text muted">Without: {entry.negativePrompt}</p>
                  )}
                  <p className="muted library-item-meta">
                    Used {entry.uses} {entry.uses === 1 ? 'time' : 'times'}, last{' '}
                    <time dateTime={entry.lastUsedAt}>{formatDateTime(entry.lastUsedAt)}</time>
                  </p>
                </div>
                <div className="library-item-actions">
                  <button
                    type="button"
                    className="button button-primary button-small"
                    aria-label={`Use “${entry.prompt.slice(0, 40)}”`}
                    onClick={() =>
                      openGenerate({
                        prompt: entry.prompt,
                        ...(entry.negativePrompt && { negativePrompt: entry.negativePrompt }),
                      })
                    }
                  >
                    Use
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Save “${entry.prompt.slice(0, 40)}” to the library`}
                    onClick={() =>
                      setSaving({
                        prompt: entry.prompt,
                        ...(entry.negativePrompt && { negativePrompt: entry.negativePrompt }),
                      })
                    }
                  >
                    Save
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger-ghost"
                    aria-label={`Remove “${entry.prompt.slice(0, 40)}” from history`}
                    onClick={() => void remove({ id: entry.id })}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {connection.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}
            >
              Show more
            </button>
          )}
        </>
      )}
      <SavedPromptDialog
        open={saving !== null}
        initial={saving ?? undefined}
        onClose={() => setSaving(null)}
      />
    </section>
  );
}
