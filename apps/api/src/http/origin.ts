import type { IncomingMessage } from 'node:http';

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

/** The origin the client used: Host (and, behind a trusted proxy, X-Forwarded-Proto/-Host). */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = (name: string) => {
    const value = req.headers[name];
    return trustProxy && typeof value === 'string' ? value.split(',')[0]!.trim() : undefined;
  };
  const proto = forwarded('x-forwarded-proto') ?? 'http';
  const host = forwarded('x-forwarded-host') ?? req.headers.host ?? 'localhost';
  return `${proto}://${host}`;
}
