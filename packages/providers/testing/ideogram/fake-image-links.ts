/** The produced PNGs, each behind a signed link that expires; the oldest are dropped past a memory cap. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdeogramScenarioEntry } from './fake-scenarios';

const MAX_STORED_BYTES = 512 * 1024 * 1024;

interface StoredImage {
  png: Buffer;
  exp: number;
  failing: boolean;
}

export interface ImageLinks {
  /** `http://host:port` of the image server, set once it listens. */
  origin: string;
  /** Stores `png` and returns its signed link (already expired, or failing, if the scenario says so). */
  publish(png: Buffer, scenario: IdeogramScenarioEntry | null): string;
  /** Whether `sig` is the link's signature for this id and expiry. */
  verify(id: string, exp: number, sig: string): boolean;
  get(id: string): StoredImage | undefined;
  clear(): void;
}

export function createImageLinks(now: () => number, linkTtlMs: number): ImageLinks {
  const secret = randomBytes(32);
  const images = new Map<string, StoredImage>();
  let storedBytes = 0;
  const sign = (id: string, exp: number): string =>
    createHmac('sha256', secret).update(`${id}.png?exp=${exp}`).digest('hex');

  const links: ImageLinks = {
    origin: '',
    publish(png, scenario) {
      const id = randomBytes(16).toString('base64url');
      const expired = scenario === 'expired-link';
      const exp = expired ? Math.floor(now() / 1000) - 1 : Math.floor((now() + linkTtlMs) / 1000);
      images.set(id, { png, exp, failing: scenario === 'download-error' });
      storedBytes += png.length;
      // Keep memory bounded on long benchmark runs: the oldest links go first.
      for (const [oldest, entry] of images) {
        if (storedBytes <= MAX_STORED_BYTES) break;
        images.delete(oldest);
        storedBytes -= entry.png.length;
      }
      return `${links.origin}/api/images/ephemeral/${id}.png?exp=${exp}&sig=${sign(id, exp)}`;
    },
    verify(id, exp, sig) {
      const expected = Buffer.from(sign(id, exp), 'hex');
      const given = Buffer.from(/^[0-9a-f]+$/.test(sig) ? sig : '', 'hex');
      return Number.isInteger(exp) && given.length === expected.length && timingSafeEqual(given, expected);
    },
    get: (id) => images.get(id),
    clear() {
      images.clear();
      storedBytes = 0;
    },
  };
  return links;
}
