import type { Viewer } from '@atelier/domain';
import type { App } from '../app';
import type { MutationLimits } from '../http/rate-limit.plugin';

/** What every tool, resource and prompt handler works with: one person's request over MCP. */
export interface McpContext {
  viewer: Viewer;
  app: Pick<App, 'services' | 'events' | 'repositories' | 'logger'>;
  /** This server's origin as the client reached it (for links a person can open). */
  baseUrl: string;
  /** How long a tool that starts a job waits for it before handing back the job id. */
  jobWaitMs: number;
  /** The limits on changes (the same buckets as GraphQL mutations); false turns them off (benchmarks). */
  rateLimits: false | MutationLimits;
}
