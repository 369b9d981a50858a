import type { SessionControl } from '@atelier/schema/ports';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from '../auth/session-cookie';

/** Where a request came from: the socket's peer, or what a trusted reverse proxy says it saw. */
export interface ClientInfo {
  address: string | null;
  https: boolean;
}

export function clientInfo(request: Request, socketAddress: string | null, trustProxy: boolean): ClientInfo {
  if (!trustProxy) return { address: socketAddress, https: new URL(request.url).protocol === 'https:' };
  // The proxy appends the peer it saw, so the last entry is the one no client can forge.
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return {
    address: forwarded || socketAddress,
    https: proto === 'https' || new URL(request.url).protocol === 'https:',
  };
}

/** The session of one HTTP request: Set-Cookie headers collected here go out with its response. */
export function httpSession(request: Request, client: ClientInfo, setCookies: string[]): SessionControl {
  const secure = client.https;
  const clientAddress = client.address;
  return {
    start: (token, expiresAt) => setCookies.push(sessionCookie(token, expiresAt, secure)),
    end: () => setCookies.push(clearedSessionCookie(secure)),
    current: () => readSessionCookie(request.headers.get('cookie')),
    userAgent: request.headers.get('user-agent'),
    clientAddress,
  };
}

/** Over WebSocket there is no response to set cookies on: sign-in and sign-out need HTTP. */
export function socketSession(
  cookieHeader: string | undefined,
  userAgent: string | undefined,
  clientAddress: string | null,
): SessionControl {
  return new SocketSession(cookieHeader, userAgent ?? null, clientAddress);
}

/** One per WebSocket operation, thousands at once: its methods on the prototype, not closures each. */
class SocketSession implements SessionControl {
  constructor(
    private readonly cookieHeader: string | undefined,
    readonly userAgent: string | null,
    readonly clientAddress: string | null,
  ) {}

  start(): void {}

  end(): void {}

  current(): string | null {
    return readSessionCookie(this.cookieHeader);
  }
}
