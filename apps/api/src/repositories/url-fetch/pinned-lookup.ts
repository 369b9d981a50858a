import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './resolve-target';

/**
 * A socket `lookup` that never asks DNS again: it answers with the addresses we already
 * checked, so a resolver that changes its answer between our check and the connection (DNS
 * rebinding) gets no say in where we connect.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((answer) => answer.family === family) : addresses;
    const [first] = usable;
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`no checked IPv${family} address`);
      error.code = 'ENOTFOUND';
      callback(error, '');
    } else if (options.all) {
      callback(
        null,
        usable.map(({ address, family }) => ({ address, family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}
