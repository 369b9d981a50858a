/** Global ids are base64 and may hold "/" or "+", so they are always encoded in paths. */
export function imageHref(id: string, search = ''): string {
  return `/images/${encodeURIComponent(id)}${search}`;
}

/** The editor for an image (its own lazy chunk). */
export function imageEditHref(id: string): string {
  return `/images/${encodeURIComponent(id)}/edit`;
}
