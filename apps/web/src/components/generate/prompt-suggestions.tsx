import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';

export const PromptSuggestions_Prompts = graphql(`
  query PromptSuggestions_Prompts($search: String!) {
    promptHistory(first: 5, search: $search) {
      edges {
        node {
          id
          prompt
        }
      }
    }
    savedPrompts(first: 5, search: $search) {
      edges {
        node {
          id
          title
          prompt
        }
      }
    }
  }
`);

export interface Suggestion {
  id: string;
  prompt: string;
  /** "Saved · Lighthouse" or "History". */
  source: string;
}

/** Fewer letters than this find too much to help. */
const MIN_LETTERS = 3;
/** Waits for a pause in typing before asking the server. */
const PAUSE_MS = 200;

function useSettled(text: string): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return settled;
}

/**
 * Autocomplete for the prompt box from the person's saved prompts and prompt history: a listbox
 * the textbox points at (aria-controls, aria-activedescendant), walked with the arrow keys, picked
 * with Enter or a click, closed with Escape.
 */
export function usePromptSuggestions(prompt: string, onPick: (prompt: string) => void) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useSettled(prompt.trim());
  const wanted = open && search.length >= MIN_LETTERS;
  const [{ data }] = useQuery({ query: PromptSuggestions_Prompts, variables: { search }, pause: !wanted });

  const suggestions = useMemo<Suggestion[]>(() => {
    if (!wanted || !data) return [];
    const saved = data.savedPrompts.edges.map(({ node }) => ({
      id: node.id,
      prompt: node.prompt,
      source: `Saved · ${node.title}`,
    }));
    const history = data.promptHistory.edges.map(({ node }) => ({
      id: node.id,
      prompt: node.prompt,
      source: 'History',
    }));
    const seen = new Set([prompt.trim()]);
    return [...saved, ...history].filter((s) => !seen.has(s.prompt) && seen.add(s.prompt)).slice(0, 6);
  }, [wanted, data, prompt]);

  const shown = suggestions.length > 0;
  const optionId = (i: number) => `${listId}-${i}`;

  const pick = (suggestion: Suggestion) => {
    onPick(suggestion.prompt);
    setOpen(false);
    setActive(-1);
  };

  /** Handles the keys that belong to the list; returns true when it used the key. */
  const onKeyDown = (event: KeyboardEvent): boolean => {
    if (!shown) return false;
    const last = suggestions.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        setActive((i) => (i >= last ? 0 : i + 1));
        break;
      case 'ArrowUp':
        setActive((i) => (i <= 0 ? last : i - 1));
        break;
      case 'Enter': {
        const chosen = suggestions[active];
        if (!chosen || event.ctrlKey || event.metaKey) return false;
        pick(chosen);
        break;
      }
      case 'Escape':
        setOpen(false);
        setActive(-1);
        break;
      default:
        return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  const inputProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': shown ? listId : undefined,
    'aria-activedescendant': shown && active >= 0 ? optionId(active) : undefined,
  };

  const typed = () => {
    setOpen(true);
    setActive(-1);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const list = shown ? (
    <ul id={listId} className="prompt-suggestions" role="listbox" aria-label="Earlier prompts">
      {suggestions.map((suggestion, i) => (
        <li
          key={`${suggestion.source}-${suggestion.id}`}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className="prompt-suggestion"
          // Keeps focus in the prompt box, so typing goes on after a click.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => pick(suggestion)}
        >
          <span className="prompt-suggestion-text">{suggestion.prompt}</span>
          <span className="prompt-suggestion-source">{suggestion.source}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return { inputProps, onKeyDown, typed, close, list };
}
