import { createHash } from 'node:crypto';
import type { Viewer } from '@atelier/domain';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Settings, S3Storage } from '../src/repositories/s3-storage.repository';
import { DiskStorage } from '../src/repositories/storage.repository';
import type { RunningServer } from '../src/server';
import { countRows, globalId, localId } from './support/factories';
import { createTestStack, type TestStack, VIEWER_HEADER } from './support/harness';
import { GenerateImages, JobUpdated } from './support/operations';
import { startS3Server, type S3TestServer } from './support/s3-server';
import { subscribe } from './support/ws-client';

let s3: S3TestServer;
/** Streams files through /files. */
let streamed: TestStack;
let streamedServer: RunningServer;
/** Redirects to presigned URLs, and names a public base for shared images. */
let presigned: TestStack;
let presignedServer: RunningServer;

function bucketOf(server: S3TestServer): { kind: 's3' } & S3Settings {
  return {
    kind: 's3',
    endpoint: server.endpoint,
    region: server.region,
    bucket: server.bucket,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    forcePathStyle: true,
  };
}

beforeAll(async () => {
  s3 = await startS3Server();
  streamed = await createTestStack({ storage: bucketOf(s3) });
  streamedServer = await streamed.listen();
  presigned = await createTestStack({
    storage: bucketOf(s3),
    filesDelivery: { mode: 'presigned', seconds: 300 },
  });
  presignedServer = await presigned.listen();
});
afterAll(async () => {
  await streamed?.close();
  await presigned?.close();
  await s3?.stop();
});

interface MadeImage {
  id: string;
  url: string;
  blobKey: string;
  thumbnailKeys: string[];
}

async function generate(stack: TestStack, server: RunningServer, me: Viewer, prompt: string, seed = 7) {
  const { data } = await stack.graphql(me, GenerateImages, {
    input: { prompt, provider: 'local', width: 256, height: 256, steps: 1, seed },
  });
  const seen = await subscribe(server.url, me, JobUpdated, { id: data.generateImages.id }).done;
  return { jobId: data.generateImages.id as string, job: seen.at(-1)!.jobUpdated };
}

