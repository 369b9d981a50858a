import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { schema } from '@atelier/schema';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from '../support/factories';
import { createTestStack, type TestStack } from '../support/harness';
import { HttpClient, signedUpClient } from '../support/http-client';
import {
  fetchFile,
  finishedJob,
  gql,
  multipart,
  must,
  type Outcome,
  postRaw,
  stillServing,
  type UploadFile,
} from './support/http';
import { bombPng, gif, jpeg, png, scriptedSvg } from './support/images';
import { countEverything, settle } from './support/rows';
import { rawSocket, type SocketOutcome, subscribeAs } from './support/ws';

/*
 * Hostile and careless input. Every case must end in a typed error (a result-union member with its
 * code, `extensions.code` for protocol failures, or an HTTP 4xx for transport limits), leave no row
 * or file behind, and leave the server serving.
 */

let stack: TestStack;
let url: string;
let me: HttpClient;
let anonymous: HttpClient;
let imageId: string;
let jobId: string;
let publicServer: Server;
let publicBase: string;
let apiPort: number;

// The "public internet" for the URL importer: a loopback address the importer is told to allow.
// Loopback addresses other than this one (127.0.0.1, 127.0.0.2, …) stay refused.
const PUBLIC_ADDRESS = '127.0.0.3';

beforeAll(async () => {
  stack = await createTestStack({
    auth: 'real',
    urlFetchAllowAddresses: [PUBLIC_ADDRESS],
    // One person sends a hundred bad requests in a few seconds: more than the default burst.
    server: {
      rateLimits: {
        perUser: { capacity: 1_000, refillPerSecond: 100 },
        perToken: { capacity: 1_000, refillPerSecond: 100 },
      },
    },
  });
  const running = await stack.listen();
  url = running.url;
  apiPort = Number(new URL(url).port);
  me = (await signedUpClient(url, { first: true })).client;
  anonymous = new HttpClient(url);
  const queued = await gql(me, Generate, { input: { ...validGenerate, seed: 5 } });
  jobId = must(queued.data?.generateImages?.id, queued);
  imageId = must((await finishedJob(me, jobId))[0], queued).id;

  publicServer = createServer((req, res) => {
    const port = (publicServer.address() as AddressInfo).port;
    if (req.url === '/to-loopback') {
      res.writeHead(302, { location: `http://127.0.0.2:${port}/image.png` }).end();
    } else if (req.url === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (req.url === '/to-api') {
      res.writeHead(302, { location: `http://127.0.0.1:${apiPort}/graphql` }).end();
    } else if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('plain text, not a picture');
  });
  await new Promise<void>((resolve) => publicServer.listen(0, PUBLIC_ADDRESS, resolve));
  publicBase = `http://${PUBLIC_ADDRESS}:${(publicServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => publicServer?.close(resolve));
  await stack?.close();
});

// ---------------------------------------------------------------------------------------------
// Operations

const Result =
  '__typename ... on Error { code message } ... on InvalidInputError { issues { field message } }';
const Generate = `mutation Generate($input: GenerateImagesInput!) { generateImages(input: $input) { ${Result} ... on Job { id } } }`;
const Vary = `mutation Vary($input: CreateVariationsInput!) { createVariations(input: $input) { ${Result} ... on Job { id } } }`;
const Enhance = `mutation Enhance($input: EnhanceImageInput!) { enhanceImage(input: $input) { ${Result} ... on Job { id } } }`;
const Restyle = `mutation Restyle($input: RestyleImageInput!) { restyleImage(input: $input) { ${Result} ... on Job { id } } }`;
const Edit = `mutation Edit($input: EditImageInput!) { editImage(input: $input) { ${Result} ... on Job { id } } }`;
const Import = `mutation Import($file: File!) { importImage(file: $file) { ${Result} ... on Image { id mime } } }`;
const ImportUrl = `mutation ImportUrl($url: String!) { importImageFromUrl(url: $url) { ${Result} ... on Image { id } } }`;
const SignUp = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ${Result} ... on Account { id } } }`;
const SignIn = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { ${Result} ... on Account { id } } }`;
const ChangePassword = `mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) { ${Result} ... on ChangePasswordSuccess { data } } }`;
const CreateToken = `mutation CreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { ${Result} ... on CreatedApiToken { secret } } }`;
const SetQuota = `mutation SetQuota($input: SetUserQuotaInput!) { setUserQuota(input: $input) { ${Result} ... on Account { id } } }`;
const Share = `mutation Share($input: CreateShareLinkInput!) { createShareLink(input: $input) { ${Result} ... on ShareLink { token } } }`;

const validGenerate = {
  prompt: 'a lighthouse on a calm sea',
  provider: 'local',
  width: 256,
  height: 256,
  steps: 1,
};
const generate = (change: Record<string, unknown>) =>
  gql(me, Generate, { input: { ...validGenerate, ...change } });
const generateRaw = (inputJson: string) =>
  postRaw(me, `{"query":${JSON.stringify(Generate)},"variables":{"input":${inputJson}}}`);
const onImage = (query: string, change: Record<string, unknown>) => () =>
  gql(me, query, { input: { imageId, ...change } });
const importFile = (file: UploadFile) => multipart(me, Import, { file: null }, { 'variables.file': file });
const editWithMask = (file: UploadFile, change: Record<string, unknown> = {}) =>
  multipart(
    me,
    Edit,
    { input: { imageId, prompt: 'a red boat', steps: 1, mask: null, ...change } },
    { 'variables.input.mask': file },
  );
const importUrl = (target: string) => gql(me, ImportUrl, { url: target });
const signUp = (change: Record<string, unknown>) =>
  gql(anonymous, SignUp, {
    input: {
      email: 'new.person@example.test',
      password: 'a long enough password',
      displayName: 'New person',
      ...change,
    },
  });
const aliased = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: instance { needsSetup }`).join(' ')} }`;
const nested = (depth: number) =>
  `{ images(first: 1) { edges { node { ${'parent { '.repeat(depth)}id${' }'.repeat(depth)} } } } }`;
const cursor = (text: string) => Buffer.from(text).toString('base64url');
const file = (bytes: Buffer, name: string, type: string): UploadFile => ({ bytes, name, type });

// ---------------------------------------------------------------------------------------------
// Expectations

type Answer = Outcome | SocketOutcome;
type Check = (answer: Answer) => void;
const http = (answer: Answer) => answer as Outcome;

/** A typed error: the operation's result is an error member with this code (and names this field). */
function typed(root: string, code: string, field?: string, message?: RegExp): Check {
  return (answer) => {
    const { data, errors, status } = http(answer);
    expect({ status, errors }).toEqual({ status: 200, errors: undefined });
    expect(data?.[root]).toMatchObject({ code });
    expect(data[root].__typename).toMatch(/Error$/);
    if (field) expect(data[root].issues.map((issue: { field: string }) => issue.field)).toContain(field);
    if (message) expect(data[root].message).toMatch(message);
  };
}

/** The test's own document is valid: a validation failure would prove nothing about the server. */
function validDocument(answer: Answer): void {
  for (const error of http(answer).errors ?? []) {
    expect(error.extensions?.code, error.message).not.toBe('GRAPHQL_VALIDATION_FAILED');
  }
}

/** A protocol failure the client can act on: `extensions.code` (this one, when given). */
function coded(code?: string): Check {
  return (answer) => {
    const { errors } = http(answer);
    validDocument(answer);
    expect(errors?.length, JSON.stringify(answer)).toBeGreaterThan(0);
    for (const error of errors!) {
      expect(error.extensions?.code, `error without a code: ${error.message}`).toEqual(
        code ?? expect.any(String),
      );
    }
  };
}

/** Refused as a whole: an HTTP 4xx, or errors that each carry `extensions.code`; never data. */
function refused(status?: number): Check {
  return (answer) => {
    const outcome = http(answer);
    const byStatus = outcome.status >= 400 && outcome.status < 500;
    const byCode =
      (outcome.errors?.length ?? 0) > 0 &&
      outcome.errors!.every((error) => typeof error.extensions?.code === 'string');
    expect({ refused: byStatus || byCode, answer: outcome.text.slice(0, 300) }).toMatchObject({
      refused: true,
    });
    if (status) expect(outcome.status).toBe(status);
    for (const value of Object.values(outcome.data ?? {})) expect(value).toBeNull();
  };
}

/** Nothing found for a nullable field: null, and any error says what it is (a code). */
function nothing(root: string): Check {
  return (answer) => {
    const { data, errors } = http(answer);
    validDocument(answer);
    expect(data?.[root] ?? null).toBeNull();
    for (const error of errors ?? []) {
      expect(error.extensions?.code, `error without a code: ${error.message}`).toEqual(expect.any(String));
    }
  };
}

/** An empty page (nothing matches), or a coded protocol error. */
function noneOrCoded(root: string): Check {
  return (answer) => {
    const { data, errors } = http(answer);
    if (errors) coded()(answer);
    else expect(data?.[root]?.edges).toEqual([]);
  };
}

/** Not found, as the result union says it (NotFoundError, or InvalidInputError NOT_FOUND), or a coded protocol error. */
function notFound(root: string): Check {
  return (answer) => {
    const { data, errors } = http(answer);
    if (data?.[root]) {
      expect(data[root]).toMatchObject({ code: 'NOT_FOUND' });
      expect(errors).toBeUndefined();
    } else {
      coded()(answer);
    }
  };
}

function socketClosed(code?: number): Check {
  return (answer) => {
    const outcome = answer as SocketOutcome;
    expect(outcome.opened).toBe(true);
    expect(outcome.closeCode).toEqual(code ?? expect.any(Number));
  };
}

const hugeFrame = (type: 'connection_init' | 'subscribe') =>
  type === 'connection_init'
    ? JSON.stringify({ type, payload: { filler: 'x'.repeat(70 * 1024) } })
    : JSON.stringify({
        id: '1',
        type,
        payload: { query: `{ instance { needsSetup } } # ${'x'.repeat(70 * 1024)}` },
      });

