import { randomUUID } from 'node:crypto';
import type { Viewer } from '@atelier/domain';
import { MAX_COMPLEXITY, queryComplexity, schema } from '@atelier/schema';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type FieldNode,
  getNamedType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  Lexer,
  OperationTypeNode,
  type OperationDefinitionNode,
  print,
  Source,
  specifiedRules,
  TokenKind,
  typeFromAST,
  validate,
  visit,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as spa from '../../../web/src/gql/graphql';
import { armorLimits } from '../../src/http/armor';
import { globalId, newImage } from '../support/factories';
import { createTestStack, type TestStack } from '../support/harness';
import { HttpClient, signedUpClient } from '../support/http-client';
import { finishedJob, gql, multipart, must, type Outcome } from './support/http';
import { subscribeAs } from './support/ws';

/*
 * The query limits (graphql-armor) must refuse abuse without ever refusing the web app: every
 * operation the SPA sends is measured against each limit with room to spare, and sent to the real
 * server with plausible variables. Refusals must not reveal the limits, nor suggest field names.
 */

let stack: TestStack;
let url: string;
let me: { client: HttpClient; email: string; id: string };
let imageId: string;
let jobId: string;
let shareToken: string;
let batchId: string;

beforeAll(async () => {
  // Every operation of the app, sent by one person in a burst, is more changes than a person's
  // burst allows; rate limits have tests of their own.
  const burst = { capacity: 1000, refillPerSecond: 1 };
  stack = await createTestStack({
    auth: 'real',
    server: { rateLimits: { perUser: burst, perToken: burst } },
  });
  url = (await stack.listen()).url;
  me = await signedUpClient(url, { first: true });
  const queued = await gql(
    me.client,
    'mutation($input: GenerateImagesInput!) { generateImages(input: $input) { ... on Job { id } } }',
    { input: { prompt: 'a quiet harbour at dawn', provider: 'local', width: 256, height: 256, steps: 1 } },
  );
  jobId = must(queued.data?.generateImages?.id, queued);
  imageId = must((await finishedJob(me.client, jobId))[0], queued).id;
  const batch = await gql(
    me.client,
    'mutation($input: CreateBatchInput!) { createBatch(input: $input) { ... on Batch { id items { edges { node { job { id } } } } } } }',
    {
      input: {
        prompts: [{ prompt: 'a quiet harbour at dusk' }],
        provider: 'local',
        width: 256,
        height: 256,
        steps: 1,
      },
    },
  );
  batchId = must(batch.data?.createBatch?.id, batch);
  await finishedJob(me.client, must(batch.data.createBatch.items.edges[0]?.node.job.id, batch));
  const shared = await gql(
    me.client,
    'mutation($input: CreateShareLinkInput!) { createShareLink(input: $input) { ... on ShareLink { token } } }',
    { input: { imageId } },
  );
  shareToken = must(shared.data?.createShareLink?.token, shared);
});
afterAll(() => stack?.close());

// ---------------------------------------------------------------------------------------------
// The SPA's operations, as codegen generated them (what the app sends at run time)

const operations = Object.entries(spa)
  .filter(([, value]) => (value as { kind?: string } | null)?.kind === Kind.DOCUMENT)
  .map(([name, value]) => [name, value as DocumentNode] as const)
  .filter(([, document]) =>
    document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
  );

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
}

function rootField(document: DocumentNode): string {
  return (operationOf(document).selectionSet.selections[0] as FieldNode).name.value;
}

interface Measures {
  depth: number;
  cost: number;
  aliases: number;
  directives: number;
  tokens: number;
}

/** Runs the server's own armor rules, with its own limits, and reads what each one measured. */
function measure(document: DocumentNode): { measures: Measures; errors: string[] } {
  const measured: Partial<Measures> = {};
  const record = (key: keyof Measures) => [
    (_context: unknown, { n }: { n: number }) => void (measured[key] = n),
  ];
  const { validationRules } = new ApolloArmor({
    ...armorLimits,
    maxDepth: { ...armorLimits.maxDepth, onAccept: record('depth') },
    costLimit: { ...armorLimits.costLimit, onAccept: record('cost') },
    maxAliases: { ...armorLimits.maxAliases, onAccept: record('aliases') },
    maxDirectives: { ...armorLimits.maxDirectives, onAccept: record('directives') },
  }).protect();
  const errors = validate(schema, document, [...specifiedRules, ...validationRules]).map(
    (error) => error.message,
  );
  const lexer = new Lexer(new Source(print(document)));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return { measures: { ...(measured as Measures), tokens }, errors };
}

