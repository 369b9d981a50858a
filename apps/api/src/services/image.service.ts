import {
  type ImageEvent,
  type ImageFilter,
  type ImageRecord,
  type ImageSort,
  InvalidInputError,
  NotFoundError,
  type Viewer,
} from '@atelier/domain';
import { Repeater } from '@repeaterjs/repeater';
import { whenAvailable } from '../db/when-available';
import { type EventBus, isResync } from '../events/event-bus';
import { closable } from '../events/closable';
import type { ImageRepository } from '../repositories/image.repository';
import type { ImageSearchRepository } from '../repositories/image-search.repository';
import type { ImageTrashRepository } from '../repositories/image-trash.repository';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { Storage, StoredFile } from '../repositories/storage.repository';
import { maxTagsPerImage, normalizeTags } from './image-tags';

export interface ImageDeps {
  images: ImageRepository;
  search: ImageSearchRepository;
  trash: ImageTrashRepository;
  storage: Storage;
  events: EventBus;
  /** Prefix for file URLs: `/files` by default, or a CDN in front of it. */
  filesBaseUrl: string;
}

/** How long an image stays in the trash before it is purged with its files. */
export const trashRetentionDays = 30;
export const maxBulkIds = 500;
const dayMs = 24 * 60 * 60 * 1000;
/** Images sent at most when a subscriber catches up on what it missed. */
const MAX_CATCH_UP = 100;

/** The last few hundred image ids a subscriber was sent, so a catch-up never sends one twice. */
class RecentIds {
  private readonly ids = new Set<string>();

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > 500) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

