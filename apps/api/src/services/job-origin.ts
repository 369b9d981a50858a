import type { JobOrigin, Viewer } from '@atelier/domain';

/**
 * Where a job was asked for, by the door its request came in by (Insights' origin filter): the MCP
 * endpoint, a request with an API token, or the web app's session. Batches record BATCH themselves.
 */
export function originOf(viewer: Viewer): JobOrigin {
  if (viewer.door === 'mcp') return 'MCP';
  return viewer.via === 'token' ? 'API' : 'WEB';
}
