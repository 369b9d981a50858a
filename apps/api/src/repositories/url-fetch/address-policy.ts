import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Rule = readonly [range: [ipaddr.IPv4 | ipaddr.IPv6, number], refusal: string];

function rules(table: readonly (readonly [cidr: string, refusal: string])[]): Rule[] {
  return table.map(([cidr, refusal]) => [ipaddr.parseCIDR(cidr), refusal]);
}

// First match wins, so the narrow ranges come before the ranges that contain them.
const ipv4Rules = rules([
  ['0.0.0.0/8', 'unspecified ("this network")'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared carrier-grade NAT space'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.169.254/32', 'the cloud metadata address'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved for IETF protocol assignments'],
  ['192.0.2.0/24', 'reserved for documentation'],
  ['192.88.99.0/24', 'a deprecated 6to4 relay address'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved for benchmarking'],
  ['198.51.100.0/24', 'reserved for documentation'],
  ['203.0.113.0/24', 'reserved for documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'the broadcast address'],
  ['240.0.0.0/4', 'reserved'],
]);

const ipv6Rules = rules([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'a deprecated IPv4-compatible address'],
  ['64:ff9b:1::/48', 'reserved for local-use NAT64'],
  ['100::/64', 'a discard-only address'],
  ['2001:db8::/32', 'reserved for documentation'],
  ['2001:2::/48', 'reserved for benchmarking'],
  ['2001::/32', 'a Teredo tunnel address'],
  ['3fff::/20', 'reserved for documentation'],
  ['fd00:ec2::254/128', 'the cloud metadata address'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'a deprecated site-local address'],
  ['ff00::/8', 'multicast'],
]);

const globalUnicast = ipaddr.parseCIDR('2000::/3');
const nat64 = ipaddr.parseCIDR('64:ff9b::/96');
const sixToFour = ipaddr.parseCIDR('2002::/16');

/**
 * Why nothing may be fetched from this address, as the phrase that follows "is" ("private",
 * "loopback", …), or null for a public unicast address. Anything that is not plainly public is
 * refused: ipaddr.js's special-purpose ranges catch what the tables above do not name.
 */
export function addressRefusal(address: string): string | null {
  if (!isIP(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? ipv4Refusal(parsed as ipaddr.IPv4) : ipv6Refusal(parsed as ipaddr.IPv6);
}

/** One spelling per address, so "::ffff:127.0.0.1" and "::ffff:7f00:1" compare equal. */
export function canonicalAddress(address: string): string | null {
  return isIP(address) ? ipaddr.parse(address).toString() : null;
}

function ipv4Refusal(address: ipaddr.IPv4): string | null {
  const rule = ipv4Rules.find(([range]) => address.match(range));
  if (rule) return rule[1];
  const range = address.range();
  return range === 'unicast' ? null : `reserved for special use (${range})`;
}

function ipv6Refusal(address: ipaddr.IPv6): string | null {
  // These carry an IPv4 address and reach it through translation or tunnelling, so the IPv4
  // address decides: ::ffff:127.0.0.1 is as much loopback as 127.0.0.1.
  const embedded = embeddedIpv4(address);
  if (embedded) {
    const refusal = ipv4Refusal(embedded);
    return refusal && `${refusal} (it carries the IPv4 address ${embedded.toString()})`;
  }
  const rule = ipv6Rules.find(([range]) => address.match(range));
  if (rule) return rule[1];
  const range = address.range();
  if (range !== 'unicast') return `reserved for special use (${range})`;
  return address.match(globalUnicast) ? null : 'not a global unicast address';
}

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const [, p1 = 0, p2 = 0, , , , p6 = 0, p7 = 0] = address.parts;
  if (address.isIPv4MappedAddress() || address.match(nat64)) return fromParts(p6, p7);
  if (address.match(sixToFour)) return fromParts(p1, p2);
  return null;
}

function fromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