export class ImageService {
  constructor(private readonly deps: ImageDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(ImageRecord | null)[]> {
    const found = new Map(
      (await this.deps.images.findManyForOwner(viewer.id, ids)).map((image) => [image.id, image]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, filter: ImageFilter, sort: ImageSort, page: KeysetPage): Promise<ImageRecord[]> {
    return this.deps.search.listForOwner(viewer.id, filter, sort, page);
  }

  childrenOf(viewer: Viewer, imageIds: readonly string[]): Promise<ImageRecord[][]> {
    return this.deps.images.childrenOf(viewer.id, imageIds);
  }

  cursorOf(image: ImageRecord): string {
    return encodeCursor(image);
  }

  /** Moves the image to the trash. */
  async delete(viewer: Viewer, id: string): Promise<void> {
    await this.trashMany(viewer, [id]);
  }

  async setStarred(viewer: Viewer, id: string, starred: boolean): Promise<ImageRecord> {
    const image = await this.deps.images.setStarred(viewer.id, id, starred);
    if (!image) throw new NotFoundError('Image');
    return image;
  }

  async setStarredMany(viewer: Viewer, ids: readonly string[], starred: boolean): Promise<ImageRecord[]> {
    const images = await this.deps.images.setStarredMany(viewer.id, checkBulkIds(ids), starred);
    if (!images) throw new NotFoundError('Image');
    return images;
  }

  async setTags(viewer: Viewer, id: string, tags: readonly string[]): Promise<ImageRecord> {
    const [image] = await this.changeTags(
      viewer,
      [id],
      { add: normalizeTags(tags, 'tags'), remove: [] },
      true,
    );
    return image!;
  }

  tagMany(
    viewer: Viewer,
    ids: readonly string[],
    change: { add: readonly string[]; remove: readonly string[] },
  ): Promise<ImageRecord[]> {
    const add = normalizeTags(change.add, 'add');
    const remove = normalizeTags(change.remove, 'remove');
    return this.changeTags(viewer, checkBulkIds(ids), { add, remove }, false);
  }

  private async changeTags(
    viewer: Viewer,
    ids: string[],
    change: { add: string[]; remove: string[] },
    replace: boolean,
  ): Promise<ImageRecord[]> {
    const images = await this.deps.images.changeTags(viewer.id, ids, { ...change, replace }, maxTagsPerImage);
    if (images === null) throw new NotFoundError('Image');
    if (images === 'tooMany') {
      throw new InvalidInputError([
        { path: ['add'], message: `an image carries at most ${maxTagsPerImage} tags` },
      ]);
    }
    return images;
  }

  async trashMany(viewer: Viewer, ids: readonly string[]): Promise<string[]> {
    const trashed = await this.deps.trash.trash(viewer.id, checkBulkIds(ids));
    if (!trashed) throw new NotFoundError('Image');
    return trashed;
  }

  async restoreMany(viewer: Viewer, ids: readonly string[]): Promise<ImageRecord[]> {
    const restored = await this.deps.trash.restore(viewer.id, checkBulkIds(ids));
    if (!restored) throw new NotFoundError('Image');
    return this.deps.images.findManyForOwner(viewer.id, restored);
  }

  /** Restores everything in the viewer's trash; the images restored. */
  async restoreAll(viewer: Viewer): Promise<ImageRecord[]> {
    const restored = await this.deps.trash.restoreAll(viewer.id);
    return restored.length === 0 ? [] : this.deps.images.findManyForOwner(viewer.id, restored);
  }

  /** Deletes the images now, then any file no other image still uses (files are shared by content). */
  async deleteForever(viewer: Viewer, ids: readonly string[]): Promise<string[]> {
    const unique = checkBulkIds(ids);
    const keys = await this.deps.trash.deleteForever(viewer.id, unique);
    if (!keys) throw new NotFoundError('Image');
    await this.deleteOrphans(keys);
    return unique;
  }

  async emptyTrash(viewer: Viewer): Promise<number> {
    const { deleted, blobKeys } = await this.deps.trash.emptyTrash(viewer.id);
    await this.deleteOrphans(blobKeys);
    return deleted;
  }

  /** Purges images trashed longer than the retention period, in batches; returns how many. */
  async purgeExpiredTrash(now = new Date(), batchSize = 500): Promise<number> {
    const cutoff = new Date(now.getTime() - trashRetentionDays * dayMs);
    let total = 0;
    for (;;) {
      const { deleted, blobKeys } = await this.deps.trash.purgeTrashedBefore(cutoff, batchSize);
      await this.deleteOrphans(blobKeys);
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }

  private async deleteOrphans(keys: readonly string[]): Promise<void> {
    const orphans = await this.deps.images.unreferencedBlobs(keys);
    await Promise.all(orphans.map((key) => this.deps.storage.delete(key)));
  }

  trash(viewer: Viewer, page: KeysetPage): Promise<ImageRecord[]> {
    return this.deps.trash.trashForOwner(viewer.id, page);
  }

  trashCursorOf(image: ImageRecord): string {
    return encodeCursor({ createdAt: image.deletedAt ?? image.createdAt, id: image.id });
  }

  purgeAt(image: ImageRecord): Date | null {
    return image.deletedAt && new Date(image.deletedAt.getTime() + trashRetentionDays * dayMs);
  }

  /**
   * The viewer's images as they are added or change, read after each notification. Added images
   * also come from before the subscription: those made after `since` first (a client resuming),
   * and after the event connection was lost and is back, those made while it was down.
   */
  watch(
    viewer: Viewer,
    change: ImageEvent['change'],
    since: Date | null = null,
  ): AsyncIterableIterator<ImageRecord> {
    const { images, events } = this.deps;
    const wakeups = Repeater.merge([
      events.pubsub.subscribe('image', viewer.id),
      events.pubsub.subscribe('resync'),
    ]);
    return closable(wakeups, async function* () {
      const sent = new RecentIds();
      const missed = async function* (after: Date) {
        for (const image of await whenAvailable(
          () => images.addedSince(viewer.id, after, MAX_CATCH_UP),
          [],
        )) {
          if (sent.add(image.id)) yield image;
        }
      };
      // Listen before reading what came before, so nothing falls between the two.
      let wakeup = wakeups.next();
      if (since && change === 'ADDED') yield* missed(since);
      while (true) {
        const event = await wakeup;
        if (event.done) return;
        wakeup = wakeups.next();
        if (isResync(event.value)) {
          if (change === 'ADDED') yield* missed(event.value.since);
          continue;
        }
        if (event.value.change !== change) continue;
        const { imageId } = event.value;
        const [image] = await whenAvailable(
          () =>
            events.reads.read(event.value, `image:${viewer.id}:${imageId}`, () =>
              images.findAnyForOwner(viewer.id, [imageId]),
            ),
          [],
        );
        if (image && (change === 'UPDATED' || sent.add(image.id))) yield image;
      }
    });
  }

  fileUrl(blobKey: string): string {
    return `${this.deps.filesBaseUrl}/${blobKey}`;
  }

  /** A file, only when one of the viewer's images uses it; otherwise null, as if it did not exist. */
  async openFile(viewer: Viewer, key: string): Promise<StoredFile | null> {
    if (!(await this.mayReadFile(viewer, key))) return null;
    return this.deps.storage.open(key);
  }

  /** Whether one of the viewer's images uses the file at `key`. */
  mayReadFile(viewer: Viewer, key: string): Promise<boolean> {
    return this.deps.images.ownerHasBlob(viewer.id, key);
  }
}

function checkBulkIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > maxBulkIds) {
    throw new InvalidInputError([{ path: ['ids'], message: `give between 1 and ${maxBulkIds} images` }]);
  }
  return unique;
}
