import './filter-select.css';

interface FilterSelectProps {
  label: string;
  /** The first choice, worth "": no narrowing. */
  allLabel: string;
  value: string;
  /** `key` when values may repeat (models of different providers). */
  options: readonly { key?: string; value: string; label: string }[];
  onChange: (value: string) => void;
}

/** One compact select of a filter bar (gallery, jobs), its label above it. */
export function FilterSelect({ label, allLabel, value, options, onChange }: FilterSelectProps) {
  return (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <select className="input input-small" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.key ?? option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
