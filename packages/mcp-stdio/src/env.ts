/** The whole configuration: where Atelier runs and the API token to use there. */
export interface BridgeEnv {
  /** Atelier's /mcp endpoint. */
  url: URL;
  token: string | undefined;
  /** A configuration mistake every request answers with (the bridge keeps running: no restart loop). */
  problem: string | undefined;
}

export const DEFAULT_ATELIER_URL = 'http://localhost:4000';

/** The only reader of `process.env`. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): BridgeEnv {
  const raw = env.ATELIER_URL?.trim() || DEFAULT_ATELIER_URL;
  const token = env.ATELIER_TOKEN?.trim() || undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const problem = `ATELIER_URL must be Atelier's http(s) address, e.g. ${DEFAULT_ATELIER_URL}; it is "${raw}".`;
    return { url: mcpEndpoint(new URL(DEFAULT_ATELIER_URL)), token, problem };
  }
  return { url: mcpEndpoint(url), token, problem: undefined };
}

/** `http://host:4000` and `http://host:4000/mcp` both mean the endpoint `/mcp`. */
export function mcpEndpoint(base: URL): URL {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/mcp') ? path : `${path}/mcp`;
  url.search = '';
  url.hash = '';
  return url;
}
