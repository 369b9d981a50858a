import type { Viewer } from '@atelier/domain';
import type { SchemaContext, SchemaServices, SessionControl } from '@atelier/schema/ports';
import { isServiceUnavailable, serviceUnavailableGraphQLError } from './http/service-unavailable';

/** What identifies a caller: HTTP headers, or graphql-ws connection params for WebSocket operations. */
export interface RequestCredentials {
  headers?: { get(name: string): string | null } | undefined;
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
}

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
