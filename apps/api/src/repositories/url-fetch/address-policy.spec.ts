import { describe, expect, it } from 'vitest';
import { addressRefusal, canonicalAddress } from './address-policy';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.88.99.1', '6to4 relay'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.175.48.1', 'special use (as112)'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::a00:5', 'IPv4-compatible'],
    ['::ffff:127.0.0.1', 'loopback (it carries the IPv4 address 127.0.0.1)'],
    ['::ffff:7f00:1', 'loopback (it carries the IPv4 address 127.0.0.1)'],
    ['::ffff:a9fe:a9fe', 'the cloud metadata address (it carries the IPv4 address 169.254.169.254)'],
    ['::ffff:0:a00:5', 'special use (rfc6145)'],
    ['64:ff9b::a00:5', 'private (it carries the IPv4 address 10.0.0.5)'],
    ['64:ff9b::127.0.0.1', 'loopback (it carries the IPv4 address 127.0.0.1)'],
    ['64:ff9b:1::5db8:d822', 'local-use NAT64'],
    ['2002:c0a8:101::1', 'private (it carries the IPv4 address 192.168.1.1)'],
    ['2002:7f00:1::', 'loopback (it carries the IPv4 address 127.0.0.1)'],
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['100::1', 'discard-only'],
    ['fc00::1', 'private (unique local)'],
    ['fd12:3456:789a::1', 'private (unique local)'],
    ['fd00:ec2::254', 'the cloud metadata address'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['ff0e::1', 'multicast'],
    ['1::', 'not a global unicast address'],
    ['4000::1', 'not a global unicast address'],
    ['not-an-address', 'not an IP address'],
  ])('refuses %s as %s', (address, why) => {
    expect(addressRefusal(address)).toContain(why);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:93.184.216.34',
    '64:ff9b::5db8:d822',
    '2002:5db8:d822::1',
  ])('allows the public address %s', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });
});

describe('canonicalAddress', () => {
  it('spells each address one way', () => {
    expect(canonicalAddress('::ffff:127.0.0.1')).toBe(canonicalAddress('::ffff:7f00:1'));
    expect(canonicalAddress('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalAddress('example.com')).toBeNull();
  });
});
