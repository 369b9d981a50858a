import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: use path-style addressing (S3_FORCE_PATH_STYLE=1). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Stops the server (dropping open connections) and removes its files; afterwards the bucket is unreachable. */
  stop(): Promise<void>;
  /** Every object in the bucket, by key. */
  listObjects(): Promise<{ key: string; bytes: number }[]>;
  /** The requests the server received so far, as `METHOD /path?query`. */
  requests(): readonly string[];
}

/**
 * A real S3 server (s3rver: S3's HTTP API over a directory) on an ephemeral loopback port, with one
 * empty bucket. s3rver knows one key pair, S3RVER/S3RVER; it refuses unknown key ids but does not
 * verify SigV4 signatures (its source says so), so a test cannot show a tampered URL refused.
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'atelier-s3-'));
  await chmod(directory, 0o755);
  const bucket = `atelier-test-${randomBytes(4).toString('hex')}`;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const received: string[] = [];
  server.httpServer?.on('request', (req: IncomingMessage) => received.push(`${req.method} ${req.url}`));
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const region = 'us-east-1';
  const client = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
  let running = true;
  return {
    endpoint,
    bucket,
    ...credentials,
    region,
    async stop() {
      if (!running) return;
      running = false;
      client.destroy();
      const closed = server.close();
      server.httpServer?.closeAllConnections();
      await closed;
      await rm(directory, { recursive: true, force: true });
    },
    requests: () => received,
    async listObjects() {
      const objects: { key: string; bytes: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? []) objects.push({ key: object.Key!, bytes: object.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return objects;
    },
  };
}
