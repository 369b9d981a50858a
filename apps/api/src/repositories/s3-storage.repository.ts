import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  contentKey,
  describeKey,
  isStorageKey,
  type PresignOptions,
  type RenditionVariant,
  renditionEtag,
  renditionKeyOf,
  renditionMime,
  renditionVariants,
  type Storage,
  StorageUnavailableError,
  type StoredFile,
  type StoredMime,
} from './storage.repository';

export interface S3Settings {
  /** Unset: AWS S3 itself. Otherwise the S3-compatible service (R2, MinIO, Garage, Backblaze B2…). */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, instance roles). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key` (MinIO, Garage). */
  forcePathStyle: boolean;
}

/** Bodies above this go up in parts (lib-storage), so a large one never travels as one request. */
const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;
/** Written (over itself) by `checkWritable`; not a stored file. */
export const S3_WRITABLE_CHECK = '.atelier/writable-check';
// Objects are immutable (content-addressed): a CDN in front of the bucket may keep them for ever.
const OBJECT_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export interface StoredObject {
  key: string;
  bytes: number;
}

/** What a HEAD says of an object: its size, and the SHA-256 of its bytes when it was written by Atelier. */
export interface ObjectFacts {
  bytes: number;
  sha256: string | null;
}

/**
 * Image bytes in an S3-compatible bucket, under the same keys as on disk (`ab/<sha256>.png`,
 * `renditions/ab/<sha256>.webp`), so a bucket and a data directory can be copied one to the other.
 * A failure to reach the bucket throws StorageUnavailableError; a missing object is null.
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint && { endpoint: settings.endpoint }),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId &&
        settings.secretAccessKey && {
          credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        }),
      // The SDK's default CRC32 checksums (and their aws-chunked trailers) are not understood by every
      // S3-compatible service: send checksums only where S3 requires them. Puts carry Content-MD5.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // An unreachable bucket fails a request in seconds instead of hanging a job.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  async put(bytes: Buffer, mime: StoredMime): Promise<string> {
    const key = contentKey(bytes, mime);
    await this.write(key, bytes, mime);
    return key;
  }

  /**
   * Writes `bytes` at `key` unless an object of that size is there already (same key, same bytes),
   * or in any case with `overwrite`. The object carries the SHA-256 of its bytes (metadata `sha256`), so a copy can be checked by a HEAD.
   */
  async write(key: string, bytes: Buffer, contentType: string, options: { overwrite?: boolean } = {}) {
    if (!options.overwrite && (await this.head(key))?.bytes === bytes.length) return;
    await this.call(`store ${key}`, async () => {
      const params = {
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        CacheControl: OBJECT_CACHE_CONTROL,
        Metadata: { sha256: createHash('sha256').update(bytes).digest('hex') },
      };
      if (bytes.length <= MULTIPART_THRESHOLD) {
        const md5 = createHash('md5').update(bytes).digest('base64');
        await this.client.send(new PutObjectCommand({ ...params, ContentMD5: md5 }));
      } else {
        await new Upload({ client: this.client, params, partSize: PART_SIZE, queueSize: 2 }).done();
      }
    });
  }

  /** The object's size and recorded hash, or null when there is none. */
  async head(key: string): Promise<ObjectFacts | null> {
    return this.call(`look up ${key}`, async () => {
      try {
        const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
        return { bytes: head.ContentLength ?? 0, sha256: head.Metadata?.sha256 ?? null };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  async open(key: string): Promise<StoredFile | null> {
    const facts = describeKey(key);
    if (!facts) return null;
    const object = await this.get(key);
    return object && { ...object, ...facts };
  }

  async read(key: string): Promise<Buffer | null> {
    if (!isStorageKey(key)) return null;
    return this.readObject(key);
  }

  /** The whole object at any key (a stored file or a rendition), or null when there is none. */
  async readObject(key: string): Promise<Buffer | null> {
    return this.call(`read ${key}`, async () => {
      const object = await this.get(key);
      if (!object) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of object.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }

  async delete(key: string): Promise<void> {
    if (!isStorageKey(key)) return;
    // One DeleteObject each: DeleteObjects needs a checksum header some S3-compatible services refuse.
    const keys = [key, ...renditionVariants.map((variant) => renditionKeyOf(key, variant)!)];
    await this.call(`delete ${key}`, () =>
      Promise.all(
        keys.map((one) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: one }))),
      ),
    );
  }

  async openRendition(key: string, variant: RenditionVariant): Promise<StoredFile | null> {
    const renditionKey = renditionKeyOf(key, variant);
    if (!renditionKey) return null;
    const object = await this.get(renditionKey);
    return object && { ...object, mime: renditionMime[variant], etag: renditionEtag(key, variant) };
  }

  async putRendition(key: string, variant: RenditionVariant, bytes: Buffer): Promise<void> {
    const renditionKey = renditionKeyOf(key, variant);
    if (!renditionKey) return;
    await this.write(renditionKey, bytes, renditionMime[variant]);
  }

  async checkWritable(): Promise<boolean> {
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: S3_WRITABLE_CHECK, Body: new Date().toISOString() }),
        { abortSignal: AbortSignal.timeout(5_000) },
      );
      return true;
    } catch {
      return false;
    }
  }

  async presignedGet(key: string, options: PresignOptions): Promise<string | null> {
    if (!isStorageKey(key)) return null;
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.contentDisposition && { ResponseContentDisposition: options.contentDisposition }),
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  /** Every object in the bucket under `prefix`, page by page. */
  async *list(prefix = ''): AsyncGenerator<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.call('list the bucket', () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, bytes: object.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async get(key: string): Promise<{ stream: Readable; bytes: number } | null> {
    return this.call(`read ${key}`, async () => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        if (!(object.Body instanceof Readable)) throw new Error('the object body is not a Node stream');
        return { stream: object.Body, bytes: object.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  /** Runs one bucket operation; any failure other than "not found" becomes a StorageUnavailableError. */
  private async call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new StorageUnavailableError(`Could not ${what} in bucket ${this.bucket} (${reason})`, {
        cause: error,
      });
    }
  }
}

function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // A missing bucket is a 404 too (NoSuchBucket): that is a fault of the setup, not a missing file.
  const { name } = error as { name?: string };
  return name === 'NoSuchKey' || name === 'NotFound';
}