async function made(stack: TestStack, server: RunningServer, me: Viewer, prompt: string, seed = 7) {
  const { job } = await generate(stack, server, me, prompt, seed);
  expect(job.status).toBe('SUCCEEDED');
  const image = job.images[0];
  const [record] = await stack.app.services.images.loadMany(me, [localId(image.id)]);
  return {
    id: image.id as string,
    url: image.url as string,
    blobKey: record!.blobKey,
    thumbnailKeys: record!.thumbnails.map((thumb) => thumb.blobKey),
  } satisfies MadeImage;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function get(url: string, viewer: Viewer | null, init: RequestInit = {}) {
  return fetch(url, {
    redirect: 'manual',
    ...init,
    headers: { ...(viewer && { [VIEWER_HEADER]: viewer.id }), ...init.headers },
  });
}

const ShareImage = /* GraphQL */ `
  mutation ($input: CreateShareLinkInput!) {
    createShareLink(input: $input) {
      ... on ShareLink {
        id
        token
      }
    }
  }
`;
const Revoke = `mutation($id: ID!) { revokeShareLink(id: $id) { ... on ShareLink { active } } }`;
const SharedImage = `query($token: String!) { sharedImage(token: $token) { url thumbnails { url } } }`;

describe('S3 storage', () => {
  it('stores a generated image and its thumbnails in the bucket and streams them to their owner only', async () => {
    const me = await streamed.newUser();
    const stranger = await streamed.newUser('Stranger');
    const image = await made(streamed, streamedServer, me, 'a harbour at dawn');

    const objects = new Map((await s3.listObjects()).map((object) => [object.key, object.bytes]));
    expect(image.blobKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
    for (const key of [image.blobKey, ...image.thumbnailKeys]) expect(objects.has(key)).toBe(true);
    expect(image.url).toBe(`/files/${image.blobKey}`);

    const served = await get(`${streamedServer.url}${image.url}`, me);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.length).toBe(objects.get(image.blobKey));
    // The key is the content's address, in the bucket as on disk.
    expect(image.blobKey).toContain(sha256(bytes));
    const etag = served.headers.get('etag')!;
    expect(
      (await get(`${streamedServer.url}${image.url}`, me, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    const thumb = await get(`${streamedServer.url}/files/${image.thumbnailKeys[0]}`, me);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await thumb.arrayBuffer()).length).toBe(objects.get(image.thumbnailKeys[0]!));

    expect((await get(`${streamedServer.url}${image.url}`, stranger)).status).toBe(404);
    expect((await get(`${streamedServer.url}${image.url}`, null)).status).toBe(404);
  });

  it('keeps one object for the same bytes stored twice', async () => {
    const me = await streamed.newUser();
    const first = await made(streamed, streamedServer, me, 'the same lighthouse', 99);
    const second = await made(streamed, streamedServer, me, 'the same lighthouse', 99);
    expect(second.id).not.toBe(first.id);
    expect(second.blobKey).toBe(first.blobKey);
    const again = await streamed.app.repositories.storage.put(
      Buffer.from('twice the same bytes'),
      'image/png',
    );
    expect(
      await streamed.app.repositories.storage.put(Buffer.from('twice the same bytes'), 'image/png'),
    ).toBe(again);

    const keys = (await s3.listObjects()).map((object) => object.key);
    expect(keys.filter((key) => key === first.blobKey)).toHaveLength(1);
    expect(keys.filter((key) => key === again)).toHaveLength(1);
  });

  it('redirects owners to a short-lived presigned URL that gives the same bytes', async () => {
    const me = await presigned.newUser();
    const stranger = await presigned.newUser('Stranger');
    const image = await made(presigned, presignedServer, me, 'a fox in the snow');
    const inBucket = (await get(`${streamedServer.url}${image.url}`, null)).status;
    expect(inBucket).toBe(404); // another instance, another database: not this person's there

    const answer = await get(`${presignedServer.url}${image.url}`, me);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin).toBe(s3.endpoint);
    expect(location.pathname).toBe(`/${s3.bucket}/${image.blobKey}`);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    const fromBucket = await fetch(location);
    expect(fromBucket.status).toBe(200);
    const bytes = Buffer.from(await fromBucket.arrayBuffer());
    expect(image.blobKey).toContain(sha256(bytes));
    // s3rver does not check SigV4 signatures: that a real bucket refuses another one is S3's part.
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const download = await get(`${presignedServer.url}${image.url}?download=1`, me);
    const downloaded = await fetch(download.headers.get('location')!);
    expect(downloaded.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".*a-fox-in-the-snow.*\.png"/,
    );

    // HEAD and the WebP copy are answered here, not redirected.
    expect((await get(`${presignedServer.url}${image.url}`, me, { method: 'HEAD' })).status).toBe(200);
    const webp = await get(`${presignedServer.url}${image.url}?format=webp`, me);
    expect(webp.status).toBe(200);
    expect(webp.headers.get('content-type')).toBe('image/webp');
    expect(
      Buffer.from(await webp.arrayBuffer())
        .subarray(8, 12)
        .toString(),
    ).toBe('WEBP');

    expect((await get(`${presignedServer.url}${image.url}`, stranger)).status).toBe(404);
    expect((await get(`${presignedServer.url}${image.url}`, null)).status).toBe(404);
  });

  it('serves shared images through their link in both modes, and makes no new URL once it is revoked', async () => {
    for (const [stack, server] of [
      [streamed, streamedServer],
      [presigned, presignedServer],
    ] as const) {
      const me = await stack.newUser();
      const image = await made(stack, server, me, 'a boat under a bridge');
      const { data } = await stack.graphql(me, ShareImage, { input: { imageId: image.id } });
      const { id, token } = data.createShareLink;
      const page = (await stack.graphql(null, SharedImage, { token })).data!.sharedImage;
      expect(page.url).toBe(`/files/${image.blobKey}?share=${token}`);

      const answer = await get(`${server.url}${page.url}`, null);
      const response = answer.status === 302 ? await fetch(answer.headers.get('location')!) : answer;
      expect(response.status).toBe(200);
      expect(image.blobKey).toContain(sha256(Buffer.from(await response.arrayBuffer())));
      expect(answer.status).toBe(stack === presigned ? 302 : 200);

      await stack.graphql(me, Revoke, { id });
      expect((await stack.graphql(null, SharedImage, { token })).data!.sharedImage).toBeNull();
      const after = await get(`${server.url}${page.url}`, null);
      expect(after.status).toBe(404);
      expect(after.headers.get('location')).toBeNull();
    }
  });

  it('never presigns a shared file for longer than its link has left', async () => {
    const me = await presigned.newUser();
    const image = await made(presigned, presignedServer, me, 'a kite over a field');
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const { data } = await presigned.graphql(me, ShareImage, { input: { imageId: image.id, expiresAt } });
    const answer = await get(
      `${presignedServer.url}/files/${image.blobKey}?share=${data.createShareLink.token}`,
      null,
    );
    expect(answer.status).toBe(302);
    const seconds = Number(new URL(answer.headers.get('location')!).searchParams.get('X-Amz-Expires'));
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('gives image and shared-image URLs under the public files base, which a public bucket can serve', async () => {
    // s3rver serves objects without credentials: it stands in for a CDN in front of the bucket.
    const publicBase = `${s3.endpoint}/${s3.bucket}`;
    const cdn = await createTestStack({ storage: bucketOf(s3), filesBaseUrl: publicBase, worker: false });
    try {
      const me = await cdn.newUser();
      const key = await cdn.app.repositories.storage.put(Buffer.from('a public picture'), 'image/png');
      const [row] = await cdn.app.db
        .insertInto('image')
        .values({
          ownerId: me.id,
          blobKey: key,
          width: 1,
          height: 1,
          mime: 'image/png',
          bytes: 16,
          prompt: 'public',
          provider: 'local',
          model: 'procedural-v1',
          params: JSON.stringify({}),
        })
        .returning('id')
        .execute();
      const { data } = await cdn.graphql(me, ShareImage, { input: { imageId: globalId('Image', row!.id) } });
      const page = (await cdn.graphql(null, SharedImage, { token: data.createShareLink.token })).data!
        .sharedImage;
      expect(page.url).toBe(`${publicBase}/${key}?share=${data.createShareLink.token}`);
      expect(await (await fetch(page.url)).text()).toBe('a public picture');
      const owned = await cdn.graphql(me, `query($id: ID!) { node(id: $id) { ... on Image { url } } }`, {
        id: globalId('Image', row!.id),
      });
      expect(owned.data.node.url).toBe(`${publicBase}/${key}`);
    } finally {
      await cdn.close();
    }
  });

  it('deletes the objects of purged images from the bucket, keeping those another image uses', async () => {
    const me = await streamed.newUser();
    const gone = await made(streamed, streamedServer, me, 'a purged picture', 501);
    const kept = await made(streamed, streamedServer, me, 'a kept picture', 502);
    const twin = await made(streamed, streamedServer, me, 'a kept picture', 502);
    expect(twin.blobKey).toBe(kept.blobKey);
    const monthAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    for (const image of [gone, kept]) {
      await sql`update image set deleted_at = ${monthAgo} where id = ${localId(image.id)}`.execute(
        streamed.app.db,
      );
    }

    expect(await streamed.app.services.images.purgeExpiredTrash()).toBe(2);

    const keys = new Set((await s3.listObjects()).map((object) => object.key));
    for (const key of [gone.blobKey, ...gone.thumbnailKeys]) expect(keys.has(key)).toBe(false);
    for (const key of [kept.blobKey, ...kept.thumbnailKeys]) expect(keys.has(key)).toBe(true);
    expect((await get(`${streamedServer.url}${twin.url}`, me)).status).toBe(200);
  });

  it('sends a large body up in parts, and reads it back whole', async () => {
    const storage = streamed.app.repositories.storage as S3Storage;
    const large = Buffer.alloc(17 * 1024 * 1024);
    for (let i = 0; i < large.length; i += 4096) large.writeUInt32BE(i, i);

    const key = await storage.put(large, 'image/png');

    const facts = await storage.head(key);
    expect(facts).toEqual({ bytes: large.length, sha256: sha256(large) });
    const parts = s3.requests().filter((request) => request.startsWith(`PUT /${s3.bucket}/${key}?`));
    expect(parts.filter((request) => /[?&]partNumber=\d/.test(request))).toHaveLength(3); // 8 + 8 + 1 MiB
    expect(s3.requests()).toContain(`POST /${s3.bucket}/${key}?uploads=`);
    expect((await storage.read(key))!.equals(large)).toBe(true);
  });

  it('reports the bucket writable, and a disk storage that cannot write not', async () => {
    expect(await streamed.app.repositories.storage.checkWritable()).toBe(true);
    expect(await new DiskStorage('/dev/null/files').checkWritable()).toBe(false);
  });
});

describe('S3 storage when the bucket is away', () => {
  let away: S3TestServer;
  let stack: TestStack;
  let server: RunningServer;

  beforeAll(async () => {
    away = await startS3Server();
    stack = await createTestStack({ storage: bucketOf(away) });
    server = await stack.listen();
  });
  afterAll(async () => {
    await stack?.close();
    await away?.stop();
  });

  it('fails jobs with a retryable STORAGE_ERROR and no image row, and keeps serving', async () => {
    const me = await stack.newUser();
    const before = await made(stack, server, me, 'made while the bucket was there');
    await away.stop();
    expect(await stack.app.repositories.storage.checkWritable()).toBe(false);
    const rowsBefore = await countRows(stack.app);

    const { jobId, job } = await generate(stack, server, me, 'made while the bucket is away');

    expect(job.status).toBe('FAILED');
    expect(job.error).toMatchObject({
      code: 'STORAGE_ERROR',
      retryable: true,
      message: 'Could not store the images: the file storage is unavailable',
    });
    const [record] = await stack.app.services.jobs.loadMany(me, [localId(jobId)]);
    expect(record!.status).toBe('FAILED');
    expect((await countRows(stack.app)).images).toBe(rowsBefore.images);

    // The server answers: its API, and its files with a plain "unavailable" rather than an error.
    expect((await stack.graphql(me, '{ viewer { id } }')).data).toEqual({ viewer: { id: me.id } });
    const file = await get(`${server.url}${before.url}`, me);
    expect(file.status).toBe(503);
    expect(file.headers.get('retry-after')).toBe('30');

    // A request that must store a file is refused as typed and retryable, with nothing written.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const upload = {
      name: 'a.png',
      type: 'image/png',
      size: png.length,
      arrayBuffer: async () => png.buffer,
    };
    await expect(stack.app.services.imports.importImage(me, upload as never)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      message: expect.stringMatching(/^The file storage is unavailable right now; nothing was done/),
    });
    expect((await countRows(stack.app)).images).toBe(rowsBefore.images);
  }, 60_000);
});
