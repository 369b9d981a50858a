import { encodeGlobalID } from '@pothos/plugin-relay';

/** What the database recorded about an event (see the webhooks migration): raw ids, as stored. */
interface StoredMessage {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Which data fields hold ids, and of what: the body carries GraphQL global ids, as the API does. */
const idFields: Record<string, string> = {
  jobId: 'Job',
  batchId: 'Batch',
  imageId: 'Image',
  webhookId: 'Webhook',
};

export interface BodyContext {
  /** The absolute URL of each of the message's images that still exists, by image id. */
  imageUrls: ReadonlyMap<string, string>;
}

/** The image ids a stored message names, so their URLs can be looked up. */
export function imageIdsOf(payload: unknown): string[] {
  const ids = (payload as StoredMessage | null)?.data?.imageIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * The JSON body sent to the endpoint: `{ type, timestamp, data }` with global ids and, for a job's
 * images, their file URLs (readable with the owner's API token). Ids, statuses and codes only: never
 * a secret, a prompt or an error's text.
 */
export function renderBody(payload: unknown, context: BodyContext): string {
  const message = payload as StoredMessage;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message.data ?? {})) {
    const type = idFields[key];
    data[key] = type && typeof value === 'string' ? encodeGlobalID(type, value) : value;
  }
  if (Array.isArray(message.data?.imageIds)) {
    const ids = imageIdsOf(message);
    data.imageIds = ids.map((id) => encodeGlobalID('Image', id));
    data.imageUrls = ids.flatMap((id) => {
      const url = context.imageUrls.get(id);
      return url ? [url] : [];
    });
  }
  if (typeof data.deletedAt === 'string') data.deletedAt = new Date(data.deletedAt).toISOString();
  return JSON.stringify({ type: message.type, timestamp: new Date(message.timestamp).toISOString(), data });
}
