import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestStack, type TestStack } from '../../support/harness';
import { HttpClient, signedUpClient } from '../../support/http-client';
import { finishedJob, gql, multipart, must, type Outcome, postRaw, type UploadFile } from './http';
import { drained } from './rows';
import type { SocketOutcome } from './ws';

/*
 * Hostile and careless input. Every case must end in a typed error (a result-union member with its
 * code, `extensions.code` for protocol failures, or an HTTP 4xx for transport limits), leave no row
 * or file behind, and leave the server serving.
 *
 * The cases are listed by schema module in test/security/bad-input/*.cases.ts and run in
 * test/security/bad-input.spec.ts. A test file that calls `useBadInputStack()` gets a stack of its
 * own; `stack`, `url`, `me` and the rest are that file's.
 */

export let stack: TestStack;
export let url: string;
export let me: HttpClient;
export let anonymous: HttpClient;
export let imageId: string;
export let jobId: string;
let publicServer: Server | undefined;
export let publicBase: string;
export let apiPort: number;

// The "public internet" for the URL importer: a loopback address the importer is told to allow.
// Loopback addresses other than this one (127.0.0.1, 127.0.0.2, …) stay refused.
const PUBLIC_ADDRESS = '127.0.0.3';

/**
 * A stack with one signed-in person (`me`, the admin) and an image of theirs (`imageId`, made by
 * `jobId`), and a "public" web server at `publicBase` for the URL importer.
 */
export function useBadInputStack(): void {
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
    me = (await signedUpClient(url, { first: true, openSignUp: true })).client;
    anonymous = new HttpClient(url);
    const queued = await gql(me, Generate, { input: { ...validGenerate, seed: 5 } });
    jobId = must(queued.data?.generateImages?.id, queued);
    imageId = must((await finishedJob(me, jobId))[0], queued).id;
    await drained(stack.app);

    const server = createServer((req, res) => {
      const port = (server.address() as AddressInfo).port;
      if (req.url === '/to-loopback') {
        res.writeHead(302, { location: `http://127.0.0.2:${port}/image.png` }).end();
      } else if (req.url === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (req.url === '/to-api') {
        res.writeHead(302, { location: `http://127.0.0.1:${apiPort}/graphql` }).end();
      } else if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('plain text, not a picture');
    });
    publicServer = server;
    await new Promise<void>((resolve) => server.listen(0, PUBLIC_ADDRESS, resolve));
    publicBase = `http://${PUBLIC_ADDRESS}:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    const server = publicServer;
    if (server) await new Promise((resolve) => server.close(resolve));
    await stack?.close();
  });
}

// ---------------------------------------------------------------------------------------------
// Operations

const Result =
  '__typename ... on Error { code message } ... on InvalidInputError { issues { field message } }';
export const Generate = `mutation Generate($input: GenerateImagesInput!) { generateImages(input: $input) { ${Result} ... on Job { id } } }`;
export const Vary = `mutation Vary($input: CreateVariationsInput!) { createVariations(input: $input) { ${Result} ... on Job { id } } }`;
export const Enhance = `mutation Enhance($input: EnhanceImageInput!) { enhanceImage(input: $input) { ${Result} ... on Job { id } } }`;
export const Restyle = `mutation Restyle($input: RestyleImageInput!) { restyleImage(input: $input) { ${Result} ... on Job { id } } }`;
export const Edit = `mutation Edit($input: EditImageInput!) { editImage(input: $input) { ${Result} ... on Job { id } } }`;
export const Import = `mutation Import($file: File!) { importImage(file: $file) { ${Result} ... on Image { id mime } } }`;
export const ImportUrl = `mutation ImportUrl($url: String!) { importImageFromUrl(url: $url) { ${Result} ... on Image { id } } }`;
export const SignUp = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ${Result} ... on Account { id } } }`;
export const SignIn = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { ${Result} ... on Account { id } } }`;
export const ChangePassword = `mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) { ${Result} ... on ChangePasswordSuccess { data } } }`;
export const CreateToken = `mutation CreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { ${Result} ... on CreatedApiToken { secret } } }`;
export const SetQuota = `mutation SetQuota($input: SetUserQuotaInput!) { setUserQuota(input: $input) { ${Result} ... on Account { id } } }`;
export const Share = `mutation Share($input: CreateShareLinkInput!) { createShareLink(input: $input) { ${Result} ... on ShareLink { token } } }`;

export const validGenerate = {
  prompt: 'a lighthouse on a calm sea',
  provider: 'local',
  width: 256,
  height: 256,
  steps: 1,
};
export const generate = (change: Record<string, unknown>) =>
  gql(me, Generate, { input: { ...validGenerate, ...change } });
export const generateRaw = (inputJson: string) =>
  postRaw(me, `{"query":${JSON.stringify(Generate)},"variables":{"input":${inputJson}}}`);
export const onImage = (query: string, change: Record<string, unknown>) => () =>
  gql(me, query, { input: { imageId, ...change } });
export const importFile = (file: UploadFile) =>
  multipart(me, Import, { file: null }, { 'variables.file': file });
export const editWithMask = (file: UploadFile, change: Record<string, unknown> = {}) =>
  multipart(
    me,
    Edit,
    { input: { imageId, prompt: 'a red boat', steps: 1, mask: null, ...change } },
    { 'variables.input.mask': file },
  );
export const importUrl = (target: string) => gql(me, ImportUrl, { url: target });
export const signUp = (change: Record<string, unknown>) =>
  gql(anonymous, SignUp, {
    input: {
      email: 'new.person@example.test',
      password: 'a long enough password',
      displayName: 'New person',
      ...change,
    },
  });
export const cursor = (text: string) => Buffer.from(text).toString('base64url');
export const file = (bytes: Buffer, name: string, type: string): UploadFile => ({ bytes, name, type });

// ---------------------------------------------------------------------------------------------
// Expectations

export type Answer = Outcome | SocketOutcome;
export type Check = (answer: Answer) => void;
export const http = (answer: Answer) => answer as Outcome;

/** A typed error: the operation's result is an error member with this code (and names this field). */
export function typed(root: string, code: string, field?: string, message?: RegExp): Check {
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
export function validDocument(answer: Answer): void {
  for (const error of http(answer).errors ?? []) {
    expect(error.extensions?.code, error.message).not.toBe('GRAPHQL_VALIDATION_FAILED');
  }
}

/** A protocol failure the client can act on: `extensions.code` (this one, when given). */
export function coded(code?: string): Check {
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
export function refused(status?: number): Check {
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
export function nothing(root: string): Check {
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
export function noneOrCoded(root: string): Check {
  return (answer) => {
    const { data, errors } = http(answer);
    if (errors) coded()(answer);
    else expect(data?.[root]?.edges).toEqual([]);
  };
}

/** Not found, as the result union says it (NotFoundError, or InvalidInputError NOT_FOUND), or a coded protocol error. */
export function notFound(root: string): Check {
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

export function socketClosed(code?: number): Check {
  return (answer) => {
    const outcome = answer as SocketOutcome;
    expect(outcome.opened).toBe(true);
    expect(outcome.closeCode).toEqual(code ?? expect.any(Number));
  };
}

// ---------------------------------------------------------------------------------------------
// The cases: [name, request, expectation]

export type Case = [string, () => Promise<Answer>, Check];
