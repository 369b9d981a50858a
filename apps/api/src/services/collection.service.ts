import {
  type CollectionChanges,
  type CollectionImageRecord,
  type CollectionRecord,
  type ImageFilter,
  type ImageRecord,
  InvalidInputError,
  NotFoundError,
  type PageRequest,
  SmartCollectionError,
  type Viewer,
} from '@atelier/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/db.generated';
import {
  type CollectionRepository,
  encodePositionCursor,
  MIN_POSITION_GAP,
} from '../repositories/collection.repository';
import type { ImageRepository } from '../repositories/image.repository';
import { encodeCursor } from '../repositories/keyset';
import type { ImageService } from './image.service';

export interface CollectionDeps {
  db: Database;
  collections: CollectionRepository;
  images: ImageRepository;
  /** The gallery's search, which a smart collection runs. */
  gallery: Pick<ImageService, 'list' | 'cursorOf'>;
}

/** A viewer of a collection's images: its owner, or a share link acting for the owner (read-only). */
function ownerAsViewer(ownerId: string): Viewer {
  return {
    id: ownerId,
    displayName: '',
    email: null,
    role: 'USER',
    scopes: ['read'],
    via: 'token',
    tokenId: null,
  };
}

/**
 * Collections of the viewer's images: hand-made ones keep an order (positions are doubles, a move
 * takes the midpoint between its new neighbours), smart ones are a saved search run on demand.
 */
export class CollectionService {
  constructor(private readonly deps: CollectionDeps) {}

