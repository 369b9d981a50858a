import { useEffect, useId, useSyncExternalStore } from 'react';
import { ignoresShortcut } from '../../../hooks/use-shortcuts';
import type { MaskSession } from './mask-session';

/** `[` and `]` change the brush by about this share of its size. */
const KEY_STEP = 0.15;

/** Brush or eraser, size and hardness, and the mask's own undo, redo, invert and clear. */
export function BrushTools({ session }: { session: MaskSession }) {
  const { brush, canUndo, canRedo, steps, coverage } = useSyncExternalStore(
    session.subscribe,
    session.getSnapshot,
  );
  const strokes = steps.filter((step) => step.type === 'stroke').length;
  const range = session.range;
  const sizeId = useId();
  const hardnessId = useId();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignoresShortcut(event) || (event.key !== '[' && event.key !== ']')) return;
      event.preventDefault();
      const { size } = session.getSnapshot().brush;
      const { min, max } = session.range;
      const step = Math.max(1, Math.round(size * KEY_STEP));
      const next = event.key === '[' ? size - step : size + step;
      session.setBrush({ size: Math.min(max, Math.max(min, next)) });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);

  return (
    <div className="generative-section">
      <div className="generative-row" role="group" aria-label="Brush">
        <button
          type="button"
          className="chip"
          aria-pressed={brush.mode === 'paint'}
          onClick={() => session.setBrush({ mode: 'paint' })}
        >
          Paint
        </button>
        <button
          type="button"
          className="chip"
          aria-pressed={brush.mode === 'erase'}
          onClick={() => session.setBrush({ mode: 'erase' })}
        >
          Erase
        </button>
      </div>
      <div className="generative-slider">
        <label htmlFor={sizeId} className="field-label">
          Brush size
        </label>
        <output htmlFor={sizeId}>{brush.size} px</output>
        <input
          id={sizeId}
          type="range"
          min={range.min}
          max={range.max}
          step={1}
          value={brush.size}
          aria-valuetext={`${brush.size} px`}
          title="Brush size ([ and ])"
          onChange={(event) => session.setBrush({ size: Number(event.target.value) })}
        />
      </div>
      <div className="generative-slider">
        <label htmlFor={hardnessId} className="field-label">
          Hardness
        </label>
        <output htmlFor={hardnessId}>{Math.round(brush.hardness * 100)} %</output>
        <input
          id={hardnessId}
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(brush.hardness * 100)}
          aria-valuetext={`${Math.round(brush.hardness * 100)} %`}
          onChange={(event) => session.setBrush({ hardness: Number(event.target.value) / 100 })}
        />
      </div>
      <p className="field-hint" aria-live="polite">
        {strokes === 0 && coverage === 0
          ? 'Nothing painted yet.'
          : `Mask: ${strokes} ${strokes === 1 ? 'stroke' : 'strokes'}, ${Math.round(coverage * 100)} % of the picture to change.`}
      </p>
      <div className="generative-row" role="group" aria-label="Mask">
        <button
          type="button"
          className="button button-small"
          disabled={!canUndo}
          onClick={() => session.undo()}
        >
          Undo stroke
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!canRedo}
          onClick={() => session.redo()}
        >
          Redo stroke
        </button>
        <button type="button" className="button button-small" onClick={() => session.invert()}>
          Invert
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={steps.length === 0}
          onClick={() => session.clear()}
        >
          Clear
        </button>
      </div>
    </div>
  );
}
