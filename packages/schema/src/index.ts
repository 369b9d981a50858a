import { complexityFromQuery } from '@pothos/plugin-complexity';
import { builder } from './builder';
import './modules/scalars';
import './modules/error';
import './modules/quality';
import './modules/operation';
import './modules/provider';
import './modules/image';
import './modules/gallery';
import './modules/job';
import './modules/generation';
import './modules/image-edits';
import './modules/account';
import './modules/connected-app';
import './modules/admin';
import './modules/collection';
import './modules/share';
import './modules/import';
import './modules/prompt';
import './modules/template';
import './modules/preset';
import './modules/batch';
import './modules/library-events';
import './modules/insights';
import './modules/webhook';

builder.queryType({ description: 'Read the studio.' });
builder.mutationType({ description: 'Change the studio.' });
builder.subscriptionType({ description: 'Follow the studio live.' });

export const schema = builder.toSchema({ sortSchema: true });

export { isArgumentError } from './argument-error';
export { MAX_COMPLEXITY } from './complexity';

/** What the server counts a query as (with these variables) against MAX_COMPLEXITY. */
export function queryComplexity(query: string, variables: Record<string, unknown> = {}): number {
  return complexityFromQuery(query, { schema, ctx: {}, variables }).complexity;
}

/** The zod rules of image-making arguments, shared with the MCP tools. */
export {
  enhanceScaleRule,
  generatePromptRule,
  imageParamRules,
  MAX_SEED,
  promptRule,
  styleTextRule,
} from './image-param-rules';
