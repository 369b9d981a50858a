import { describe, expect, it } from 'vitest';
import { UrlFetchError, UrlFetchRepository } from './url-fetch.repository';
import { resolveTarget } from './url-fetch/resolve-target';
import { parseTarget } from './url-fetch/target-url';
import { tableResolver } from './url-fetch/testing/loopback-server';

// Names a hostile page could point at; each resolves (in this fake DNS) to a special address.
const dns = {
  'private.example.com': '10.0.0.5',
  'rfc1918-172.example.com': '172.20.1.1',
  'home-router.example.com': '192.168.0.1',
  'metadata.example.com': '169.254.169.254',
  'cgnat.example.com': '100.64.1.1',
  '127.0.0.1.nip.io': '127.0.0.1',
  'v6-loopback.example.com': '::1',
  'ula.example.com': 'fd00::1',
  'mapped.example.com': '::ffff:10.0.0.5',
  'nat64.example.com': '64:ff9b::a9fe:a9fe',
  'sixtofour.example.com': '2002:a00:5::1',
  'teredo.example.com': '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  // One bad answer among good ones refuses the host: a later connection could pick any of them.
  'mixed.example.com': ['93.184.216.34', '2606:2800:220:1::1', '10.1.2.3'],
  'public.example.com': '93.184.216.34',
  'public-v6.example.com': '2606:2800:220:1:248:1893:25c8:1946',
  'dual.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'nat64-public.example.com': '64:ff9b::5db8:d822',
};