// ---------------------------------------------------------------------------------------------
// The cases: [name, request, expectation]

type Case = [string, () => Promise<Answer>, Check];

const prompts: Case[] = [
  [
    'a prompt of 4,001 characters',
    () => generate({ prompt: 'x'.repeat(4001) }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'a prompt of 100,000 characters',
    () => generate({ prompt: 'sea '.repeat(25_000) }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  ['a prompt with a NUL character', () => generate({ prompt: 'a calm\u0000 sea' }), coded('INVALID_INPUT')],
  [
    'a prompt with an escape sequence',
    () => generate({ prompt: 'a \u001b[31mred\u001b[0m sea' }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'an empty prompt',
    () => generate({ prompt: '' }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'a prompt of only whitespace',
    () => generate({ prompt: ' \n\t  ' }),
    typed('generateImages', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'a negative prompt of 4,001 characters',
    () => generate({ negativePrompt: 'y'.repeat(4001) }),
    typed('generateImages', 'INVALID_INPUT', 'input.negativePrompt'),
  ],
  [
    'a negative prompt with a control character',
    () => generate({ negativePrompt: 'fog\u0007' }),
    typed('generateImages', 'INVALID_INPUT', 'input.negativePrompt'),
  ],
  [
    'a variation prompt of only whitespace',
    onImage(Vary, { prompt: '   ', count: 1 }),
    typed('createVariations', 'INVALID_PROMPT', 'input.prompt'),
  ],
  [
    'an edit prompt of 4,001 characters',
    () => gql(me, Edit, { input: { imageId, prompt: 'z'.repeat(4001), maskImageId: imageId } }),
    typed('editImage', 'INVALID_PROMPT', 'input.prompt'),
  ],
];

const sizes: Case[] = [
  ['width 0', () => generate({ width: 0 }), typed('generateImages', 'INVALID_INPUT', 'input.width')],
  [
    'a negative width',
    () => generate({ width: -512 }),
    typed('generateImages', 'INVALID_INPUT', 'input.width'),
  ],
  [
    'a width of a billion',
    () => generate({ width: 1_000_000_000 }),
    typed('generateImages', 'INVALID_INPUT', 'input.width'),
  ],
  [
    'a height above the provider maximum',
    () => generate({ height: 4096 }),
    typed('generateImages', 'INVALID_INPUT', 'input.height'),
  ],
  [
    'a width that is not a multiple of 64',
    () => generate({ width: 500 }),
    typed('generateImages', 'INVALID_INPUT', 'input.width'),
  ],
  ['a width beyond 32-bit integers', () => generate({ width: 2 ** 31 }), refused(400)],
  ['a non-integer width', () => generate({ width: 256.5 }), refused(400)],
  [
    'a width sent as a string',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":"512","height":256}'),
    refused(400),
  ],
  [
    'a width sent as a boolean',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":true,"height":256}'),
    refused(400),
  ],
  [
    'a width of NaN (not JSON)',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":NaN,"height":256}'),
    refused(400),
  ],
  [
    'a height of 1e999 (Infinity once parsed)',
    () => generateRaw('{"prompt":"a sea","provider":"local","width":256,"height":1e999}'),
    refused(400),
  ],
  [
    'a width of NaN written in the query',
    () =>
      gql(
        me,
        `mutation { generateImages(input: { prompt: "a sea", provider: "local", width: NaN }) { __typename } }`,
      ),
    refused(),
  ],
  [
    'an aspect ratio that is not W:H',
    () => generate({ width: null, height: null, aspectRatio: '16x9' }),
    typed('generateImages', 'INVALID_INPUT', 'input.aspectRatio'),
  ],
  [
    'an aspect ratio with a zero side',
    () => generate({ width: null, height: null, aspectRatio: '0:9' }),
    typed('generateImages', 'INVALID_INPUT', 'input.aspectRatio'),
  ],
  [
    'an aspect ratio of four digits',
    () => generate({ width: null, height: null, aspectRatio: '1920:1080' }),
    typed('generateImages', 'INVALID_INPUT', 'input.aspectRatio'),
  ],
];

const counts: Case[] = [
  ['count 0', () => generate({ count: 0 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  ['count 9', () => generate({ count: 9 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  ['count -1', () => generate({ count: -1 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  ['count 1e9', () => generate({ count: 1e9 }), typed('generateImages', 'INVALID_INPUT', 'input.count')],
  [
    'count sent as a string',
    () => generateRaw('{"prompt":"a sea","provider":"local","count":"2"}'),
    refused(400),
  ],
  [
    'variations with count 9',
    onImage(Vary, { count: 9 }),
    typed('createVariations', 'INVALID_INPUT', 'input.count'),
  ],
  ['steps 0', () => generate({ steps: 0 }), typed('generateImages', 'INVALID_INPUT', 'input.steps')],
  [
    'steps 51 (above the model maximum)',
    () => generate({ steps: 51 }),
    typed('generateImages', 'INVALID_INPUT', 'input.steps'),
  ],
  ['negative steps', () => generate({ steps: -5 }), typed('generateImages', 'INVALID_INPUT', 'input.steps')],
  ['a negative seed', () => generate({ seed: -1 }), typed('generateImages', 'INVALID_INPUT', 'input.seed')],
  ['a seed beyond 32-bit integers', () => generate({ seed: 2_147_483_648 }), refused(400)],
  ['a non-integer seed', () => generate({ seed: 1.5 }), refused(400)],
  [
    'an enhance scale of 3',
    onImage(Enhance, { scale: 3 }),
    typed('enhanceImage', 'INVALID_INPUT', 'input.scale'),
  ],
  [
    'an enhance scale of 8',
    onImage(Enhance, { scale: 8 }),
    typed('enhanceImage', 'INVALID_INPUT', 'input.scale'),
  ],
];

const choices: Case[] = [
  [
    'an unknown provider',
    () => generate({ provider: 'dall-e' }),
    typed('generateImages', 'UNKNOWN_PROVIDER', 'input.provider'),
  ],
  [
    'an empty provider',
    () => generate({ provider: '' }),
    typed('generateImages', 'INVALID_INPUT', 'input.provider'),
  ],
  [
    'a provider id of 65 characters',
    () => generate({ provider: 'p'.repeat(65) }),
    typed('generateImages', 'INVALID_INPUT', 'input.provider'),
  ],
  [
    'an unknown model',
    () => generate({ model: 'sdxl' }),
    typed('generateImages', 'INVALID_INPUT', 'input.model'),
  ],
  [
    'an unknown style',
    () => generate({ style: 'cubism' }),
    typed('generateImages', 'INVALID_INPUT', 'input.style'),
  ],
  [
    'a style of 65 characters',
    () => generate({ style: 's'.repeat(65) }),
    typed('generateImages', 'INVALID_INPUT', 'input.style'),
  ],
  [
    'five fallback providers',
    () => generate({ fallbackProviders: ['a', 'b', 'c', 'd', 'e'] }),
    typed('generateImages', 'INVALID_INPUT', 'input.fallbackProviders'),
  ],
  [
    'an unknown fallback provider',
    () => generate({ fallbackProviders: ['nope'] }),
    typed('generateImages', 'INVALID_INPUT', 'input.fallbackProviders'),
  ],
  [
    'the first choice again as its own fallback',
    () => generate({ fallbackProviders: ['local'] }),
    typed('generateImages', 'INVALID_INPUT', 'input.fallbackProviders'),
  ],
  ['an unknown quality (variables)', () => generate({ quality: 'ULTRA' }), refused(400)],
  [
    'an unknown quality (in the query)',
    () =>
      gql(
        me,
        'mutation { generateImages(input: { prompt: "a sea", provider: "local", quality: ULTRA }) { __typename } }',
      ),
    refused(),
  ],
  ['an unknown magic-prompt mode', () => generate({ magicPrompt: 'MAYBE' }), refused(400)],
  [
    'magic prompt for a model that cannot',
    () => generate({ magicPrompt: 'ON' }),
    typed('generateImages', 'INVALID_INPUT', 'input.magicPrompt'),
  ],
  ['an unknown variation strength', onImage(Vary, { strength: 'WILD' }), refused(400)],
  [
    'a restyle with no style at all',
    onImage(Restyle, {}),
    typed('restyleImage', 'INVALID_INPUT', 'input.styleText'),
  ],
  [
    'a style description of 501 characters',
    onImage(Restyle, { styleText: 'w'.repeat(501) }),
    typed('restyleImage', 'INVALID_INPUT', 'input.styleText'),
  ],
  ['an input without its required prompt', () => generateRaw('{"provider":"local"}'), refused(400)],
  ['an input field that does not exist', () => generate({ resolution: '8k' }), refused(400)],
];

const accounts: Case[] = [
  [
    'a malformed email',
    () => signUp({ email: 'not-an-email' }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'an email with two @',
    () => signUp({ email: 'person@@example.test' }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'an email with a space',
    () => signUp({ email: 'a person@example.test' }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'an email of 300 characters',
    () =>
      signUp({
        email: `${'e'.repeat(60)}.${'f'.repeat(60)}@${'d'.repeat(60)}.${'g'.repeat(60)}.${'h'.repeat(50)}.test`,
      }),
    typed('signUp', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'a display name of 81 characters',
    () => signUp({ displayName: 'n'.repeat(81) }),
    typed('signUp', 'INVALID_INPUT', 'input.displayName'),
  ],
  [
    'a display name of only spaces',
    () => signUp({ displayName: '    ' }),
    typed('signUp', 'INVALID_INPUT', 'input.displayName'),
  ],
  ['a display name with a NUL character', () => signUp({ displayName: 'Eve\u0000' }), coded('INVALID_INPUT')],
  [
    'a password of 9 characters',
    () => signUp({ password: 'short-pw!' }),
    typed('signUp', 'INVALID_INPUT', 'input.password'),
  ],
  [
    'a password of 257 characters',
    () => signUp({ password: 'p'.repeat(257) }),
    typed('signUp', 'INVALID_INPUT', 'input.password'),
  ],
  [
    'a sign-in password of 257 characters',
    () => gql(anonymous, SignIn, { input: { email: 'someone@example.test', password: 'p'.repeat(257) } }),
    typed('signIn', 'INVALID_INPUT', 'input.password'),
  ],
  [
    'a sign-in with a malformed email',
    () => gql(anonymous, SignIn, { input: { email: 'someone', password: 'whatever password' } }),
    typed('signIn', 'INVALID_INPUT', 'input.email'),
  ],
  [
    'a new password of 9 characters',
    () =>
      gql(me, ChangePassword, {
        input: { currentPassword: 'correct horse battery staple', newPassword: 'short-pw!' },
      }),
    typed('changePassword', 'INVALID_INPUT', 'input.newPassword'),
  ],
  [
    'a new password of 257 characters',
    () =>
      gql(me, ChangePassword, {
        input: { currentPassword: 'correct horse battery staple', newPassword: 'p'.repeat(257) },
      }),
    typed('changePassword', 'INVALID_INPUT', 'input.newPassword'),
  ],
  [
    'an API token name of 81 characters',
    () => gql(me, CreateToken, { input: { name: 't'.repeat(81), scopes: ['read'] } }),
    typed('createApiToken', 'INVALID_INPUT', 'input.name'),
  ],
  [
    'an API token name with a NUL character',
    () => gql(me, CreateToken, { input: { name: 'ci\u0000bot', scopes: ['read'] } }),
    coded('INVALID_INPUT'),
  ],
  [
    'an API token with no scopes',
    () => gql(me, CreateToken, { input: { name: 'ci', scopes: [] } }),
    typed('createApiToken', 'INVALID_INPUT', 'input.scopes'),
  ],
  [
    'an API token with an unknown scope',
    () => gql(me, CreateToken, { input: { name: 'ci', scopes: ['root'] } }),
    refused(400),
  ],
  [
    'a daily quota of 0',
    () => gql(me, SetQuota, { input: { userId: 'unused', maxImagesPerDay: 0 } }),
    typed('setUserQuota', 'INVALID_INPUT', 'input.maxImagesPerDay'),
  ],
  [
    'a negative concurrency quota',
    () => gql(me, SetQuota, { input: { userId: 'unused', maxConcurrentJobs: -1 } }),
    typed('setUserQuota', 'INVALID_INPUT', 'input.maxConcurrentJobs'),
  ],
  [
    'a share link that expired before it was made',
    () => gql(me, Share, { input: { imageId, expiresAt: '2020-01-01T00:00:00Z' } }),
    typed('createShareLink', 'INVALID_INPUT', 'input.expiresAt'),
  ],
  [
    'a share link expiry that is not a date',
    () => gql(me, Share, { input: { imageId, expiresAt: 'tomorrow' } }),
    refused(400),
  ],
];

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
  [
    'a mask that is text',
    () => editWithMask(file(Buffer.from('white where to change'), 'mask.png', 'image/png')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a mask that is an SVG',
    () => editWithMask(file(scriptedSvg, 'mask.svg', 'image/svg+xml')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a truncated PNG mask',
    async () => editWithMask(file((await png(200, 200, '#ffffff')).subarray(0, 60), 'mask.png', 'image/png')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a decompression-bomb mask',
    () => editWithMask(file(bombPng(), 'mask.png', 'image/png')),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'a mask over 10 MB',
    async () => {
      const big = Buffer.alloc(11 * 1024 * 1024);
      (await png()).copy(big);
      return editWithMask(file(big, 'mask.png', 'image/png'));
    },
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'both a mask and a mask image',
    async () => editWithMask(file(await png(), 'mask.png', 'image/png'), { maskImageId: imageId }),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
  [
    'an edit with no mask at all',
    onImage(Edit, { prompt: 'a red boat' }),
    typed('editImage', 'INVALID_INPUT', 'input.mask'),
  ],
];

const refusal = (reason: RegExp) => typed('importImageFromUrl', 'INVALID_INPUT', 'url', reason);
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

const protocol: Case[] = [
  ['a query 13 levels deep', () => gql(me, nested(10)), refused()],
  ['16 aliases', () => gql(me, aliased(16)), refused()],
  [
    '21 directives',
    () => gql(me, `{ instance { needsSetup ${'@include(if: true) '.repeat(21)} } }`),
    refused(),
  ],
  ['2,001 tokens', () => gql(me, `{ instance { ${'needsSetup '.repeat(2000)} } }`), refused()],
  [
    'a query over the cost limit',
    () =>
      gql(
        me,
        '{ images(first: 200) { edges { node { id url prompt width height thumbnails { url size } } } } }',
      ),
    refused(),
  ],
  ['a syntax error', () => gql(me, '{ instance { needsSetup '), coded('GRAPHQL_PARSE_FAILED')],
  ['a body that is not JSON', () => postRaw(me, '{"query": "{ instance { needsSetup } }"'), refused(400)],
  [
    'a batch of operations',
    () =>
      postRaw(me, JSON.stringify([{ query: '{ instance { needsSetup } }' }, { query: '{ viewer { id } }' }])),
    refused(400),
  ],
  [
    'an operation name that is not in the document',
    () => postRaw(me, JSON.stringify({ query: '{ instance { needsSetup } }', operationName: 'Steal' })),
    refused(400),
  ],
  [
    'a mutation over GET',
    async () => {
      const response = await fetch(`${url}/graphql?query=${encodeURIComponent('mutation { signOut }')}`, {
        headers: me.headers(),
      });
      return { status: response.status, executed: false, text: await response.text() };
    },
    refused(405),
  ],
  [
    'a GET without the CSRF header',
    async () => {
      const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, {
        headers: { cookie: me.cookie! },
      });
      return { status: response.status, executed: false, text: await response.text() };
    },
    refused(403),
  ],
  [
    'a form post without the CSRF header',
    async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { cookie: me.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=mutation%20%7B%20signOut%20%7D',
      });
      return { status: response.status, executed: false, text: await response.text() };
    },
    refused(403),
  ],
];

const sockets: Case[] = [
  [
    'a connection_init over 64 KB',
    () => rawSocket(url, { frames: [hugeFrame('connection_init')] }),
    socketClosed(1009),
  ],
  [
    'a subscribe message over 64 KB',
    () =>
      rawSocket(url, {
        frames: [JSON.stringify({ type: 'connection_init', payload: {} }), hugeFrame('subscribe')],
      }),
    socketClosed(1009),
  ],
  [
    'a socket from a foreign origin',
    () => rawSocket(url, { headers: { origin: 'https://evil.example', cookie: me.cookie! } }),
    (answer) => {
      const outcome = answer as SocketOutcome;
      expect(outcome.opened).toBe(false);
      expect(outcome.refusedWith).toBeGreaterThanOrEqual(400);
      expect(outcome.refusedWith).toBeLessThan(500);
    },
  ],
  [
    'a frame that is not JSON',
    () => rawSocket(url, { frames: ['{"type": "connection_init"'] }),
    socketClosed(4400),
  ],
  [
    'a subscribe before connection_init',
    () =>
      rawSocket(url, {
        frames: [JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ viewer { id } }' } })],
      }),
    socketClosed(4401),
  ],
];

const imageGid = () => imageId;
const jobGid = () => jobId;
const ids: Case[] = [
  [
    'image(id:) with a forged global id',
    () => gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: 'not-a-global-id' }),
    nothing('image'),
  ],
  [
    'image(id:) with the id of a job',
    () => gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: jobGid() }),
    nothing('image'),
  ],
  [
    'image(id:) with a well-formed id that is not a UUID',
    () => gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: globalId('Image', "1' or '1'='1") }),
    nothing('image'),
  ],
  [
    'job(id:) with the id of an image',
    () => gql(me, 'query($id: ID!) { job(id: $id) { id } }', { id: imageGid() }),
    nothing('job'),
  ],
  [
    'node(id:) of a type that does not exist',
    () =>
      gql(me, 'query($id: ID!) { node(id: $id) { id } }', { id: Buffer.from('User:1').toString('base64') }),
    nothing('node'),
  ],
  [
    'node(id:) with an empty id',
    () => gql(me, 'query($id: ID!) { node(id: $id) { id } }', { id: '' }),
    nothing('node'),
  ],
  [
    'deleteImage with a forged id',
    () =>
      gql(me, 'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code } } }', {
        id: 'not-a-global-id',
      }),
    notFound('deleteImage'),
  ],
  [
    'deleteImage with the id of a job',
    () =>
      gql(me, 'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code } } }', {
        id: jobGid(),
      }),
    notFound('deleteImage'),
  ],
  [
    'cancelJob with the id of an image',
    () =>
      gql(me, 'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Error { code } } }', {
        id: imageGid(),
      }),
    notFound('cancelJob'),
  ],
  [
    'variations of a forged image id',
    () => gql(me, Vary, { input: { imageId: 'not-a-global-id' } }),
    notFound('createVariations'),
  ],
  [
    'a share link for the id of a job',
    () => gql(me, Share, { input: { imageId: jobGid() } }),
    notFound('createShareLink'),
  ],
  [
    'revokeShareLink with an id that is not a UUID',
    () =>
      gql(me, 'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on Error { code } } }', {
        id: 'x',
      }),
    notFound('revokeShareLink'),
  ],
  [
    'revokeApiToken with SQL for an id',
    () =>
      gql(me, 'mutation($id: ID!) { revokeApiToken(id: $id) { __typename ... on Error { code } } }', {
        id: "'; drop table api_token; --",
      }),
    notFound('revokeApiToken'),
  ],
  [
    'setUserQuota for an account id that is not a UUID',
    () => gql(me, SetQuota, { input: { userId: 'nobody', maxImagesPerDay: 5 } }),
    notFound('setUserQuota'),
  ],
  [
    'jobUpdated with a forged id',
    async () => {
      const outcome = await subscribeAs(
        url,
        { cookie: me.cookie },
        'subscription($id: ID!) { jobUpdated(id: $id) { id } }',
        { id: 'not-a-global-id' },
        { untilFirst: 1 },
      );
      return {
        status: 200,
        executed: true,
        text: JSON.stringify(outcome),
        errors: outcome.errors,
        data: { jobUpdated: null },
      };
    },
    nothing('jobUpdated'),
  ],
  [
    'a forged images cursor',
    () => gql(me, '{ images(first: 5, after: "bm90LWEtY3Vyc29y") { edges { cursor } } }'),
    coded('INVALID_INPUT'),
  ],
  [
    'an images cursor with SQL for its id',
    () =>
      gql(me, 'query($c: String) { images(first: 5, before: $c) { edges { cursor } } }', {
        c: cursor("2026-01-01T00:00:00.000Z|1' or '1'='1"),
      }),
    coded('INVALID_INPUT'),
  ],
  [
    'a jobs cursor that is not base64',
    () => gql(me, '{ jobs(first: 5, after: "~~~ not base64 ~~~") { edges { cursor } } }'),
    coded('INVALID_INPUT'),
  ],
  [
    'a users cursor with a date that is no date',
    () =>
      gql(me, 'query($c: String) { users(first: 5, after: $c) { edges { cursor } } }', {
        c: cursor('yesterday|6f1c8a8e-5b7d-4f7e-9a53-2f6d8f0b9c11'),
      }),
    coded('INVALID_INPUT'),
  ],
  ['a negative page size', () => gql(me, '{ images(first: -1) { edges { cursor } } }'), coded()],
  [
    'a gallery filter on a provider with a NUL character',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { provider: 'local\u0000' },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on a tag with a NUL character',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { tags: ['sea\u0000'] },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on a date that is no date',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { startDate: 'last week' },
      }),
    refused(400),
  ],
  [
    'a share token of 10,000 characters',
    () => gql(anonymous, 'query($t: String!) { sharedImage(token: $t) { url } }', { t: 'a'.repeat(10_000) }),
    nothing('sharedImage'),
  ],
  [
    'a share token with SQL in it',
    () => gql(anonymous, 'query($t: String!) { sharedImage(token: $t) { url } }', { t: "x' or '1'='1" }),
    nothing('sharedImage'),
  ],
];

const groups: [string, Case[]][] = [
  ['prompts', prompts],
  ['sizes and shapes', sizes],
  ['counts, steps, seeds and scales', counts],
  ['providers, models, styles and enums', choices],
  ['accounts, tokens, quotas and links', accounts],
  ['uploads and masks', uploads],
  ['URLs to import from', urls],
  ['GraphQL over HTTP', protocol],
  ['WebSocket', sockets],
  ['ids, cursors and filters', ids],
];

describe.each(groups)('bad input: %s', (_group, cases) => {
  it.each(cases)(
    '%s → a typed error; nothing is left behind; the server keeps serving',
    async (_name, send, check) => {
      const before = await countEverything(stack.app, stack.dataDir);
      try {
        check(await send());
      } finally {
        // A request that was wrongly accepted must not disturb the cases after it.
        await settle(stack.app);
      }
      expect(await countEverything(stack.app, stack.dataDir)).toEqual(before);
      expect(await stillServing(url)).toBe(true);
    },
  );
});

it('sends documents the schema accepts, so that a refusal is the server’s and not the test’s', () => {
  for (const document of [
    Generate,
    Vary,
    Enhance,
    Restyle,
    Edit,
    Import,
    ImportUrl,
    SignUp,
    SignIn,
    ChangePassword,
    CreateToken,
    SetQuota,
    Share,
  ]) {
    expect(validate(schema, parse(document))).toEqual([]);
  }
});

it('has at least fifty cases', () => {
  expect(groups.flatMap(([, cases]) => cases).length).toBeGreaterThanOrEqual(50);
});

describe('uploads that are fine once their bytes are believed, not their names', () => {
  it.each([
    ['a PNG named .jpg and sent as image/jpeg', () => png(40, 30), 'photo.jpg', 'image/jpeg', 'image/png'],
    ['a JPEG named .png and sent as image/png', () => jpeg(40, 30), 'drawing.png', 'image/png', 'image/jpeg'],
  ] as const)('%s is stored as what it is', async (_name, make, name, declared, actual) => {
    const outcome = await importFile(file(await make(), name, declared));
    expect(outcome.errors).toBeUndefined();
    expect(outcome.data.importImage).toMatchObject({ __typename: 'Image', mime: actual });
    const stored = await gql(me, 'query($id: ID!) { image(id: $id) { url width height } }', {
      id: outcome.data.importImage.id,
    });
    expect(stored.data.image).toMatchObject({ width: 40, height: 30 });
    expect(await fetchFile(url, stored.data.image.url, { cookie: me.cookie })).toMatchObject({
      status: 200,
      type: actual,
    });
  });
});
