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

/** One compact select of a filter bar (gallery, jobs, insights), its label above it. */
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

interface FilterDateProps {
  label: string;
  /** `YYYY-MM-DD`, or "" for no bound. */
  value: string;
  min?: string | undefined;
  max?: string | undefined;
  onChange: (value: string) => void;
}

/** One date bound of a filter bar (from, until), in the same compact shape as FilterSelect. */
export function FilterDate({ label, value, min, max, onChange }: FilterDateProps) {
  return (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <input
        className="input input-small"
        type="date"
        value={value}
        min={min}
        max={max}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

interface FilterDateRangeProps {
  /** `YYYY-MM-DD`, or undefined for no bound. */
  from: string | undefined;
  until: string | undefined;
  /** "Until" or "To": the second bound's label. */
  untilLabel: string;
  onFromChange: (value: string) => void;
  onUntilChange: (value: string) => void;
}

/** A From/Until pair of date bounds, each limiting the other so the range cannot invert. */
export function FilterDateRange({
  from,
  until,
  untilLabel,
  onFromChange,
  onUntilChange,
}: FilterDateRangeProps) {
  return (
    <>
      <FilterDate label="From" value={from ?? ''} max={until} onChange={onFromChange} />
      <FilterDate label={untilLabel} value={until ?? ''} min={from} onChange={onUntilChange} />
    </>
  );
}
