import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useClient, type OperationResult } from 'urql';
import type { ImportImage_FromUrlMutation, ImportImage_UploadMutation } from '../../gql/graphql';
import { imageHref } from '../../lib/links';
import { useToast } from '../ui/toast';
import { ImportImage_FromUrl, ImportImage_Upload } from './import-documents';
import { importFailure, importRefusal, refuseBeforeUpload } from './import-limits';
import { ImportProgress, type Upload } from './import-progress';
import { progressFetch } from './progress-fetch';
import { useFileDropAndPaste } from './use-file-drop-and-paste';
import './import.css';

interface ImportApi {
  /** Uploads each file, with its progress shown, and says how each one went. */
  importFiles: (files: readonly File[]) => void;
  /** Imports the image at `url`: null when it is in the gallery, otherwise why not, in words. */
  importUrl: (url: string) => Promise<string | null>;
}

const ImportContext = createContext<ImportApi>({
  importFiles: () => {},
  importUrl: () => Promise.resolve(null),
});

export function useImports(): ImportApi {
  return useContext(ImportContext);
}

type ImportResult =
  OperationResult<ImportImage_UploadMutation> | OperationResult<ImportImage_FromUrlMutation>;

function outcomeIn(result: ImportResult) {
  return (
    result.data && ('importImage' in result.data ? result.data.importImage : result.data.importImageFromUrl)
  );
}

/**
 * Bringing your own images, from anywhere in the app: the upload button and URL form call it, a
 * file dropped onto the app or an image pasted lands here too. Each upload shows its progress
 * until the image is in the gallery (the lists take it from the mutation's answer).
 */
export function ImportProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const toast = useToast();
  const navigate = useNavigate();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const nextKey = useRef(1);

  const outcomeOf = useCallback(
    (name: string, result: ImportResult): string | null => {
      const outcome = outcomeIn(result);
      if (!outcome) return importFailure(result.error);
      if (outcome.__typename !== 'Image') return importRefusal(outcome);
      const { id } = outcome;
      toast.show({
        message: `Imported ${name}. It is in your gallery.`,
        action: { label: 'Open', onClick: () => void navigate(imageHref(id)) },
      });
      return null;
    },
    [navigate, toast],
  );

  const importFile = useCallback(
    async (file: File) => {
      const refusal = refuseBeforeUpload(file);
      if (refusal) {
        toast.show({ tone: 'error', message: `Could not import: ${refusal}` });
        return;
      }
      const key = nextKey.current++;
      setUploads((prev) => [...prev, { key, name: file.name, loaded: 0, total: file.size }]);
      const onProgress = ({ loaded, total }: { loaded: number; total: number }) =>
        setUploads((prev) =>
          prev.map((upload) => (upload.key === key ? { ...upload, loaded, total } : upload)),
        );
      const result = await client
        .mutation(ImportImage_Upload, { file }, { fetch: progressFetch(onProgress) })
        .toPromise();
      setUploads((prev) => prev.filter((upload) => upload.key !== key));
      const failure = outcomeOf(file.name, result);
      if (failure) toast.show({ tone: 'error', message: `Could not import ${file.name}: ${failure}` });
    },
    [client, outcomeOf, toast],
  );

  const importFiles = useCallback(
    (files: readonly File[]) => {
      for (const file of files) void importFile(file);
    },
    [importFile],
  );

  const importUrl = useCallback(
    async (url: string) => {
      const result = await client.mutation(ImportImage_FromUrl, { url }).toPromise();
      return outcomeOf(url, result);
    },
    [client, outcomeOf],
  );

  const dragging = useFileDropAndPaste(importFiles);
  const api = useMemo(() => ({ importFiles, importUrl }), [importFiles, importUrl]);

  return (
    <ImportContext.Provider value={api}>
      {children}
      {dragging && (
        <div className="import-drop-zone" aria-hidden="true">
          <p>Drop images to add them to your gallery</p>
        </div>
      )}
      <ImportProgress uploads={uploads} />
    </ImportContext.Provider>
  );
}
