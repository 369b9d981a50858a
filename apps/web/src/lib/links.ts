/** Global ids are base64 and may hold "/" or "+", so they are always encoded in paths. */
export function imageHref(id: string, search = ''): string {
  return `/images/${encodeURIComponent(id)}${search}`;
}
