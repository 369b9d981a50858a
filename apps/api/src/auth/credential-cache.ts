import type { Viewer } from '@atelier/domain';

interface Entry {
  viewer: Viewer;
  until: number;
}

/**
 * Who a session or token digest belongs to, remembered for a few seconds so a signed-in request
 * costs no extra database round trip. Entries are dropped the moment this process changes a
 * person's credentials, and when any process does (Postgres NOTIFY from a trigger, see the
 * accounts migration); the short lifetime bounds the damage should a notification be lost.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  // Bumped by every forget: a lookup that began before it must not store what it read.
  private epoch = 0;

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(digest: string): Viewer | null {
    const entry = this.entries.get(digest);
    if (!entry) return null;
    if (entry.until <= Date.now()) {
      this.entries.delete(digest);
      return null;
    }
    return entry.viewer;
  }

  /** A token for `set`: the epoch when the database read started. */
  begin(): number {
    return this.epoch;
  }

  /** Remembers `viewer` until the TTL or `validUntil` (session expiry), whichever comes first. */
  set(digest: string, viewer: Viewer, startedAt: number, validUntil = Number.POSITIVE_INFINITY): void {
    if (startedAt !== this.epoch) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(digest, { viewer, until: Math.min(Date.now() + this.ttlMs, validUntil) });
  }

  /** Forgets one credential (a session just ended here). */
  forgetCredential(digest: string): void {
    this.epoch += 1;
    this.entries.delete(digest);
  }

  /** Forgets one person's credentials, or everyone's with null. */
  forget(userId: string | null): void {
    this.epoch += 1;
    if (userId === null) {
      this.entries.clear();
      return;
    }
    for (const [digest, { viewer }] of this.entries) {
      if (viewer.id === userId) this.entries.delete(digest);
    }
  }
}
