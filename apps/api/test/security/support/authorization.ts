import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../support/http-client';
import { gql, multipart, type Outcome, signedIn, type Token, type UploadFile } from './http';
import { type SocketCredentials, subscribeAs } from './ws';
import { expectNothingOfA, type Person, url, w, type World, worldOfA } from './world';

/*
 * The authorization table: one row per root field of the schema, each with the attempts B makes
 * against A's things. The rows live beside the test files, one table per schema module
 * (test/security/authorization/*.table.ts); `describeRows` runs a table's rows as B (by session
 * and by token), anonymously, and with each of A's tokens that lacks what the field needs.
 */

export type Need = 'public' | 'signedIn' | 'read' | 'generate' | 'session' | 'admin';
export type OperationType = 'query' | 'mutation' | 'subscription';

/** What came back: over HTTP, or the results and errors of a subscription. */
export interface Answer {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  results?: { data?: any }[];
}

export interface Actor {
  label: string;
  http: HttpClient;
  socket: SocketCredentials;
}

export interface Attempt {
  /** What B aims at, for the test name. */
  what: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /** Files for a multipart request, by variable path (e.g. `variables.file`). */
  files?: () => Promise<Record<string, UploadFile>>;
  /** How B's attempt must come out. */
  asB: (answer: Answer, actor: Actor) => void | Promise<void>;
  /** B rightly makes something of B's own (a job, an image, a token): only A's things are compared. */
  makesOwn?: boolean;
  /** Runs in another browser of B's (signing out ends the session it runs in). */
  freshBrowser?: boolean;
  /** For a subscription that must stay silent: how long to listen (instead of until its first result). */
  quietMs?: number;
  /** What happens elsewhere while a quiet subscription listens (e.g. A changing A's things and back). */
  whileOpen?: () => Promise<void>;
}

export interface Row {
  type: OperationType;
  field: string;
  needs: Need;
  attempts: Attempt[];
  /** What an anonymous caller gets from the first attempt; by default: sign in (or, for public fields, what B gets). */
  anonymous?: (answer: Answer) => void;
}

export function refusedWith(field: string, code: string) {
  return (answer: Answer) => {
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(answer.data?.[field] ?? null).toBeNull();
    expect(answer.results?.some((result) => result.data) ?? false).toBe(false);
  };
}

export const isNull = (field: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toBeNull();
};

export const notFound = (field: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
};

/** The typed "no such image" of operations that take an image in their input. */
export const noSuchImage = (field: string, path: string) => (answer: Answer) => {
  expect(answer.errors ?? []).toEqual([]);
  expect(answer.data?.[field]).toMatchObject({ __typename: 'InvalidInputError', code: 'NOT_FOUND' });
  expect(answer.data[field].issues.map((issue: { field: string }) => issue.field)).toEqual([path]);
};

export function typedError(field: string, typename: string, code: string, path?: string) {
  return (answer: Answer) => {
    expect(answer.errors ?? []).toEqual([]);
    expect(answer.data?.[field]).toMatchObject({ __typename: typename, code });
    if (path) {
      expect(answer.data[field].issues.map((issue: { field: string }) => issue.field)).toEqual([path]);
    }
  };
}

export const edgeIds = (connection: { edges: { node: { id: string } }[] }) =>
  connection.edges.map((edge) => edge.node.id);

const ImageResult =
  '__typename ... on Job { id } ... on Error { code message } ... on InvalidInputError { issues { field } }';
export const jobInput = (query: string, field: string, type: string) => /* GraphQL */ `
  mutation ${query}($input: ${type}!) { ${field}(input: $input) { ${ImageResult} } }
`;

async function run(row: Row, attempt: Attempt, actor: Actor): Promise<Answer> {
  const variables = attempt.variables?.() ?? {};
  if (row.type === 'subscription') {
    const pending = subscribeAs(
      url,
      actor.socket,
      attempt.query,
      variables,
      attempt.quietMs ? { quietMs: attempt.quietMs } : { untilFirst: 1 },
    );
    if (attempt.whileOpen) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await attempt.whileOpen();
    }
    const outcome = await pending;
    return { errors: outcome.errors, results: outcome.results };
  }
  const outcome: Outcome = attempt.files
    ? await multipart(actor.http, attempt.query, variables, await attempt.files())
    : await gql(actor.http, attempt.query, variables);
  return { data: outcome.data, ...(outcome.errors && { errors: outcome.errors }) };
}

