import type { SchemaContext } from '@atelier/schema/ports';
import { type DefinitionNode, type DocumentNode, GraphQLError, Kind, OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Bucket, RateLimitRepository } from '../repositories/rate-limit.repository';
import { isServiceUnavailable, serviceUnavailableGraphQLError } from './service-unavailable';

export interface MutationLimits {
  perUser: Bucket;
  perToken: Bucket;
}

// A person may burst 60 changes, then one a second; each of their API tokens, 30 then one every 2 s.
export const defaultMutationLimits: MutationLimits = {
  perUser: { capacity: 60, refillPerSecond: 1 },
  perToken: { capacity: 30, refillPerSecond: 0.5 },
};

/**
 * Takes one change from the person's bucket and, for an API token, the token's own (whichever door
 * the change came in by); the seconds until one is free again when either is empty, else null.
 */
export async function takeChangeBuckets(
  rateLimits: RateLimitRepository,
  viewer: { id: string; tokenId: string | null },
  limits: MutationLimits,
): Promise<number | null> {
  const checks = [rateLimits.take(`mutation:user:${viewer.id}`, limits.perUser)];
  if (viewer.tokenId) checks.push(rateLimits.take(`mutation:token:${viewer.tokenId}`, limits.perToken));
  const refused = (await Promise.all(checks)).find((result) => !result.allowed);
  return refused ? Math.ceil(refused.retryAfterMs / 1000) : null;
}

/** Mutations count against the person's bucket and, for API tokens, the token's own. */
export function useMutationRateLimit(
  rateLimits: RateLimitRepository,
  limits: MutationLimits = defaultMutationLimits,
): Plugin<SchemaContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (definition: DefinitionNode) =>
          definition.kind === Kind.OPERATION_DEFINITION &&
          (args.operationName == null || definition.name?.value === args.operationName),
      );
      if (
        operation?.kind !== Kind.OPERATION_DEFINITION ||
        operation.operation !== OperationTypeNode.MUTATION
      ) {
        return;
      }
      const viewer = (args.contextValue as SchemaContext).viewer;
      if (!viewer) return;
      let seconds: number | null;
      try {
        seconds = await takeChangeBuckets(rateLimits, viewer, limits);
      } catch (error) {
        // The buckets live in the database: when it is away, the mutation could not run anyway.
        if (!isServiceUnavailable(error)) throw error;
        setResultAndStopExecution({ errors: [serviceUnavailableGraphQLError(error)] });
        return;
      }
      if (seconds !== null) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`Too many changes in a short time; try again in ${seconds} s`, {
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
            }),
          ],
        });
      }
    },
  };
}
