import { useProviders } from '../generate/use-providers';
import type { GalleryFilterParams } from './gallery-filter';

interface GalleryFiltersProps {
  params: GalleryFilterParams;
  onChange: (params: GalleryFilterParams) => void;
}

export function GalleryFilters({ params, onChange }: GalleryFiltersProps) {
  const [{ data }] = useProviders();
  const providers = data?.providers ?? [];
  const active = !!(params.provider || params.from || params.to);
  return (
    <form
      className="filter-bar"
      role="search"
      aria-label="Filter images"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="filter">
        <span className="filter-label">Provider</span>
        <select
          className="input input-small"
          value={params.provider ?? ''}
          onChange={(e) => onChange({ ...params, provider: e.target.value || undefined })}
        >
          <option value="">All providers</option>
          {providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.displayName}
            </option>
          ))}
          {params.provider && !providers.some((p) => p.id === params.provider) && (
            <option value={params.provider}>{params.provider}</option>
          )}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">From</span>
        <input
          className="input input-small"
          type="date"
          value={params.from ?? ''}
          max={params.to}
          onChange={(e) => onChange({ ...params, from: e.target.value || undefined })}
        />
      </label>
      <label className="filter">
        <span className="filter-label">To</span>
        <input
          className="input input-small"
          type="date"
          value={params.to ?? ''}
          min={params.from}
          onChange={(e) => onChange({ ...params, to: e.target.value || undefined })}
        />
      </label>
      {active && (
        <button type="button" className="button button-ghost button-small" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}
