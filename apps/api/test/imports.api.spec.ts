import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { countRows } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';
import { type HttpClient, signedUpClient } from './support/http-client';

let stack: TestStack;
let server: RunningServer;
let person: Awaited<ReturnType<typeof signedUpClient>>;
let images: Server;
let imagesUrl: string;

beforeAll(async () => {
  stack = await createTestStack({ auth: 'real', worker: false, urlFetchAllowAddresses: ['127.0.0.1'] });
  server = await stack.listen();
  person = await signedUpClient(server.url, { first: true });
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();
  // A "public" image host on loopback (allowed for this test only), with a redirect to an internal address.
  images = createServer((req, res) => {
    if (req.url === '/cat.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else if (req.url === '/to-internal') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => images?.close(resolve));
  await stack?.close();
});

const Import = /* GraphQL */ `
  mutation ($file: File!) {
    importImage(file: $file) {
      __typename
      ... on Image {
        id
        width
        height
        mime
        operation
        prompt
        url
        thumbnails {
          size
        }
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
`;
const ImportUrl = Import.replace('$file: File!', '$url: String!').replace(
  'importImage(file: $file)',
  'importImageFromUrl(url: $url)',
);

async function upload(client: HttpClient, bytes: Buffer, name: string, type: string) {
  const body = new FormData();
  body.set('operations', JSON.stringify({ query: Import, variables: { file: null } }));
  body.set('map', JSON.stringify({ 0: ['variables.file'] }));
  body.set('0', new Blob([Uint8Array.from(bytes)], { type }), name);
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: client.headers(), body });
  return (await response.json()).data?.importImage;
}

describe('importing images', () => {
  it('re-encodes an upload, dropping its metadata, and files it as an import', async () => {
    const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c84' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret camera owner', Artist: 'someone' } } })
      .toBuffer();
    const image = await upload(person.client, jpeg, 'holiday.JPG', 'image/jpeg');
    expect(image).toMatchObject({
      __typename: 'Image',
      width: 320,
      height: 240,
      mime: 'image/jpeg',
      operation: 'IMPORT',
      prompt: 'holiday',
    });
    expect(image.thumbnails.map((t: any) => t.size)).toEqual([256, 768]);
    const stored = Buffer.from(
      await (await fetch(`${server.url}${image.url}`, { headers: person.client.headers() })).arrayBuffer(),
    );
    expect(stored.includes(Buffer.from('secret camera owner'))).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
  });

  it.each([
    [
      'text pretending to be a PNG',
      Buffer.from('this is not an image at all'),
      'x.png',
      'image/png',
      /not a PNG, JPEG or WebP/,
    ],
    ['a truncated PNG', 'truncated', 'x.png', 'image/png', /damaged or truncated/],
    ['a decompression bomb', 'bomb', 'bomb.png', 'image/png', /50 megapixels/],
  ])(
    'refuses %s with a typed error, leaving nothing behind',
    async (_name, content, fileName, type, message) => {
      let bytes = content as Buffer;
      if (content === 'truncated') {
        const full = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#123' } })
          .png({ compressionLevel: 0 })
          .toBuffer();
        bytes = full.subarray(0, Math.floor(full.length / 2));
      }
      if (content === 'bomb') {
        bytes = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#000' } })
          .png({ compressionLevel: 9, palette: true })
          .toBuffer();
      }
      const before = await countRows(stack.app, stack.dataDir);
      const result = await upload(person.client, bytes, fileName, type);
      expect(result).toMatchObject({
        __typename: 'InvalidInputError',
        issues: [{ field: 'file', message: expect.stringMatching(message) }],
      });
      expect(await countRows(stack.app, stack.dataDir)).toEqual(before);
    },
  );

  it('imports from a public URL', async () => {
    const { data } = await person.client.graphql(ImportUrl, { url: `${imagesUrl}/cat.png` });
    expect(data.importImageFromUrl).toMatchObject({
      __typename: 'Image',
      width: 300,
      height: 200,
      operation: 'IMPORT',
    });
  });

  it.each([
    ['loopback', 'http://127.0.0.2/cat.png'],
    ['IPv6 loopback', 'http://[::1]/cat.png'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data'],
    ['a private network', 'http://10.1.2.3/x.png'],
    ['a redirect to cloud metadata', 'REDIRECT'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses a URL to %s', async (_name, url) => {
    const before = await countRows(stack.app, stack.dataDir);
    const { data } = await person.client.graphql(ImportUrl, {
      url: url === 'REDIRECT' ? `${imagesUrl}/to-internal` : url,
    });
    expect(data.importImageFromUrl).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'url' }],
    });
    expect(await countRows(stack.app, stack.dataDir)).toEqual(before);
  });
});
