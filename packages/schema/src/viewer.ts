import type { Viewer } from '@atelier/domain';
import { GraphQLError } from 'graphql';
import type { SchemaContext } from './ports';

/** The signed-in person, or a protocol error clients read from `extensions.code`. */
export function requireViewer(ctx: SchemaContext): Viewer {
  if (!ctx.viewer) {
    throw new GraphQLError('Sign in to continue', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return ctx.viewer;
}
