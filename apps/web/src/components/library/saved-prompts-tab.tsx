import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SavedPromptRow_PromptFragment } from '../../gql/graphql';
import { useOpenGenerate } from '../generate/generate-dialog';
import { EmptyState, ErrorState, LoadingState } from '../ui/view-state';
import { PlusIcon } from '../ui/icons';
import { SavedPromptDialog } from './saved-prompt-dialog';

export const SavedPromptRow_Prompt = graphql(`
  fragment SavedPromptRow_Prompt on SavedPrompt {
    id
    title
    prompt
    negativePrompt
    tags
    notes
    updatedAt
  }
`);

export const SavedPromptsTab_Prompts = graphql(`
  query SavedPromptsTab_Prompts($first: Int!, $after: String, $search: String, $tag: String) {
    savedPrompts(first: $first, after: $after, search: $search, tag: $tag) {
      edges {
        cursor
        node {
          id
          ...SavedPromptRow_Prompt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SavedPromptsTab_Delete = graphql(`
  mutation SavedPromptsTab_Delete($id: ID!) {
    deleteSavedPrompt(id: $id) {
      __typename
      ... on DeletedLibraryItem {
        deletedId
      }
      ... on Error {
        message
      }
    }
  }
`);

/** The library of saved prompts: search, filter by tag, save, edit, delete, and use in one click. */
export function SavedPromptsTab() {
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [editing, setEditing] = useState<SavedPromptRow_PromptFragment | null>(null);
  const [creating, setCreating] = useState(false);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SavedPromptsTab_Prompts,
    variables: { first: 50, after, search: search.trim() || null, tag },
  });
  const connection = data?.savedPrompts;

  return (
    <section aria-label="Saved prompts" className="library-tab">
      <div className="library-tools">
        <input
          type="search"
          className="input"
          placeholder="Search saved prompts"
          aria-label="Search saved prompts"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setAfter(null);
          }}
        />
        {tag && (
          <button type="button" className="chip" aria-pressed="true" onClick={() => setTag(null)}>
            Tag: {tag} ✕<span className="visually-hidden"> (remove filter)</span>
          </button>
        )}
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          <PlusIcon />
          <span>New prompt</span>
        </button>
      </div>
      {error && !data ? (
        <ErrorState
          what="your saved prompts"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <LoadingState label="Loading saved prompts…" />
      ) : !connection || connection.edges.length === 0 ? (
        <EmptyState title={search || tag ? 'Nothing matches' : 'No saved prompts yet'}>
          {search || tag
            ? 'Try other words, or clear the tag filter.'
            : 'Keep prompts you like here: “Save prompt” in the Generate dialog, or “New prompt” above.'}
        </EmptyState>
      ) : (
        <>
          <ul className="library-list" aria-label="Saved prompts">
            {connection.edges.map((edge) => (
              <SavedPromptRow key={edge.node.id} prompt={edge.node} onEdit={setEditing} onTag={setTag} />
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
      <SavedPromptDialog open={creating} onClose={() => setCreating(false)} />
      <SavedPromptDialog open={editing !== null} editing={editing} onClose={() => setEditing(null)} />
    </section>
  );
}

function SavedPromptRow({
  prompt,
  onEdit,
  onTag,
}: {
  prompt: SavedPromptRow_PromptFragment;
  onEdit: (prompt: SavedPromptRow_PromptFragment) => void;
  onTag: (tag: string) => void;
}) {
  const openGenerate = useOpenGenerate();
  const [{ fetching }, remove] = useMutation(SavedPromptsTab_Delete);
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <li className="library-item">
      <div className="library-item-main">
        <h3 className="library-item-title">{prompt.title}</h3>
        <p className="library-item-text">{prompt.prompt}</p>
        {prompt.negativePrompt && <p className="library-item-text muted">Without: {prompt.negativePrompt}</p>}
        {prompt.notes && <p className="library-item-notes muted">{prompt.notes}</p>}
        {prompt.tags.length > 0 && (
          <div className="chip-row" aria-label="Tags">
            {prompt.tags.map((tag) => (
              <button key={tag} type="button" className="chip" onClick={() => onTag(tag)}>
                {tag}
              </button>
            ))}
          </div>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="library-item-actions">
        <button
          type="button"
          className="button button-primary button-small"
          aria-label={`Use “${prompt.title}”`}
          onClick={() =>
            openGenerate({
              prompt: prompt.prompt,
              ...(prompt.negativePrompt && { negativePrompt: prompt.negativePrompt }),
            })
          }
        >
          Use
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`Edit “${prompt.title}”`}
          onClick={() => onEdit(prompt)}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button-small button-danger-ghost"
          aria-label={`Delete “${prompt.title}”`}
          disabled={fetching}
          onClick={() =>
            void remove({ id: prompt.id }).then((result) => {
              const outcome = result.data?.deleteSavedPrompt;
              if (result.error || !outcome) setProblem('Could not delete it. Try again.');
              else if (outcome.__typename !== 'DeletedLibraryItem') setProblem(outcome.message);
            })
          }
        >
          Delete
        </button>
      </div>
    </li>
  );
}
