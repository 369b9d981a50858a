import { useId } from 'react';
import type { Provider } from '../../lib/provider-capabilities';
import './fallback-picker.css';

interface FallbackPickerProps {
  /** Providers that may be tried next (available, able to do the operation, not the chosen one). */
  candidates: readonly Provider[];
  /** Chosen fallbacks, in the order they are tried. */
  value: readonly string[];
  onChange: (next: string[]) => void;
  /** Display name of the chosen provider, for the hint. */
  chosenName: string;
  className?: string;
}

/**
 * "Fallback": other providers to try, in order, when the chosen one fails for reasons of its own.
 * Ticked providers come first, numbered, and can be moved up or down.
 */
export function FallbackPicker({ candidates, value, onChange, chosenName, className }: FallbackPickerProps) {
  const hintId = useId();
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const selected = value.filter((id) => byId.has(id));
  const rest = candidates.filter((p) => !selected.includes(p.id));
  const ordered = [...selected.map((id) => byId.get(id)!), ...rest];

  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  const move = (index: number, by: -1 | 1) => {
    const next = [...selected];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };

  return (
    <fieldset className={`fallback ${className ?? ''}`} aria-describedby={hintId}>
      <legend className="field-label">Fallback</legend>
      <p id={hintId} className="field-hint">
        {candidates.length === 0
          ? 'No other provider is available to fall back on.'
          : `If ${chosenName} fails (outage, rate limit, no credits), try these next, in order.`}
      </p>
      {ordered.length > 0 && (
        <ol className="fallback-list">
          {ordered.map((provider) => {
            const position = selected.indexOf(provider.id);
            const checked = position >= 0;
            return (
              <li key={provider.id} className="fallback-item" data-checked={checked || undefined}>
                <label className="fallback-label">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={(event) => toggle(provider.id, event.target.checked)}
                  />
                  {checked && (
                    <span className="fallback-order" aria-hidden="true">
                      {position + 1}
                    </span>
                  )}
                  <span>{provider.displayName}</span>
                </label>
                {checked && selected.length > 1 && (
                  <span className="fallback-moves">
                    <button
                      type="button"
                      className="icon-button icon-button-small"
                      aria-label={`Try ${provider.displayName} earlier`}
                      disabled={position === 0}
                      onClick={() => move(position, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button icon-button-small"
                      aria-label={`Try ${provider.displayName} later`}
                      disabled={position === selected.length - 1}
                      onClick={() => move(position, 1)}
                    >
                      ↓
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </fieldset>
  );
}