/** Runs an attempt and checks it left A's world as it was (and, unless it makes B's own, everything). */
export async function attemptUnchanged(
  row: Row,
  attempt: Attempt,
  actor: Actor,
  check: (answer: Answer) => void | Promise<void>,
) {
  const before = await worldOfA();
  const answer = await run(row, attempt, actor);
  await check(answer);
  expectNothingOfA(answer);
  const after = await worldOfA();
  expect(after.mine).toEqual(before.mine);
  if (!attempt.makesOwn) {
    expect(after.users).toEqual(before.users);
    expect(after.rows).toEqual(before.rows);
  }
}

export const bySession = (person: Person, label: string): Actor => ({
  label,
  http: person.client,
  socket: { cookie: person.client.cookie },
});
export const byToken = (token: Token, label: string): Actor => ({
  label,
  http: new HttpClient(url, { token: token.secret }),
  socket: { token: token.secret },
});
export const anonymousActor = (): Actor => ({ label: 'anonymous', http: new HttpClient(url), socket: {} });

/** The fields anyone may use without signing in. */
export const publicFields = new Set([
  'instance',
  'sharedImage',
  'sharedCollection',
  'setup',
  'signUp',
  'signIn',
  'signOut',
  'viewer',
]);

// Which of A's tokens lack what a field needs: each must be refused (FORBIDDEN) and change nothing.
const lacking: Record<Need, (keyof World['tokens'])[]> = {
  public: [],
  signedIn: [],
  read: ['generate'],
  generate: ['read'],
  session: ['read', 'readGenerate', 'admin'],
  admin: ['read', 'readGenerate'],
};

/**
 * Runs every attempt of `rows` as B (from B's browser session and with B's API token), the first
 * attempt of each row anonymously and with each of A's tokens that lacks what the field needs.
 * After every attempt, A's world must be as it was.
 */
export function describeRows(rows: Row[]): void {
  const bAttempts = rows.flatMap((row) =>
    row.attempts.map((attempt) => [`${row.type} ${row.field}`, attempt.what, row, attempt] as const),
  );

  describe("B gets nothing of A's, and changes nothing of A's", () => {
    it.each(bAttempts)('%s on %s, from B’s browser session', async (_field, _what, row, attempt) => {
      const person = attempt.freshBrowser
        ? { ...w.b, client: await signedIn(url, w.b.email, w.b.password) }
        : w.b;
      const actor = bySession(person, 'B');
      await attemptUnchanged(row, attempt, actor, (answer) => attempt.asB(answer, actor));
    });

    it.each(bAttempts)('%s on %s, with B’s API token', async (_field, _what, row, attempt) => {
      const actor = byToken(w.bToken, 'B token');
      await attemptUnchanged(row, attempt, actor, (answer) =>
        // Account settings need a browser session; for the rest a token of B's gets what B gets.
        row.needs === 'session' ? refusedWith(row.field, 'FORBIDDEN')(answer) : attempt.asB(answer, actor),
      );
    });
  });

  describe('anonymous callers', () => {
    it.each(rows.map((row) => [`${row.type} ${row.field}`, row] as const))(
      '%s: told to sign in unless public',
      async (_name, row) => {
        const attempt = row.attempts[0]!;
        await attemptUnchanged(row, { ...attempt, makesOwn: false }, anonymousActor(), async (answer) => {
          if (!publicFields.has(row.field)) refusedWith(row.field, 'UNAUTHENTICATED')(answer);
          else if (row.anonymous) row.anonymous(answer);
          else await attempt.asB(answer, anonymousActor());
        });
      },
    );
  });

  describe('API tokens stay within their scopes', () => {
    const cases = rows.flatMap((row) =>
      lacking[row.needs].map((token) => [`${row.type} ${row.field}`, token, row.needs, row] as const),
    );

    it.each(cases)("%s refuses A's %s token (it needs %s)", async (_name, token, _needs, row) => {
      const attempt = row.attempts[0]!;
      await attemptUnchanged(
        row,
        { ...attempt, makesOwn: false },
        byToken(w.tokens[token], token),
        (answer) => refusedWith(row.field, 'FORBIDDEN')(answer),
      );
    });
  });
}
