/**
 * Whether a WebSocket upgrade may proceed: non-browser clients send no Origin; a browser page must
 * come from this server itself (same host) or from an origin configured as allowed.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