const limits = {
  depth: armorLimits.maxDepth!.n!,
  cost: armorLimits.costLimit!.maxCost!,
  aliases: armorLimits.maxAliases!.n!,
  directives: armorLimits.maxDirectives!.n!,
  tokens: armorLimits.maxTokens!.n!,
};
// Room to grow: the app's heaviest operation may use at most this share of each limit.
const margin: Record<keyof Measures, number> = {
  depth: 2 / 3,
  cost: 1 / 2,
  aliases: 1 / 2,
  directives: 1 / 2,
  tokens: 1 / 2,
};

describe("the web app's operations", () => {
  it('are all found: queries, mutations and the subscription', () => {
    const kinds = new Set(operations.map(([, document]) => operationOf(document).operation));
    expect([...kinds].sort()).toEqual(['mutation', 'query', 'subscription']);
    expect(operations.length).toBeGreaterThanOrEqual(10);
  });

  it.each(operations)('%s stays well within every limit', (_name, document) => {
    const { measures, errors } = measure(document);
    expect(errors).toEqual([]);
    for (const key of Object.keys(margin) as (keyof Measures)[]) {
      expect(measures[key], `${key}: ${measures[key]} of ${limits[key]}`).toBeLessThanOrEqual(
        limits[key] * margin[key],
      );
    }
  });

  // Counted with variables: at the largest page the app asks for (100), still at most half the budget.
  it.each(operations)('%s stays within half the complexity budget at 100 a page', (_name, document) => {
    const complexity = complexityOf(document);
    expect(complexity, `${complexity} of ${MAX_COMPLEXITY}`).toBeLessThanOrEqual(MAX_COMPLEXITY / 2);
  });

  it.each(operations)('%s is accepted by the running server', async (_name, document) => {
    const field = rootField(document);
    const query = print(document);
    const variables = variablesFor(document);
    if (operationOf(document).operation === OperationTypeNode.SUBSCRIPTION) {
      const pending = subscribeAs(url, { cookie: me.client.cookie }, query, variables, {
        untilFirst: 1,
      });
      const outcome = await speakUntil(pending, field);
      expect(outcome.errors).toEqual([]);
      expect(outcome.results[0]?.data?.[field]).toBeTruthy();
      return;
    }
    // An upload goes as a multipart request, as the app sends it (its bytes are no image: refused, typed).
    if (variables.file instanceof File) {
      const upload = { bytes: Buffer.from('armor check'), name: 'armor.png', type: 'image/png' };
      expectExecuted(
        await multipart(me.client, query, { ...variables, file: null }, { 'variables.file': upload }),
      );
      return;
    }
    // Signing out would end the session the other operations use: a visitor signs out instead.
    const outcome = await gql(field === 'signOut' ? new HttpClient(url) : me.client, query, variables);
    expectExecuted(outcome);
  });
});

/** What makes a subscription that only speaks when something happens (an image added or changed) speak. */
const triggers: Record<string, () => Promise<unknown>> = {
  libraryChanged: () =>
    gql(me.client, 'mutation($input: SavePromptInput!) { savePrompt(input: $input) { __typename } }', {
      input: { title: 'armor check', prompt: 'a small boat' },
    }),
  imageAdded: () => newImage(stack.app, { id: me.id } as Viewer),
  imageUpdated: async () => {
    for (const starred of [true, false]) {
      await gql(
        me.client,
        'mutation($id: ID!, $s: Boolean!) { setImageStarred(id: $id, starred: $s) { __typename } }',
        {
          id: imageId,
          s: starred,
        },
      );
    }
  },
};

/** Waits for a subscription's outcome, triggering its event now and then until it arrives (it may start late). */
async function speakUntil<T>(pending: Promise<T>, field: string): Promise<T> {
  const trigger = triggers[field];
  if (!trigger) return pending;
  let settled = false;
  void pending.finally(() => (settled = true));
  while (!settled) {
    await trigger();
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  return pending;
}

function expectExecuted(outcome: Outcome): void {
  const refusals = (outcome.errors ?? []).filter(
    (error) =>
      ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'].includes(
        String(error.extensions?.code),
      ) || /Syntax Error|validation error/i.test(error.message),
  );
  expect(refusals).toEqual([]);
  expect({ status: outcome.status, executed: outcome.executed }).toEqual({ status: 200, executed: true });
}

/**
 * The server's own count at 100 a page. It maps arguments as the server does, so an id must name a
 * node of the type its argument takes: the id it refuses is given again with the type it names.
 */