  async loadMany(viewer: Viewer, ids: readonly string[]): Promise<(CollectionRecord | null)[]> {
    const found = new Map(
      (await this.deps.collections.findManyForOwner(viewer.id, ids)).map((c) => [c.id, c]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  list(viewer: Viewer, search: string | null, page: PageRequest): Promise<CollectionRecord[]> {
    return this.deps.collections.listForOwner(viewer.id, search?.trim() || null, page);
  }

  cursorOf(collection: CollectionRecord): string {
    return encodeCursor({ createdAt: collection.updatedAt, id: collection.id });
  }

  async create(
    viewer: Viewer,
    input: { name: string; description: string; filter: ImageFilter | null },
  ): Promise<CollectionRecord> {
    await this.checkFilter(viewer, input.filter);
    return this.deps.collections.insert({ ownerId: viewer.id, ...input });
  }

  /** One of the viewer's hand-made collections, for "send new images to this collection". */
  async requireWritable(viewer: Viewer, id: string, path: string[]): Promise<CollectionRecord> {
    const [collection] = await this.deps.collections.findManyForOwner(viewer.id, [id]);
    if (!collection) throw new InvalidInputError([{ path, message: 'no such collection' }], 'NOT_FOUND');
    if (collection.filter !== null) throw new SmartCollectionError();
    return collection;
  }

  async update(viewer: Viewer, id: string, changes: CollectionChanges): Promise<CollectionRecord> {
    const [current] = await this.deps.collections.findManyForOwner(viewer.id, [id]);
    if (!current) throw new NotFoundError('Collection');
    if (changes.filter !== undefined && current.filter === null) {
      throw new InvalidInputError([
        { path: ['input', 'filter'], message: 'a hand-made collection has no saved search' },
      ]);
    }
    await this.checkFilter(viewer, changes.filter);
    if (changes.coverImageId) {
      const [image] = await this.deps.images.findManyForOwner(viewer.id, [changes.coverImageId]);
      if (!image) {
        throw new InvalidInputError(
          [{ path: ['input', 'coverImageId'], message: 'no such image' }],
          'NOT_FOUND',
        );
      }
    }
    const updated = await this.deps.collections.update(viewer.id, id, changes);
    if (!updated) throw new NotFoundError('Collection');
    return updated;
  }

  /**
   * A saved search may name only one of the viewer's collections; another type's id (the schema
   * passes it as a nil id) or someone else's collection answers as a missing one does.
   */
  private async checkFilter(viewer: Viewer, filter: ImageFilter | null | undefined): Promise<void> {
    if (!filter?.collectionId) return;
    const [collection] = await this.deps.collections.findManyForOwner(viewer.id, [filter.collectionId]);
    if (!collection) {
      throw new InvalidInputError(
        [{ path: ['input', 'filter', 'collectionId'], message: 'no such collection' }],
        'NOT_FOUND',
      );
    }
  }

  async delete(viewer: Viewer, id: string): Promise<void> {
    if (!(await this.deps.collections.delete(viewer.id, id))) throw new NotFoundError('Collection');
  }

  async addImages(viewer: Viewer, id: string, imageIds: readonly string[]): Promise<CollectionRecord> {
    const found = await this.deps.images.findManyForOwner(viewer.id, imageIds);
    const known = new Set(found.map((image) => image.id));
    if (imageIds.some((imageId) => !known.has(imageId))) {
      throw new InvalidInputError([{ path: ['imageIds'], message: 'no such image' }], 'NOT_FOUND');
    }
    return this.changeImages(viewer, id, (trx, collection) =>
      this.deps.collections.append(trx, viewer.id, collection.id, imageIds),
    );
  }

  removeImages(viewer: Viewer, id: string, imageIds: readonly string[]): Promise<CollectionRecord> {
    return this.changeImages(viewer, id, (trx, collection) =>
      this.deps.collections.remove(trx, collection.id, imageIds),
    );
  }

  /** Puts `imageId` right after `afterImageId` (first when null). */
  moveImage(
    viewer: Viewer,
    id: string,
    imageId: string,
    afterImageId: string | null,
  ): Promise<CollectionRecord> {
    const { collections } = this.deps;
    return this.changeImages(viewer, id, async (trx, collection) => {
      if ((await collections.positionOf(trx, collection.id, imageId)) === null) {
        throw new InvalidInputError([{ path: ['imageId'], message: 'not in this collection' }], 'NOT_FOUND');
      }
      if (afterImageId === imageId) return;
      const place = async () => {
        const afterPosition =
          afterImageId === null ? null : await collections.positionOf(trx, collection.id, afterImageId);
        if (afterImageId !== null && afterPosition === null) {
          throw new InvalidInputError(
            [{ path: ['afterImageId'], message: 'not in this collection' }],
            'NOT_FOUND',
          );
        }
        const after = afterPosition === null ? null : { position: afterPosition, imageId: afterImageId! };
        const next = await collections.nextPosition(trx, collection.id, after, imageId);
        return positionBetween(after?.position ?? null, next);
      };
      let position = await place();
      if (position === null) {
        await collections.renumber(trx, collection.id);
        position = await place();
      }
      await collections.setPosition(trx, collection.id, imageId, position!);
    });
  }

  async images(
    ownerId: string,
    collection: CollectionRecord,
    page: PageRequest,
  ): Promise<CollectionImageRecord[]> {
    if (collection.filter !== null) {
      const found = await this.deps.gallery.list(ownerAsViewer(ownerId), collection.filter, 'NEWEST', page);
      return found.map((image) => ({ ...image, position: null }));
    }
    const entries = await this.deps.collections.page(collection.id, page);
    const images = new Map(
      (
        await this.deps.images.findManyForOwner(
          ownerId,
          entries.map((entry) => entry.imageId),
        )
      ).map((image) => [image.id, image]),
    );
    return entries.flatMap((entry) => {
      const image = images.get(entry.imageId);
      return image ? [{ ...image, position: entry.position }] : [];
    });
  }

  imageCursorOf(collection: CollectionRecord, image: CollectionImageRecord): string {
    return collection.filter !== null || image.position === null
      ? this.deps.gallery.cursorOf(image)
      : encodePositionCursor(image.position, image.id);
  }

  async imageCounts(_viewer: Viewer, collections: readonly CollectionRecord[]): Promise<(number | null)[]> {
    const counts = await this.deps.collections.counts(
      collections.filter((c) => c.filter === null).map((c) => c.id),
    );
    return collections.map((c) => (c.filter === null ? (counts.get(c.id) ?? 0) : null));
  }

  /** The chosen cover when it is still there, else the first image. */
  async covers(ownerId: string, collections: readonly CollectionRecord[]): Promise<(ImageRecord | null)[]> {
    const firsts = await this.deps.collections.firstImages(
      collections.filter((c) => c.filter === null && c.coverImageId === null).map((c) => c.id),
    );
    const wanted = await Promise.all(
      collections.map(async (c) => {
        if (c.coverImageId) return c.coverImageId;
        if (c.filter === null) return firsts.get(c.id) ?? null;
        const [newest] = await this.images(ownerId, c, { limit: 1, inverted: false });
        return newest?.id ?? null;
      }),
    );
    const ids = wanted.filter((id): id is string => id !== null);
    const images = new Map(
      (await this.deps.images.findManyForOwner(ownerId, ids)).map((image) => [image.id, image]),
    );
    return wanted.map((id) => (id === null ? null : (images.get(id) ?? null)));
  }

  async collectionsOf(viewer: Viewer, imageIds: readonly string[]): Promise<CollectionRecord[][]> {
    const rows = await this.deps.collections.holding(viewer.id, imageIds);
    return imageIds.map((id) => rows.filter((row) => row.imageId === id).map(({ imageId: _, ...c }) => c));
  }

  /** Runs a change of a hand-made collection's images with the collection row locked. */
  private async changeImages(
    viewer: Viewer,
    id: string,
    change: (trx: Transaction<DB>, collection: CollectionRecord) => Promise<void>,
  ): Promise<CollectionRecord> {
    return this.deps.db.transaction().execute(async (trx) => {
      const collection = await this.deps.collections.update(viewer.id, id, {}, trx);
      if (!collection) throw new NotFoundError('Collection');
      if (collection.filter !== null) throw new SmartCollectionError();
      await change(trx, collection);
      // As it is now (a removed cover is no longer its cover).
      const [changed] = await this.deps.collections.findManyForOwner(viewer.id, [collection.id], trx);
      return changed ?? collection;
    });
  }
}

/**
 * A position strictly between two neighbours (either may be missing), or null when they are too
 * close for a double to split reliably (the caller renumbers and asks again).
 */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return 1;
  if (before === null) return after! - 1;
  if (after === null) return before + 1;
  if (after - before < MIN_POSITION_GAP) return null;
  return (before + after) / 2;
}
