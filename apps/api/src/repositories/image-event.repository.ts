import { sql } from 'kysely';
import type { Database } from '../db/database';

export type ImageEventKind = 'DOWNLOAD' | 'SHARE_OPEN';

/**
 * Events about images the app does not otherwise keep (downloads, share-link opens), for the keep
 * rate. Recorded off the request's path: queued and written in one statement a moment later.
 */
export class ImageEventRepository {
  private pending: { imageId: string; kind: ImageEventKind }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Never waits and never throws; the owner is the image's. */
  record(imageIds: readonly string[], kind: ImageEventKind): void {
    for (const imageId of imageIds) this.pending.push({ imageId, kind });
    this.timer ??= setTimeout(() => void this.flush(), 200);
    this.timer.unref?.();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      await sql`
        insert into image_event (image_id, owner_id, kind)
        select i.id, i.owner_id, e.kind
        from unnest(${sql.val(batch.map((e) => e.imageId))}::uuid[], ${sql.val(batch.map((e) => e.kind))}::text[]) e(image_id, kind)
        join image i on i.id = e.image_id
      `.execute(this.db);
    } catch (error) {
      this.onError(error);
    }
  }
}
