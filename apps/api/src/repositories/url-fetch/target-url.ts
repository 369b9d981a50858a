import { isIP } from 'node:net';

import { UrlFetchError } from './url-fetch-error';

/**
 * The ports browsers refuse to fetch from (the Fetch standard's "bad ports"): services that
 * speak line-based protocols a crafted HTTP request can talk to (SMTP, IRC, SIP, …). Every
 * other port is allowed: the address check already keeps us on public hosts, and image hosts
 * do live on 8080 and friends.
 */
const badPorts = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export interface Target {
  url: URL;
  /** The host without IPv6 brackets, as sockets and resolvers want it. */
  host: string;
  /** The URL names an IP address, so there is nothing to resolve. */
  literal: boolean;
}

/**
 * Parses with WHATWG URL, which also turns every spelling of an IPv4 address (2130706433,
 * 0x7f000001, 0177.0.0.1, 127.1) into dotted decimal, so the address check sees the real address.
 */
export function parseTarget(input: string, base?: URL): Target {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new UrlFetchError('INVALID_URL', `${quote(input)} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlFetchError('INVALID_URL', `only http and https URLs are allowed, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new UrlFetchError('INVALID_URL', 'URLs with a user name or password are not allowed');
  }
  if (url.port && badPorts.has(Number(url.port))) {
    throw new UrlFetchError('FORBIDDEN_ADDRESS', `port ${url.port} is not allowed`);
  }
  const bracketed = url.hostname.startsWith('[');
  const host = bracketed ? url.hostname.slice(1, -1) : url.hostname;
  return { url, host, literal: isIP(host) !== 0 };
}

function quote(input: string): string {
  return JSON.stringify(input.length > 100 ? `${input.slice(0, 100)}…` : input);
}
