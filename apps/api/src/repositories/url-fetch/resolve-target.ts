import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressRefusal, canonicalAddress } from './address-policy';
import { hostNameRefusal } from './host-name-policy';
import type { Target } from './target-url';
import { UrlFetchError } from './url-fetch-error';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface AddressPolicy {
  resolve: Resolver;
  /** Exact addresses allowed although they are special (tests serve from loopback). */
  allowAddresses: readonly string[];
}

/** Every A and AAAA answer, in the resolver's order, as getaddrinfo gives them to any other client. */
export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * The addresses the target may be connected to. Every answer is checked, and one special
 * answer refuses the whole host: we cannot know which answer a later connection would use.
 */
export async function resolveTarget(target: Target, policy: AddressPolicy): Promise<ResolvedAddress[]> {
  const allowed = new Set(policy.allowAddresses.map(canonicalAddress));
  const refusal = (address: string) =>
    allowed.has(canonicalAddress(address)) ? null : addressRefusal(address);

  if (target.literal) {
    const why = refusal(target.host);
    if (why) throw new UrlFetchError('FORBIDDEN_ADDRESS', `the address ${target.host} is ${why}`);
    return [{ address: target.host, family: isIP(target.host) === 6 ? 6 : 4 }];
  }

  const nameRefusal = hostNameRefusal(target.host);
  if (nameRefusal) {
    throw new UrlFetchError('FORBIDDEN_ADDRESS', `the host name ${target.host} is ${nameRefusal}`);
  }

  const answers = await policy.resolve(target.host).catch((error: unknown) => {
    throw resolutionError(target.host, error);
  });
  if (answers.length === 0) throw new UrlFetchError('NETWORK', `the host ${target.host} has no addresses`);
  for (const { address } of answers) {
    const why = refusal(address);
    if (why) {
      throw new UrlFetchError(
        'FORBIDDEN_ADDRESS',
        `the host ${target.host} resolves to ${address}, which is ${why}`,
      );
    }
  }
  return answers;
}

function resolutionError(host: string, error: unknown): UrlFetchError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOTFOUND' || code === 'ENODATA'
    ? new UrlFetchError('NETWORK', `the host ${host} was not found`)
    : new UrlFetchError('NETWORK', `the host ${host} could not be resolved${code ? ` (${code})` : ''}`);
}
