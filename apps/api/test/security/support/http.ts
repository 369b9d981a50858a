import { CSRF_HEADER } from '../../../src/server';
import { HttpClient, SignIn } from '../../support/http-client';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** What came back: the HTTP status and the parsed body (null when it was not JSON). */
export interface Outcome<T = any> {
  status: number;
  data?: T;
  errors?: GraphQLErrorBody[];
  /** Whether the body had a `data` key at all: execution started (validation passed). */
  executed: boolean;
  text: string;
}

function toOutcome(status: number, text: string): Outcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const json =
    body !== null && typeof body === 'object'
      ? (body as { data?: unknown; errors?: GraphQLErrorBody[] })
      : {};
  const executed = 'data' in json;
  return {
    status,
    text,
    executed,
    ...(executed && { data: json.data }),
    ...(json.errors && { errors: json.errors }),
  };
}

/** POSTs a raw body to /graphql with the client's credentials (cookie, token, CSRF header). */
export async function postRaw(
  client: HttpClient,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Outcome> {
  const response = await fetch(`${client.baseUrl}/graphql`, {
    method: 'POST',
    headers: client.headers(headers),
    body,
  });
  return toOutcome(response.status, await response.text());
}

/** An operation as JSON over HTTP, keeping the status (HttpClient.graphql needs a JSON answer). */
export function gql(
  client: HttpClient,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Outcome> {
  return postRaw(client, JSON.stringify({ query, variables }));
}

export interface UploadFile {
  bytes: Buffer;
  name: string;
  type: string;
}

/**
 * An operation as a GraphQL multipart request (the spec the SPA's upload link follows): each file
 * replaces the `null` at its variable path, e.g. `{ 'variables.file': png }`.
 */
export async function multipart(
  client: HttpClient,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, UploadFile>,
  options: { csrf?: boolean } = {},
): Promise<Outcome> {
  const form = new FormData();
  const paths = Object.keys(files);
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [path]]))));
  paths.forEach((path, i) => {
    const file = files[path]!;
    form.append(String(i), new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  });
  const headers = client.headers();
  if (options.csrf === false) delete headers[CSRF_HEADER];
  const response = await fetch(`${client.baseUrl}/graphql`, { method: 'POST', headers, body: form });
  return toOutcome(response.status, await response.text());
}

/** Fails with the whole answer when an operation did not give what the test needs to go on. */
export function must<T>(value: T | null | undefined, outcome: unknown): T {
  if (value === null || value === undefined) throw new Error(`unexpected answer: ${JSON.stringify(outcome)}`);
  return value;
}

export const CreateApiToken = /* GraphQL */ `
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
        token {
          id
          prefix
          scopes
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

export interface Token {
  id: string;
  secret: string;
  prefix: string;
}

/** A new API token of the client's person (the client must be a browser session). */
export async function createToken(
  client: HttpClient,
  scopes: string[],
  name = scopes.join('+'),
): Promise<Token> {
  const outcome = await gql(client, CreateApiToken, { input: { name, scopes } });
  const created = must(outcome.data?.createApiToken?.secret ? outcome.data.createApiToken : null, outcome);
  return { id: created.token.id, secret: created.secret, prefix: created.token.prefix };
}

/** A browser signed in as an existing person, with a session of its own. */
export async function signedIn(baseUrl: string, email: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const { data, errors } = await client.graphql(SignIn, { input: { email, password } });
  must(data?.signIn?.__typename === 'Account' && client.cookie ? true : null, { data, errors });
  return client;
}

export interface FileAnswer {
  status: number;
  type: string | null;
  cacheControl: string | null;
  bytes: number;
}

/** GETs (or sends `method` to) a file route as a browser with a cookie, a program with a token, or anyone. */
export async function fetchFile(
  baseUrl: string,
  path: string,
  as: { cookie?: string | null; token?: string } = {},
  method = 'GET',
): Promise<FileAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(as.cookie && { cookie: as.cookie }),
      ...(as.token && { authorization: `Bearer ${as.token}` }),
    },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    bytes: body.length,
  };
}

const JobStatus = /* GraphQL */ `
  query JobStatus($id: ID!) {
    job(id: $id) {
      id
      status
      error {
        code
        message
      }
      images {
        id
        url
        thumbnails {
          url
        }
      }
    }
  }
`;

export interface FinishedImage {
  id: string;
  url: string;
  thumbnails: { url: string }[];
}

/** Polls a job as its owner until it ends; fails unless it succeeded. */
export async function finishedJob(
  client: HttpClient,
  jobId: string,
  timeoutMs = 20_000,
): Promise<FinishedImage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await gql(client, JobStatus, { id: jobId });
    const job = must(outcome.data?.job, outcome);
    if (job.status === 'SUCCEEDED') return job.images as FinishedImage[];
    if (job.status === 'FAILED' || job.status === 'CANCELED') {
      throw new Error(`job ended ${JSON.stringify(job)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`job did not finish in ${timeoutMs} ms: ${JSON.stringify(job)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const Instance = '{ instance { needsSetup } }';

/** The server still answers a trivial query: a bad request did not take it down. */
export async function stillServing(baseUrl: string): Promise<boolean> {
  const outcome = await gql(new HttpClient(baseUrl), Instance);
  return outcome.status === 200 && outcome.data?.instance?.needsSetup === false;
}

/** The key of a stored file, from its `/files/<key>` URL. */
export function fileKey(url: string): string {
  return url.replace(/^\/files\//, '').split('?')[0]!;
}
