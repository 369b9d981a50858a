import { useCallback } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import './gallery.css';

export const StarButton_SetStarred = graphql(`
  mutation StarButton_SetStarred($id: ID!, $starred: Boolean!) {
    setImageStarred(id: $id, starred: $starred) {
      __typename
      ... on Image {
        id
        starred
      }
      ... on Error {
        message
      }
    }
  }
`);

export function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Stars or unstars an image; the cache flips it at once (see lib/urql-cache/images.ts). */
export function useToggleStar() {
  const [state, setStarred] = useMutation(StarButton_SetStarred);
  const toggle = useCallback(
    (image: { id: string; starred: boolean }) => setStarred({ id: image.id, starred: !image.starred }),
    [setStarred],
  );
  return { toggle, error: state.error };
}

interface StarButtonProps {
  image: { id: string; starred: boolean; prompt: string };
  className?: string;
  tabIndex?: number;
}

export function StarButton({ image, className = 'star-button', tabIndex }: StarButtonProps) {
  const { toggle } = useToggleStar();
  return (
    <button
      type="button"
      className={className}
      aria-pressed={image.starred}
      aria-label={image.starred ? `Unstar ${image.prompt}` : `Star ${image.prompt}`}
      title={image.starred ? 'Unstar (s)' : 'Star (s)'}
      tabIndex={tabIndex}
      onClick={(event) => {
        event.preventDefault();
        void toggle(image);
      }}
    >
      <StarIcon filled={image.starred} />
    </button>
  );
}
