import { useId } from 'react';

interface EditorSliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** The value that changes nothing: a double-click goes back to it. */
  neutral: number;
  format: (value: number) => string;
  onChange: (value: number) => void;
}

/** A labelled range with its value; double-click (or Delete) resets it to neutral. */
export function EditorSlider({ label, value, min, max, step, neutral, format, onChange }: EditorSliderProps) {
  const id = useId();
  const text = format(value);
  return (
    <div className="editor-slider" data-changed={value !== neutral || undefined}>
      <div className="editor-slider-head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id}>{text}</output>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={text}
        title="Double-click to reset"
        onChange={(event) => onChange(Number(event.target.value))}
        onDoubleClick={() => onChange(neutral)}
        onKeyDown={(event) => {
          if (event.key === 'Delete' || event.key === 'Backspace') {
            event.preventDefault();
            onChange(neutral);
          }
        }}
      />
    </div>
  );
}
