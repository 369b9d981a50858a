import { useRef, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { PresetCard } from '../components/library/preset-card';
import { PresetDialog } from '../components/library/preset-dialog';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { PlusIcon } from '../components/ui/icons';
import { useToast } from '../components/ui/toast';
import { graphql } from '../gql';
import type { PresetCard_PresetFragment } from '../gql/graphql';
import '../components/library/library.css';

export const PresetsPage_Presets = graphql(`
  query PresetsPage_Presets($first: Int!, $after: String) {
    stylePresets(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...PresetCard_Preset
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PresetsPage_Export = graphql(`
  query PresetsPage_Export {
    exportStylePresets {
      json
    }
  }
`);

export const PresetsPage_Import = graphql(`
  mutation PresetsPage_Import($json: String!) {
    importStylePresets(json: $json) {
      __typename
      ... on ImportedStylePresets {
        presets {
          id
        }
      }
      ...FormErrors_Error
    }
  }
`);

/** Style presets: the starter set and your own; use, duplicate, edit, import and export them. */
export default function PresetsPage() {
  const [after, setAfter] = useState<string | null>(null);
  const [editing, setEditing] = useState<PresetCard_PresetFragment | null>(null);
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const client = useClient();
  const toast = useToast();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: PresetsPage_Presets,
    variables: { first: 24, after },
  });
  const [{ fetching: importing }, importPresets] = useMutation(PresetsPage_Import);
  const presets = data?.stylePresets.edges.map((edge) => edge.node) ?? [];
  // Only your own presets are exported; the starter set ships with every Atelier.
  const nothingToExport =
    !!data &&
    after === null &&
    !data.stylePresets.pageInfo.hasNextPage &&
    presets.every((preset) => preset.starter);

  const exportAll = async () => {
    const result = await client.query(PresetsPage_Export, {}, { requestPolicy: 'network-only' }).toPromise();
    const json = result.data?.exportStylePresets.json;
    if (!json) {
      setProblem('Could not export the presets. Try again.');
      return;
    }
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'atelier-style-presets.json';
    link.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File) => {
    setProblem(null);
    const result = await importPresets({ json: await file.text() });
    const outcome = result.data?.importStylePresets;
    if (result.error || !outcome) setProblem('Could not reach the server. Try again.');
    else if (outcome.__typename === 'ImportedStylePresets') {
      const count = outcome.presets.length;
      toast.show({ message: `Imported ${count} ${count === 1 ? 'preset' : 'presets'}.` });
    } else if (outcome.__typename === 'InvalidInputError') {
      setProblem(`That file cannot be imported: ${outcome.issues.map((issue) => issue.message).join(' ')}`);
    } else setProblem(outcome.message);
  };

  return (
    <div className="page presets-page">
      <div className="page-header">
        <h1>Style presets</h1>
        <div className="library-tools">
          <button
            type="button"
            className="button"
            disabled={nothingToExport}
            aria-describedby={nothingToExport ? 'presets-export-why' : undefined}
            title={nothingToExport ? undefined : 'Download your own presets as a JSON file'}
            onClick={() => void exportAll()}
          >
            Export JSON
          </button>
          {nothingToExport && (
            <span id="presets-export-why" className="muted">
              Export saves your own presets; the starter ones come with Atelier. Make or duplicate one first.
            </span>
          )}
          <button
            type="button"
            className="button"
            disabled={importing}
            onClick={() => fileRef.current?.click()}
          >
            Import JSON…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            aria-label="Style presets file to import"
            tabIndex={-1}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            <PlusIcon />
            <span>New preset</span>
          </button>
        </div>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {error && !data ? (
        <ErrorState
          what="the style presets"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <LoadingState label="Loading presets…" />
      ) : presets.length === 0 ? (
        <EmptyState title="No presets">
          A preset keeps a whole Generate setup: provider, size, style, and words around the prompt.
        </EmptyState>
      ) : (
        <>
          <ul className="preset-grid" aria-label="Style presets">
            {presets.map((preset) => (
              <li key={preset.id}>
                <PresetCard preset={preset} onEdit={setEditing} />
              </li>
            ))}
          </ul>
          {data?.stylePresets.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => setAfter(data.stylePresets.pageInfo.endCursor ?? null)}
            >
              Show more
            </button>
          )}
        </>
      )}
      <PresetDialog open={creating} onClose={() => setCreating(false)} editing={null} />
      <PresetDialog open={editing !== null} onClose={() => setEditing(null)} editing={editing} />
    </div>
  );
}
