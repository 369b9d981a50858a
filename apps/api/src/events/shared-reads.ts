/**
 * One read per event for all the subscribers it wakes. Every subscription of a person wakes from
 * the same notification (the same event object) and would otherwise load the same row, once per
 * tab, client and assistant: a thousand queries for one change. Only readers woken by the same
 * event share a read, and it starts after that event, so no one gets a state older than what
 * woke them. A failed read is not kept: the next try reads again.
 */
export class SharedReads {
  private readonly reads = new WeakMap<object, Map<string, Promise<unknown>>>();

  read<T>(event: object, key: string, load: () => Promise<T>): Promise<T> {
    let byKey = this.reads.get(event);
    if (!byKey) {
      byKey = new Map();
      this.reads.set(event, byKey);
    }
    const shared = byKey.get(key) as Promise<T> | undefined;
    if (shared) return shared;
    const reading = load();
    byKey.set(key, reading);
    reading.catch(() => byKey.delete(key));
    return reading;
  }
}
