import { useState, type FormEvent } from 'react';
import { isOffline } from '../../lib/offline/network-status';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import './gallery.css';

export const TagEditor_SetTags = graphql(`
  mutation TagEditor_SetTags($id: ID!, $tags: [String!]!) {
    setImageTags(id: $id, tags: $tags) {
      __typename
      ... on Image {
        id
        tags
      }
      ... on Error {
        message
      }
    }
  }
`);

/** Tags as people type them: split on commas, trimmed, lowercased, once each (the server agrees). */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The tags of one image: remove with ×, add by typing (commas separate several). */
export function TagEditor({ image }: { image: { id: string; tags: readonly string[] } }) {
  const [draft, setDraft] = useState('');
  const [state, setTags] = useMutation(TagEditor_SetTags);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async (tags: string[]) => {
    setProblem(null);
    const sent = setTags({ id: image.id, tags });
    // Offline the tags show at once and are sent when the network returns.
    if (isOffline()) return true;
    const result = await sent;
    const outcome = result.data?.setImageTags;
    if (result.error) setProblem(result.error.message);
    else if (outcome && outcome.__typename !== 'Image') setProblem(outcome.message);
    return !result.error && outcome?.__typename === 'Image';
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const added = parseTags(draft);
    if (added.length === 0) return;
    if (await save([...image.tags, ...added.filter((tag) => !image.tags.includes(tag))])) setDraft('');
  };

  return (
    <div className="tag-editor">
      <ul className="tag-list" aria-label="Tags">
        {image.tags.length === 0 && <li className="tag-none">No tags yet</li>}
        {image.tags.map((tag) => (
          <li key={tag} className="tag-chip">
            <span>{tag}</span>
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              disabled={state.fetching && !isOffline()}
              onClick={() => void save(image.tags.filter((each) => each !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="tag-add" onSubmit={(event) => void onSubmit(event)}>
        <label className="visually-hidden" htmlFor={`tag-input-${image.id}`}>
          Add tags
        </label>
        <input
          id={`tag-input-${image.id}`}
          className="input input-small"
          placeholder="Add tags, comma separated"
          maxLength={400}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          className="button button-small"
          disabled={(state.fetching && !isOffline()) || !draft.trim()}
        >
          Add
        </button>
      </form>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
