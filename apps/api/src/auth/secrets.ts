import { createHash, randomBytes } from 'node:crypto';

/** A random secret of `bytes` bytes, URL-safe. 32 bytes = 256 bits. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets are stored only as their SHA-256 digest; a database leak reveals no usable credential. */
export function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

const TOKEN_PREFIX = 'atl_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE62[Number(value % 62n)]! + out;
    value /= 62n;
  }
  return out;
}

function checksum(body: string): string {
  return base62(createHash('sha256').update(body).digest().subarray(0, 4)).padStart(6, '0');
}

/**
 * API tokens look like `atl_<32 random base62 chars>_<6-char checksum>`: the prefix makes them
 * easy to recognise (and to scan for in leaked code), the checksum rejects typos without a lookup.
 */
export function newApiToken(): { secret: string; prefix: string } {
  const body = base62(randomBytes(24)).padStart(32, '0').slice(0, 32);
  const secret = `${TOKEN_PREFIX}${body}_${checksum(body)}`;
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export function looksLikeApiToken(secret: string): boolean {
  const match = /^atl_([0-9A-Za-z]{32})_([0-9A-Za-z]{6})$/.exec(secret);
  return match !== null && checksum(match[1]!) === match[2];
}
