import {
  apiPort,
  type Case,
  file,
  Import,
  importFile,
  importUrl,
  me,
  publicBase,
  refused,
  typed,
} from '../support/bad-input';
import { gql, multipart } from '../support/http';
import { bombPng, gif, jpeg, png, scriptedSvg } from '../support/images';

/* The cases of schema/modules/import.ts: uploaded files and URLs to import from. */

const refusal = (reason: RegExp) => typed('importImageFromUrl', 'INVALID_INPUT', 'url', reason);

const uploads: Case[] = [
  [
    'a text file sent as a PNG',
    () => importFile(file(Buffer.from('just some notes, not a picture'), 'notes.png', 'image/png')),
    typed('importImage', 'INVALID_INPUT', 'file'),
  ],
  [
    'an empty file',
    () => importFile(file(Buffer.alloc(0), 'empty.png', 'image/png')),
    typed('importImage', 'INVALID_INPUT', 'file'),
  ],
  [
    'a GIF',
    () => importFile(file(gif, 'dot.gif', 'image/gif')),
    typed('importImage', 'INVALID_INPUT', 'file'),
  ],
  [
    'an SVG with a script',
    () => importFile(file(scriptedSvg, 'logo.svg', 'image/svg+xml')),
    typed('importImage', 'INVALID_INPUT', 'file'),
  ],
  [
    'a truncated PNG',
    async () => importFile(file((await png(200, 200)).subarray(0, 60), 'cut.png', 'image/png')),
    typed('importImage', 'INVALID_INPUT', 'file'),
  ],
  [
    'a truncated JPEG',
    async () => {
      const whole = await jpeg();
      return importFile(file(whole.subarray(0, whole.length >> 1), 'cut.jpg', 'image/jpeg'));
    },
    typed('importImage', 'INVALID_INPUT', 'file'),
  ],
  [
    'a decompression bomb (a PNG declaring 30000×30000)',
    () => importFile(file(bombPng(), 'bomb.png', 'image/png')),
    typed('importImage', 'INVALID_INPUT', 'file', /megapixels/),
  ],
  [
    'an upload over 20 MB',
    async () => {
      const big = Buffer.alloc(21 * 1024 * 1024);
      (await png()).copy(big);
      return importFile(file(big, 'big.png', 'image/png'));
    },
    typed('importImage', 'INVALID_INPUT', 'file', /20 MB/),
  ],
  [
    'a file sent as a string, not an upload',
    () => gql(me, Import, { file: 'data:image/png;base64,iVBORw0KGgo=' }),
    refused(400),
  ],
  [
    'an upload without the CSRF header',
    async () =>
      multipart(
        me,
        Import,
        { file: null },
        { 'variables.file': file(await png(), 'a.png', 'image/png') },
        { csrf: false },
      ),
    refused(403),
  ],
  ['a multipart request whose map names no file', () => multipart(me, Import, { file: null }, {}), refused()],
];

const urls: Case[] = [
  [
    'http://127.0.0.1',
    () => importUrl(`http://127.0.0.1:${apiPort}/graphql`),
    refusal(/127\.0\.0\.1 is loopback/),
  ],
  ['http://[::1]', () => importUrl(`http://[::1]:${apiPort}/`), refusal(/::1 is loopback/)],
  [
    'http://[::ffff:127.0.0.1]',
    () => importUrl(`http://[::ffff:127.0.0.1]:${apiPort}/`),
    refusal(/loopback/),
  ],
  [
    'the cloud metadata address',
    () => importUrl('http://169.254.169.254/latest/meta-data/'),
    refusal(/cloud metadata/),
  ],
  ['a private 10/8 address', () => importUrl('http://10.0.0.1/image.png'), refusal(/10\.0\.0\.1 is private/)],
  [
    'a private 192.168/16 address',
    () => importUrl('http://192.168.1.1/image.png'),
    refusal(/192\.168\.1\.1 is private/),
  ],
  ['http://0.0.0.0', () => importUrl(`http://0.0.0.0:${apiPort}/`), refusal(/0\.0\.0\.0 is unspecified/)],
  ['http://localhost', () => importUrl(`http://localhost:${apiPort}/`), refusal(/localhost/)],
  [
    'loopback written as a decimal number (2130706433)',
    () => importUrl(`http://2130706433:${apiPort}/`),
    refusal(/127\.0\.0\.1 is loopback/),
  ],
  [
    'loopback written in hex (0x7f000001)',
    () => importUrl(`http://0x7f000001:${apiPort}/`),
    refusal(/127\.0\.0\.1 is loopback/),
  ],
  ['file:///etc/passwd', () => importUrl('file:///etc/passwd'), refusal(/only http and https/)],
  ['gopher://', () => importUrl('gopher://127.0.0.1:70/_stats'), refusal(/only http and https/)],
  [
    'a URL with credentials',
    () => importUrl(`${publicBase}/image.png`.replace('http://', 'http://admin:secret@')),
    refusal(/user name or password/),
  ],
  ['an empty URL', () => importUrl(''), typed('importImageFromUrl', 'INVALID_INPUT', 'url')],
  [
    'a URL of 2,049 characters',
    () => importUrl(`${publicBase}/${'a'.repeat(2049)}`),
    typed('importImageFromUrl', 'INVALID_INPUT', 'url'),
  ],
  [
    'a public server that answers with text',
    () => importUrl(`${publicBase}/page`),
    refusal(/not a PNG, JPEG or WebP/),
  ],
  [
    'a public server redirecting to another loopback address',
    () => importUrl(`${publicBase}/to-loopback`),
    refusal(/127\.0\.0\.2 is loopback/),
  ],
  [
    'a public server redirecting to the metadata address',
    () => importUrl(`${publicBase}/to-metadata`),
    refusal(/169\.254\.169\.254 is the cloud metadata address/),
  ],
  [
    'a public server redirecting to this API',
    () => importUrl(`${publicBase}/to-api`),
    refusal(/127\.0\.0\.1 is loopback/),
  ],
  [
    'a public server redirecting to file://',
    () => importUrl(`${publicBase}/to-file`),
    refusal(/only http and https/),
  ],
];

export const importGroups: [string, Case[]][] = [
  ['uploads and masks', uploads],
  ['URLs to import from', urls],
];
