import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ImageOperation } from '../../gql/graphql';
import { ignoresShortcut } from '../../hooks/use-shortcuts';
import { useProviders } from '../generate/use-providers';
import { FilterSelect } from '../ui/filter-select';
import { BatchFilterChip } from './batch-filter-chip';
import { OPERATIONS, type GalleryFilterParams } from './gallery-filter';
import { parseTags } from './tag-editor';
import './gallery.css';

interface GalleryFiltersProps {
  params: GalleryFilterParams;
  onChange: (params: GalleryFilterParams) => void;
}

const SEARCH_DEBOUNCE_MS = 300;

export const OPERATION_LABELS: Record<ImageOperation, string> = {
  GENERATE: 'Generated',
  VARIATION: 'Variations',
  ENHANCE: 'Enhanced',
  RESTYLE: 'Restyled',
  EDIT: 'Edited',
  IMPORT: 'Imported',
  ADJUST: 'Adjusted in the editor',
  OUTPAINT: 'Expanded',
};

/** Search words, as typed, reach the URL (and the server) once typing pauses. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (text: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  // The URL changed elsewhere (Back, Clear filters): show that.
  if (value !== shown) {
    setShown(value);
    setText(value);
  }

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  // `/` focuses the search here (before the app-wide shortcut, which would focus a prompt). Attached
  // as the page commits, so no key pressed right after it appears can reach the app-wide one.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || ignoresShortcut(event)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return (
    <label className="filter filter-search">
      <span className="filter-label">Search prompts</span>
      <input
        ref={input}
        type="search"
        className="input input-small"
        placeholder='e.g. red boat, "misty forest", -night   ( / )'
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSearch(text.trim());
        }}
      />
    </label>
  );
}

/** Tags apply on Enter or when leaving the field, not on every keystroke. */
function TagsFilter({ tags, onTags }: { tags: readonly string[]; onTags: (tags: string[]) => void }) {
  const joined = tags.join(', ');
  const [text, setText] = useState(joined);
  const [shown, setShown] = useState(joined);
  if (joined !== shown) {
    setShown(joined);
    setText(joined);
  }
  const apply = () => {
    const next = parseTags(text);
    if (next.join(',') !== tags.join(',')) onTags(next);
  };
  return (
    <label className="filter">
      <span className="filter-label">Tags (all of)</span>
      <input
        className="input input-small"
        placeholder="sea, night"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
        }}
      />
    </label>
  );
}

export function GalleryFilters({ params, onChange }: GalleryFiltersProps) {
  const [{ data }] = useProviders();
  const providers = data?.providers ?? [];
  const models = providers
    .filter((provider) => !params.provider || provider.id === params.provider)
    .flatMap((provider) =>
      provider.capabilities.models.map((model) => ({ ...model, provider: provider.displayName })),
    );
  const { sort, ...filters } = params;
  const active = Object.keys(filters).length > 0;
  // Search, collection and batch show in the bar itself, not behind the Filters button.
  const narrowing = Object.keys(filters).filter(
    (key) => key !== 'q' && key !== 'collection' && key !== 'batch',
  ).length;
  const operation = params.operations?.length === 1 ? params.operations[0] : '';
  // On a narrow screen the filters fold behind one button, so the images start on the first screen.
  const [unfolded, setUnfolded] = useState(false);

  return (
    <form
      className="filter-bar"
      role="search"
      aria-label="Search and filter images"
      data-unfolded={unfolded || undefined}
      onSubmit={(e) => e.preventDefault()}
    >
      <SearchBox value={params.q ?? ''} onSearch={(q) => onChange({ ...params, q: q || undefined })} />
      <button
        type="button"
        className="button button-small filters-toggle"
        aria-expanded={unfolded}
        onClick={() => setUnfolded(!unfolded)}
      >
        {narrowing > 0 ? `Filters (${narrowing})` : 'Filters'}
      </button>
      <FilterSelect
        label="Provider"
        allLabel="All providers"
        value={params.provider ?? ''}
        options={[
          ...providers.map((provider) => ({ value: provider.id, label: provider.displayName })),
          ...(params.provider && !providers.some((p) => p.id === params.provider)
            ? [{ value: params.provider, label: params.provider }]
            : []),
        ]}
        onChange={(provider) => onChange({ ...params, provider: provider || undefined, model: undefined })}
      />
      <FilterSelect
        label="Model"
        allLabel="All models"
        value={params.model ?? ''}
        options={[
          ...models.map((model) => ({
            key: `${model.provider}/${model.id}`,
            value: model.id,
            label: model.name,
          })),
          ...(params.model && !models.some((m) => m.id === params.model)
            ? [{ value: params.model, label: params.model }]
            : []),
        ]}
        onChange={(model) => onChange({ ...params, model: model || undefined })}
      />
      <FilterSelect
        label="Made by"
        allLabel="Any operation"
        value={operation ?? ''}
        options={OPERATIONS.map((op) => ({ value: op, label: OPERATION_LABELS[op] }))}
        onChange={(op) => onChange({ ...params, operations: op ? [op as ImageOperation] : undefined })}
      />
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
      <TagsFilter
        tags={params.tags ?? []}
        onTags={(tags) => onChange({ ...params, tags: tags.length ? tags : undefined })}
      />
      <label className="filter filter-check">
        <input
          type="checkbox"
          checked={params.starred ?? false}
          onChange={(e) => onChange({ ...params, starred: e.target.checked || undefined })}
        />
        <span>Starred only</span>
      </label>
      <FilterSelect
        label="Order"
        allLabel="Newest first"
        value={sort ?? ''}
        options={[{ value: 'oldest', label: 'Oldest first' }]}
        onChange={(order) => onChange({ ...params, sort: order === 'oldest' ? 'oldest' : undefined })}
      />
      {params.collection && (
        <p className="filter-chip">
          In one collection
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label="Show images from every collection"
            onClick={() => onChange({ ...params, collection: undefined })}
          >
            ×
          </button>
        </p>
      )}
      {params.batch && (
        <BatchFilterChip batchId={params.batch} onClear={() => onChange({ ...params, batch: undefined })} />
      )}
      {active && (
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => onChange(sort ? { sort } : {})}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