function complexityOf(document: DocumentNode): number {
  let variables = JSON.stringify({ ...variablesFor(document), first: 100, last: 100 });
  const sent = print(withTypenames(document));
  for (let attempt = 0; ; attempt++) {
    try {
      // JSON has no files: an upload's variable is put back as the file it was.
      const { file } = variablesFor(document);
      const parsed = JSON.parse(variables) as Record<string, unknown>;
      return queryComplexity(sent, file instanceof File ? { ...parsed, file } : parsed);
    } catch (error) {
      const wanted = /^ID: (\S+) is not of type: (\w+)/.exec((error as Error).message);
      if (!wanted || attempt === 5) throw error;
      variables = variables.replaceAll(wanted[1]!, globalId(wanted[2]!, randomUUID()));
    }
  }
}

/** The document as graphcache sends it: `__typename` asked in every selection but the root's. */
function withTypenames(document: DocumentNode): DocumentNode {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return visit(document, {
    SelectionSet: (node, _key, parent) =>
      (parent as { kind?: string } | undefined)?.kind === Kind.OPERATION_DEFINITION ||
      node.selections.some(
        (selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename',
      )
        ? undefined
        : { ...node, selections: [...node.selections, typename] },
  });
}

// Plausible variables: what the app would send, aimed so that nothing of value changes.
const missingImage = () => globalId('Image', randomUUID());
const inputs: Record<string, () => Record<string, unknown>> = {
  generateImages: () => ({
    prompt: 'armor check: a small boat',
    provider: 'local',
    width: 256,
    height: 256,
    steps: 1,
  }),
  createVariations: () => ({ imageId: missingImage(), count: 1 }),
  enhanceImage: () => ({ imageId: missingImage() }),
  restyleImage: () => ({ imageId: missingImage(), styleText: 'warm' }),
  editImage: () => ({ imageId: missingImage(), prompt: 'a boat', maskImageId: missingImage() }),
  outpaintImage: () => ({ imageId: missingImage(), left: 64 }),
  applyImageEdits: () => ({ imageId: missingImage(), operations: [{ flip: { axis: 'HORIZONTAL' } }] }),
  createShareLink: () => ({ imageId }),
  createBatch: () => ({
    prompts: [{ prompt: 'a boat' }],
    provider: 'local',
    width: 256,
    height: 256,
    steps: 1,
  }),
  createApiToken: () => ({ name: 'armor check', scopes: ['read'] }),
  changePassword: () => ({
    currentPassword: 'not the current password',
    newPassword: 'another long password',
  }),
  setUserQuota: () => ({ userId: me.id }),
  setTemporaryPassword: () => ({ userId: randomUUID(), password: 'armor check: nobody has this account' }),
  setup: () => ({ email: me.email, password: 'a long enough password', displayName: 'Someone' }),
  signUp: () => ({ email: me.email, password: 'a long enough password', displayName: 'Someone' }),
  signIn: () => ({ email: me.email, password: 'not the password at all' }),
};
const byName: Record<string, (field: string) => unknown> = {
  input: (field) => inputs[field]?.(),
  id: (field) =>
    ({
      job: jobId,
      jobUpdated: jobId,
      cancelJob: jobId,
      image: imageId,
      deleteImage: missingImage(),
      batch: batchId,
      batchUpdated: batchId,
      cancelBatch: batchId,
      retryFailedBatchItems: batchId,
    })[field] ?? missingImage(),
  imageId: () => imageId,
  file: () => new File([Buffer.from('armor check')], 'armor.png', { type: 'image/png' }),
  first: () => 20,
  last: () => 20,
  token: () => shareToken,
  enabled: () => true,
  statuses: () => ['QUEUED', 'RUNNING'],
};

function variablesFor(document: DocumentNode): Record<string, unknown> {
  const field = rootField(document);
  const variables: Record<string, unknown> = {};
  for (const definition of operationOf(document).variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType;
    const value = byName[name]?.(field) ?? (isNonNullType(type) ? anyValueOf(type) : undefined);
    if (value !== undefined) variables[name] = value;
  }
  return variables;
}

/** Some valid value of a type, for variables the table above does not know. */
function anyValueOf(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return anyValueOf(type.ofType);
  if (isListType(type)) return [anyValueOf(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, anyValueOf(field.type)]),
    );
  }
  return (
    {
      ID: missingImage(),
      String: 'x',
      Int: 1,
      Float: 1,
      Boolean: true,
      DateTime: new Date(Date.now() + 86_400_000).toISOString(),
    } as Record<string, unknown>
  )[named.name];
}

// ---------------------------------------------------------------------------------------------
// Refusals reveal nothing

