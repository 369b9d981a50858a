import { useId } from 'react';
import './image-actions.css';

export interface ChoiceOption<T extends string | number> {
  value: T;
  label: string;
  hint?: string;
}

interface ChoiceGroupProps<T extends string | number> {
  label: string;
  name: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string | undefined;
  className?: string;
}

/**
 * A labelled radio group shown as cards. Each radio is named by its label alone (the hint is its
 * description), so "2×" is exactly "2×" to a screen reader and to tests.
 */
export function ChoiceGroup<T extends string | number>({
  label,
  name,
  options,
  value,
  onChange,
  error,
  className,
}: ChoiceGroupProps<T>) {
  const id = useId();
  return (
    <div className={`field ${className ?? 'field-wide'}`}>
      <span id={`${id}-label`} className="field-label">
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={`${id}-label`} className="choice-row">
        {options.map((option, index) => {
          const hintId = option.hint ? `${id}-hint-${index}` : undefined;
          return (
            <label
              key={String(option.value)}
              className="choice"
              data-checked={value === option.value || undefined}
            >
              <input
                type="radio"
                name={`${name}-${id}`}
                value={String(option.value)}
                checked={value === option.value}
                aria-label={option.label}
                aria-describedby={hintId}
                onChange={() => onChange(option.value)}
              />
              <span className="choice-text" aria-hidden="true">
                <span className="choice-label">{option.label}</span>
                {option.hint && (
                  <span className="choice-hint" id={hintId}>
                    {option.hint}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
