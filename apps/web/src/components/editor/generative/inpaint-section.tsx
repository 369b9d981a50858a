import { useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { modelLabel, type Provider } from '../../../lib/provider-capabilities';
import { ProviderFields } from '../../image-actions/action-form';
import { choiceInput, chosenModel, initialChoice } from '../../image-actions/operations';
import { Field } from '../../ui/field';
import { useEditor } from '../editor-context';
import { BrushTools } from './brush-tools';
import { MaskOverlay } from './mask-overlay';
import type { MaskSession } from './mask-session';
import { RunFooter } from './run-footer';
import { useGenerativeRun } from './use-generative-run';
import { useOverlay } from './use-overlay';

interface InpaintSectionProps {
  providers: readonly Provider[];
  session: MaskSession;
}

/** Paint a mask over the picture and say what the painted area should become. */
export function InpaintSection({ providers, session }: InpaintSectionProps) {
  const editor = useEditor();
  // Pointer positions become picture pixels through the view the editor shows now.
  useEffect(() => session.setView(editor.view), [session, editor.view]);
  const overlay = useMemo(() => ({ node: <MaskOverlay session={session} />, interactive: true }), [session]);
  useOverlay(overlay);
  // While painting, Ctrl/⌘+Z takes back the last stroke, not the last edit.
  const { setHistoryTarget } = editor;
  useEffect(() => {
    setHistoryTarget({ undo: () => session.undo(), redo: () => session.redo() });
    return () => setHistoryTarget(null);
  }, [session, setHistoryTarget]);

  const { coverage } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [choice, setChoice] = useState(() => initialChoice(providers, '', 'EDIT'));
  const [prompt, setPrompt] = useState('');
  const runner = useGenerativeRun(choice?.provider);
  const { errors, formError, setFormError, pending, run, clear } = runner;

  const provider = providers.find((p) => p.id === choice?.provider);
  const model = chosenModel(providers, choice, 'EDIT');
  const label = `Inpaint${provider ? ` · ${modelLabel(provider, model, 'EDIT')}` : ''}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    if (coverage === 0) {
      setFormError('Paint over the part of the picture to change first.');
      return;
    }
    if (!prompt.trim()) {
      setFormError('Say what the painted area should become.');
      return;
    }
    void (async () => {
      const mask = await session.file();
      await run({ kind: 'EDIT', prompt, mask, count: 1, ...choiceInput(choice) });
    })();
  };

  return (
    <form className="generative-section" noValidate onSubmit={onSubmit} aria-label="Inpaint">
      <p className="field-hint">
        Paint over what should change (white in the mask sent); everything else stays as it is. One finger
        paints; two pan and zoom.
      </p>
      <BrushTools session={session} />
      {errors.mask && <p className="field-error">{errors.mask}</p>}
      <Field label="Prompt" error={errors.prompt} hint="What the painted area should become">
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            placeholder="a red sailboat"
            value={prompt}
            onChange={(event) => {
              setPrompt(event.target.value);
              clear('prompt');
            }}
          />
        )}
      </Field>
      {choice && (
        <ProviderFields
          operation="EDIT"
          providers={providers}
          choice={choice}
          onChange={setChoice}
          errors={errors}
        />
      )}
      <RunFooter
        label={label}
        disabled={!provider?.available}
        pending={pending}
        formError={formError}
        stage={runner.stage}
        unsaved={runner.unsaved}
        jobId={runner.job?.id ?? null}
        savedAs={runner.savedAs}
      />
    </form>
  );
}
