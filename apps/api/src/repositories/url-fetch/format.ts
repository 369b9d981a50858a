const units = [
  [1024 * 1024 * 1024, 'GB'],
  [1024 * 1024, 'MB'],
  [1024, 'KB'],
] as const;

/** "20 MB", "1.5 KB", "512 bytes": binary units, as people read file sizes. */
export function formatBytes(bytes: number): string {
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
