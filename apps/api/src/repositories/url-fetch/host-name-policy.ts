// Names that lead inside our own network whatever their addresses turn out to be. The address
// check after resolution is what actually protects us; refusing these by name gives a clearer
// message and does not depend on how this machine's resolver treats them.
const exactNames = new Map([
  ['metadata.google.internal', 'the cloud metadata service'],
  ['localhost', 'reserved for this machine'],
]);

const suffixes = [
  ['.localhost', 'reserved for this machine'],
  ['.localdomain', 'reserved for the local network'],
  ['.internal', 'reserved for private networks'],
  ['.local', 'reserved for multicast DNS on the local network'],
  ['.home.arpa', 'reserved for home networks'],
] as const;

/** Why a host name is refused before it is resolved, as the phrase that follows "is", or null. */
export function hostNameRefusal(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const exact = exactNames.get(name);
  if (exact) return exact;
  for (const [suffix, refusal] of suffixes) {
    if (name.endsWith(suffix) || name === suffix.slice(1)) return refusal;
  }
  // A single label ("metadata", "intranet") is completed with this machine's search domains.
  if (!name.includes('.')) return 'not a public domain name';
  return null;
}
