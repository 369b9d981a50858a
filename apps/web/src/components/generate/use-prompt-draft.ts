import { useCallback, useState } from 'react';

const DRAFT_KEY = 'atelier.create.prompt-draft';

function readDraft(): string {
  try {
    return window.localStorage.getItem(DRAFT_KEY) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(text: string | null): void {
  try {
    if (text) window.localStorage.setItem(DRAFT_KEY, text);
    else window.localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Private mode or a full storage only loses the draft, not the typing.
  }
}

/**
 * The Create page's prompt, kept as a draft so a reload does not lose it. `keep` is false for the
 * Generate dialog, which opens fresh each time. `sent` forgets the draft (the text stays on screen).
 */
export function usePromptDraft(keep: boolean, initial: string | undefined) {
  const [prompt, setPromptState] = useState(() => initial ?? (keep ? readDraft() : ''));
  const setPrompt = useCallback(
    (text: string) => {
      setPromptState(text);
      if (keep) writeDraft(text);
    },
    [keep],
  );
  const sent = useCallback(() => {
    if (keep) writeDraft(null);
  }, [keep]);
  return { prompt, setPrompt, sent };
}
