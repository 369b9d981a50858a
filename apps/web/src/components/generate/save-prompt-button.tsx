import { useState } from 'react';
import { SavedPromptDialog } from '../library/saved-prompt-dialog';

/** "Save prompt": keeps what is in the Generate form in the prompt library. */
export function SavePromptButton({ prompt, negativePrompt }: { prompt: string; negativePrompt?: string }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={!prompt.trim()}
        onClick={() => {
          setSaved(false);
          setOpen(true);
        }}
      >
        {saved ? 'Saved ✓' : 'Save prompt'}
      </button>
      <SavedPromptDialog
        open={open}
        onClose={() => setOpen(false)}
        initial={{ prompt, ...(negativePrompt && { negativePrompt }) }}
        onSaved={() => setSaved(true)}
      />
    </>
  );
}
