import type { Viewer } from '@atelier/domain';
import type { SchemaContext, SchemaServices, SessionControl } from '@atelier/schema/ports';
import type { RequestCredentials } from './http/credentials';
import { isServiceUnavailable, serviceUnavailableGraphQLError } from './http/service-unavailable';

export type { RequestCredentials };

export type ViewerResolver = (credentials: RequestCredentials) => Promise<Viewer | null>;

export interface ContextSources {
  services: SchemaServices;
  resolveViewer: ViewerResolver;
}

/** A fresh context per HTTP request or WebSocket operation (dataloaders are cached per context). */
export async function createContext(
  sources: ContextSources,
  credentials: RequestCredentials,
  session: SessionControl,
): Promise<SchemaContext> {
  try {
    return { viewer: await sources.resolveViewer(credentials), services: sources.services, session };
  } catch (error) {
    // Who is asking could not be read: say so as a typed, retryable refusal, not a masked 500.
    if (isServiceUnavailable(error)) throw serviceUnavailableGraphQLError(error);
    throw error;
  }
}