const overLimit: [string, string][] = [
  ['depth', `{ images(first: 1) { edges { node { ${'parent { '.repeat(12)}id${' }'.repeat(12)} } } } }`],
  [
    'aliases',
    `{ ${Array.from({ length: limits.aliases + 1 }, (_, i) => `a${i}: instance { needsSetup }`).join(' ')} }`,
  ],
  ['directives', `{ instance { needsSetup ${'@include(if: true) '.repeat(limits.directives + 1)} } }`],
  ['tokens', `{ instance { ${'needsSetup '.repeat(limits.tokens)} } }`],
  [
    'cost',
    '{ images(first: 200) { edges { node { id url prompt width height thumbnails { url size } } } } }',
  ],
];
const revealing = new RegExp(
  [
    ...Object.values(limits).flatMap((n) => [String(n), n.toLocaleString('en-US')]),
    'limit',
    'exceeded',
    'found \\d',
    'max',
  ].join('|'),
  'i',
);

describe('refusals', () => {
  it.each(overLimit)(
    'over the %s limit: refused, without revealing the limit (HTTP)',
    async (_limit, query) => {
      const outcome = await gql(me.client, query);
      expect(outcome.executed).toBe(false);
      expect(outcome.errors?.length).toBeGreaterThan(0);
      for (const error of outcome.errors!) {
        expect(error.message).not.toMatch(revealing);
        expect(JSON.stringify(error.extensions ?? {})).not.toMatch(revealing);
      }
    },
  );

  it.each(overLimit)(
    'over the %s limit: refused, without revealing the limit (WebSocket)',
    async (_limit, query) => {
      const outcome = await subscribeAs(url, { cookie: me.client.cookie }, query, {});
      expect(outcome.results.filter((result) => result.data)).toEqual([]);
      expect(outcome.errors.length).toBeGreaterThan(0);
      for (const error of outcome.errors) expect(error.message).not.toMatch(revealing);
    },
  );
});

const Generate = 'mutation($input: GenerateImagesInput!) { generateImages(input: $input) { __typename } }';
const misspelled: [string, string, Record<string, unknown> | undefined, string][] = [
  ['a root field', '{ viewr { id } }', undefined, 'viewr'],
  ['a nested field', '{ instance { needSetup } }', undefined, 'needSetup'],
  ['an argument', '{ images(frist: 1) { edges { cursor } } }', undefined, 'frist'],
  [
    'a type in a variable definition',
    'mutation($input: GenerateImageInput!) { generateImages(input: $input) { __typename } }',
    undefined,
    'GenerateImageInput',
  ],
  ['a type condition', '{ viewer { ... on Acount { id } } }', undefined, 'Acount'],
  [
    'an input field written in the query',
    'mutation { generateImages(input: { prompt: "x", provider: "local", widht: 256 }) { __typename } }',
    undefined,
    'widht',
  ],
  [
    'an enum value written in the query',
    'mutation { generateImages(input: { prompt: "x", provider: "local", quality: HIG }) { __typename } }',
    undefined,
    'HIG',
  ],
  [
    'an input field sent in variables',
    Generate,
    { input: { prompt: 'x', provider: 'local', widht: 256 } },
    'widht',
  ],
  [
    'an enum value sent in variables',
    Generate,
    { input: { prompt: 'x', provider: 'local', quality: 'HIG' } },
    'HIG',
  ],
];

describe('misspellings', () => {
  it.each(misspelled)('of %s get no suggestion of the right name', async (_what, query, variables, wrong) => {
    const outcome = await gql(me.client, query, variables);
    expect(outcome.executed).toBe(false);
    const messages = (outcome.errors ?? []).map((error) => error.message);
    expect(messages.join(' ')).toContain(wrong);
    for (const message of messages) expect(message).not.toMatch(/did you mean/i);
  });
});

describe('complexity, counted with the variables', () => {
  const nested = /* GraphQL */ `
    query ($n: Int) {
      collections(first: $n) {
        edges {
          node {
            id
            images(first: $n) {
              edges {
                node {
                  id
                  url
                  width
                  height
                }
              }
            }
          }
        }
      }
    }
  `;

  it('refuses nested pages whose sizes come as variables, saying what to do and nothing of the limit', async () => {
    const outcome = await gql(me.client, nested, { n: 200 });
    expect(outcome.data?.collections ?? null).toBeNull();
    expect(outcome.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(outcome.errors![0]!.message).toMatch(/smaller pages/);
    expect(JSON.stringify(outcome.errors)).not.toMatch(revealing);
  });

  it('serves the same query with small pages, and goes on serving', async () => {
    const outcome = await gql(me.client, nested, { n: 5 });
    expect(outcome.errors).toBeUndefined();
    expect(outcome.data?.collections.edges).toBeInstanceOf(Array);
  });
});
