import type { ReactNode } from 'react';
import { Field } from './field';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  /** A first choice worth "" (e.g. "None"), listed before the options. */
  emptyLabel?: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  className?: string;
}

/** A labelled <select> (see Field): one option per entry, its hint and error read with it. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  emptyLabel,
  hint,
  error,
  className,
}: SelectFieldProps<T>) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select
          {...control}
          className="input"
          value={value}
          onChange={(event) => onChange(event.target.value as T)}
        >
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
