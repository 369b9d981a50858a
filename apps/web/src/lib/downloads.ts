/** The most images a selection's zip holds: their ids travel in the URL (the server refuses more). */
export const MAX_SELECTION_ZIP_IMAGES = 200;

/**
 * A file URL that downloads as an attachment named after the prompt, date and seed; `webp` asks for
 * a full-size WebP copy. Keeps what the URL already says (a share link's token).
 */
export function fileDownloadHref(url: string, format: 'original' | 'webp' = 'original'): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('download', '1');
  if (format === 'webp') params.set('format', 'webp');
  return `${path}?${params.toString()}`;
}

export function selectionZipHref(ids: readonly string[]): string {
  return `/downloads/images.zip?ids=${ids.map(encodeURIComponent).join(',')}`;
}

export function collectionZipHref(id: string): string {
  return `/downloads/collections/${encodeURIComponent(id)}.zip`;
}

export function batchZipHref(id: string): string {
  return `/downloads/batches/${encodeURIComponent(id)}.zip`;
}

export function sharedCollectionZipHref(token: string): string {
  return `/downloads/shared/${encodeURIComponent(token)}.zip`;
}
