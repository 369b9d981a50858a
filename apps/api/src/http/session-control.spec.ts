import { describe, expect, it } from 'vitest';
import { clientInfo, httpSession } from './session-control';

const request = (headers: Record<string, string>, url = 'http://atelier.example/graphql') =>
  new Request(url, { headers });

describe('clientInfo', () => {
  it('uses the socket peer and ignores forwarding headers unless the proxy is trusted', () => {
    const forged = request({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' });
    expect(clientInfo(forged, '10.0.0.2', false)).toEqual({ address: '10.0.0.2', https: false });
  });

  it('behind a trusted proxy takes the address the proxy appended and its protocol', () => {
    const proxied = request({ 'x-forwarded-for': '198.51.100.7, 203.0.113.9', 'x-forwarded-proto': 'https' });
    expect(clientInfo(proxied, '10.0.0.2', true)).toEqual({ address: '203.0.113.9', https: true });
  });

  it('sets a __Host- Secure cookie when the client came over https', () => {
    const cookies: string[] = [];
    httpSession(request({}), { address: null, https: true }, cookies).start(
      'secret',
      new Date(Date.now() + 60_000),
    );
    expect(cookies[0]).toMatch(/^__Host-atelier_session=secret; .*HttpOnly.*Secure/);
  });
});