const refused: [url: string, reason: UrlFetchError['reason'], message: string][] = [
  // Literal IPv4, in every spelling WHATWG URL accepts.
  ['http://127.0.0.1/', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://127.0.0.1:8080/admin', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://2130706433/', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://0x7f000001/', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://0177.0.0.1/', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://127.1/', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://0x7f.0.0.1/', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://127.0.0.1./', 'FORBIDDEN_ADDRESS', 'the address 127.0.0.1 is loopback'],
  ['http://0/', 'FORBIDDEN_ADDRESS', 'the address 0.0.0.0 is unspecified'],
  ['http://0.0.0.0/', 'FORBIDDEN_ADDRESS', 'the address 0.0.0.0 is unspecified'],
  ['http://10.0.0.5/', 'FORBIDDEN_ADDRESS', 'the address 10.0.0.5 is private'],
  ['http://167772165/', 'FORBIDDEN_ADDRESS', 'the address 10.0.0.5 is private'],
  ['http://172.16.0.1/', 'FORBIDDEN_ADDRESS', 'the address 172.16.0.1 is private'],
  ['http://172.31.255.254/', 'FORBIDDEN_ADDRESS', 'the address 172.31.255.254 is private'],
  ['http://192.168.1.1/', 'FORBIDDEN_ADDRESS', 'the address 192.168.1.1 is private'],
  ['http://0xc0a80101/', 'FORBIDDEN_ADDRESS', 'the address 192.168.1.1 is private'],
  [
    'http://169.254.169.254/latest/meta-data',
    'FORBIDDEN_ADDRESS',
    'the address 169.254.169.254 is the cloud metadata address',
  ],
  ['http://2852039166/', 'FORBIDDEN_ADDRESS', 'the address 169.254.169.254 is the cloud metadata address'],
  ['http://169.254.10.10/', 'FORBIDDEN_ADDRESS', 'the address 169.254.10.10 is link-local'],
  ['http://100.64.0.1/', 'FORBIDDEN_ADDRESS', 'the address 100.64.0.1 is shared carrier-grade NAT space'],
  [
    'http://192.0.0.1/',
    'FORBIDDEN_ADDRESS',
    'the address 192.0.0.1 is reserved for IETF protocol assignments',
  ],
  ['http://198.18.0.1/', 'FORBIDDEN_ADDRESS', 'the address 198.18.0.1 is reserved for benchmarking'],
  ['http://192.0.2.10/', 'FORBIDDEN_ADDRESS', 'the address 192.0.2.10 is reserved for documentation'],
  ['http://198.51.100.10/', 'FORBIDDEN_ADDRESS', 'the address 198.51.100.10 is reserved for documentation'],
  ['http://203.0.113.10/', 'FORBIDDEN_ADDRESS', 'the address 203.0.113.10 is reserved for documentation'],
  ['http://224.0.0.251/', 'FORBIDDEN_ADDRESS', 'the address 224.0.0.251 is multicast'],
  ['http://240.0.0.1/', 'FORBIDDEN_ADDRESS', 'the address 240.0.0.1 is reserved'],
  ['http://255.255.255.255/', 'FORBIDDEN_ADDRESS', 'the address 255.255.255.255 is the broadcast address'],
  // Literal IPv6.
  ['http://[::1]/', 'FORBIDDEN_ADDRESS', 'the address ::1 is loopback'],
  ['http://[0:0:0:0:0:0:0:1]:8080/', 'FORBIDDEN_ADDRESS', 'the address ::1 is loopback'],
  ['http://[::]/', 'FORBIDDEN_ADDRESS', 'the address :: is unspecified'],
  [
    'http://[::ffff:127.0.0.1]/',
    'FORBIDDEN_ADDRESS',
    'the address ::ffff:7f00:1 is loopback (it carries the IPv4 address 127.0.0.1)',
  ],
  [
    'http://[::ffff:7f00:1]/',
    'FORBIDDEN_ADDRESS',
    'the address ::ffff:7f00:1 is loopback (it carries the IPv4 address 127.0.0.1)',
  ],
  [
    'http://[::ffff:169.254.169.254]/',
    'FORBIDDEN_ADDRESS',
    'is the cloud metadata address (it carries the IPv4 address 169.254.169.254)',
  ],
  [
    'http://[::127.0.0.1]/',
    'FORBIDDEN_ADDRESS',
    'the address ::7f00:1 is a deprecated IPv4-compatible address',
  ],
  [
    'http://[64:ff9b::10.0.0.5]/',
    'FORBIDDEN_ADDRESS',
    'the address 64:ff9b::a00:5 is private (it carries the IPv4 address 10.0.0.5)',
  ],
  ['http://[2002:7f00:1::1]/', 'FORBIDDEN_ADDRESS', 'is loopback (it carries the IPv4 address 127.0.0.1)'],
  ['http://[2002:c0a8:101::]/', 'FORBIDDEN_ADDRESS', 'is private (it carries the IPv4 address 192.168.1.1)'],
  ['http://[2001:0:4136:e378::1]/', 'FORBIDDEN_ADDRESS', 'is a Teredo tunnel address'],
  ['http://[2001:db8::1]/', 'FORBIDDEN_ADDRESS', 'the address 2001:db8::1 is reserved for documentation'],
  ['http://[fc00::1]/', 'FORBIDDEN_ADDRESS', 'the address fc00::1 is private (unique local)'],
  ['http://[fd00:ec2::254]/', 'FORBIDDEN_ADDRESS', 'the address fd00:ec2::254 is the cloud metadata address'],
  ['http://[fe80::1]/', 'FORBIDDEN_ADDRESS', 'the address fe80::1 is link-local'],
  ['http://[ff02::1]/', 'FORBIDDEN_ADDRESS', 'the address ff02::1 is multicast'],
  // Names refused before any lookup.
  ['http://localhost/', 'FORBIDDEN_ADDRESS', 'the host name localhost is reserved for this machine'],
  ['http://LOCALHOST:3000/', 'FORBIDDEN_ADDRESS', 'the host name localhost is reserved for this machine'],
  ['http://localhost./', 'FORBIDDEN_ADDRESS', 'the host name localhost. is reserved for this machine'],
  ['http://api.localhost/', 'FORBIDDEN_ADDRESS', 'the host name api.localhost is reserved for this machine'],
  [
    'http://metadata.google.internal/computeMetadata/v1/',
    'FORBIDDEN_ADDRESS',
    'the host name metadata.google.internal is the cloud metadata service',
  ],
  ['http://instance-data.ec2.internal/', 'FORBIDDEN_ADDRESS', 'is reserved for private networks'],
  ['http://printer.local/', 'FORBIDDEN_ADDRESS', 'is reserved for multicast DNS on the local network'],
  ['http://nas.home.arpa/', 'FORBIDDEN_ADDRESS', 'is reserved for home networks'],
  ['http://metadata/', 'FORBIDDEN_ADDRESS', 'the host name metadata is not a public domain name'],
  // Names whose DNS answers are special.
  [
    'http://private.example.com/a.png',
    'FORBIDDEN_ADDRESS',
    'the host private.example.com resolves to 10.0.0.5, which is private',
  ],
  ['http://rfc1918-172.example.com/', 'FORBIDDEN_ADDRESS', 'resolves to 172.20.1.1, which is private'],
  ['http://home-router.example.com/', 'FORBIDDEN_ADDRESS', 'resolves to 192.168.0.1, which is private'],
  [
    'http://metadata.example.com/',
    'FORBIDDEN_ADDRESS',
    'resolves to 169.254.169.254, which is the cloud metadata address',
  ],
  [
    'http://cgnat.example.com/',
    'FORBIDDEN_ADDRESS',
    'resolves to 100.64.1.1, which is shared carrier-grade NAT space',
  ],
  [
    'http://127.0.0.1.nip.io/',
    'FORBIDDEN_ADDRESS',
    'the host 127.0.0.1.nip.io resolves to 127.0.0.1, which is loopback',
  ],
  ['https://v6-loopback.example.com/', 'FORBIDDEN_ADDRESS', 'resolves to ::1, which is loopback'],
  ['https://ula.example.com/', 'FORBIDDEN_ADDRESS', 'resolves to fd00::1, which is private (unique local)'],
  ['https://mapped.example.com/', 'FORBIDDEN_ADDRESS', 'resolves to ::ffff:10.0.0.5, which is private'],
  [
    'https://nat64.example.com/',
    'FORBIDDEN_ADDRESS',
    'which is the cloud metadata address (it carries the IPv4 address 169.254.169.254)',
  ],
  [
    'https://sixtofour.example.com/',
    'FORBIDDEN_ADDRESS',
    'which is private (it carries the IPv4 address 10.0.0.5)',
  ],
  ['https://teredo.example.com/', 'FORBIDDEN_ADDRESS', 'which is a Teredo tunnel address'],
  [
    'https://mixed.example.com/',
    'FORBIDDEN_ADDRESS',
    'the host mixed.example.com resolves to 10.1.2.3, which is private',
  ],
  // Schemes, credentials, ports.
  ['file:///etc/passwd', 'INVALID_URL', 'only http and https URLs are allowed, not file:'],
  ['data:image/png;base64,iVBORw0KGgo=', 'INVALID_URL', 'only http and https URLs are allowed, not data:'],
  ['ftp://public.example.com/a.png', 'INVALID_URL', 'only http and https URLs are allowed, not ftp:'],
  ['gopher://public.example.com:70/_GET', 'INVALID_URL', 'only http and https URLs are allowed, not gopher:'],
  ['javascript:alert(1)', 'INVALID_URL', 'only http and https URLs are allowed, not javascript:'],
  ['blob:https://public.example.com/0b5c', 'INVALID_URL', 'only http and https URLs are allowed, not blob:'],
  [
    'http://user:pass@public.example.com/',
    'INVALID_URL',
    'URLs with a user name or password are not allowed',
  ],
  ['http://public.example.com:25/', 'FORBIDDEN_ADDRESS', 'port 25 is not allowed'],
  ['not a url', 'INVALID_URL', '"not a url" is not a valid URL'],
];

describe('UrlFetchRepository refuses before connecting', () => {
  const fetcher = new UrlFetchRepository({ maxBytes: 1024, timeoutMs: 2000 });

  it('covers at least 40 cases', () => {
    expect(refused.length).toBeGreaterThanOrEqual(40);
  });

  it.each(refused)('%s → %s', async (url, reason, message) => {
    const { resolve, calls } = tableResolver(dns);
    const error = await fetcher.fetch(url, { resolve }).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(UrlFetchError);
    expect(error).toMatchObject({ reason, message: expect.stringContaining(message) });
    // Only names reach DNS: literals, schemes and refused names are decided on the URL alone.
    const host = URL.canParse(url) ? new URL(url).hostname : '';
    if (!(host in dns)) expect(calls).toEqual([]);
  });
});

describe('resolveTarget lets public hosts through (classification only, no connection)', () => {
  it.each([
    ['http://public.example.com/a.png', ['93.184.216.34']],
    ['https://public-v6.example.com/', ['2606:2800:220:1:248:1893:25c8:1946']],
    ['https://dual.example.com/', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']],
    ['https://nat64-public.example.com/', ['64:ff9b::5db8:d822']],
    ['http://93.184.216.34/', ['93.184.216.34']],
    ['http://1572395042/', ['93.184.216.34']],
    ['https://[2606:4700:4700::1111]:8443/', ['2606:4700:4700::1111']],
  ])('%s', async (url, addresses) => {
    const { resolve } = tableResolver(dns);
    const answers = await resolveTarget(parseTarget(url), { resolve, allowAddresses: [] });
    expect(answers.map(({ address }) => address)).toEqual(addresses);
  });

  it('reports a name that does not resolve as a network failure', async () => {
    const { resolve } = tableResolver(dns);
    await expect(
      resolveTarget(parseTarget('https://nowhere.example.com/'), { resolve, allowAddresses: [] }),
    ).rejects.toMatchObject({ reason: 'NETWORK', message: 'the host nowhere.example.com was not found' });
  });

  it('allows exactly the listed special addresses, in any spelling', async () => {
    const policy = { resolve: tableResolver(dns).resolve, allowAddresses: ['::ffff:127.0.0.1'] };
    await expect(resolveTarget(parseTarget('http://[::ffff:7f00:1]/'), policy)).resolves.toHaveLength(1);
    await expect(resolveTarget(parseTarget('http://127.0.0.2/'), policy)).rejects.toMatchObject({
      reason: 'FORBIDDEN_ADDRESS',
    });
  });
});
