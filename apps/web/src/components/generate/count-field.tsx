import { Field } from '../ui/field';

interface CountFieldProps {
  value: string;
  max: number;
  error?: string | undefined;
  onChange: (value: string) => void;
}

export function CountField({ value, max, error, onChange }: CountFieldProps) {
  return (
    <Field label="Count" error={error} hint={`1–${max}`}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          step={1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A typed count as a number within 1…max. */
export function countOf(value: string, max: number): number {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) && n >= 1 ? Math.min(max, n) : 1;
}
