/** One file on its way to the server. */
export interface Upload {
  key: number;
  name: string;
  loaded: number;
  total: number;
}

function percent({ loaded, total }: Upload): number {
  return total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
}

/** The uploads in flight, each with its progress; once sent, the server re-encodes it ("Processing…"). */
export function ImportProgress({ uploads }: { uploads: readonly Upload[] }) {
  if (uploads.length === 0) return null;
  return (
    <section className="import-progress" aria-label="Uploads">
      <ul>
        {uploads.map((upload) => {
          const done = percent(upload);
          return (
            <li key={upload.key} className="import-progress-item">
              <span className="import-progress-name">{upload.name}</span>
              <progress max={100} value={done} aria-label={`Uploading ${upload.name}`} />
              <span className="import-progress-state">{done < 100 ? `${done}%` : 'Processing…'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
