import { schema } from '@atelier/schema';
import { getNamedType, isObjectType, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../support/http-client';
import { fetchFile, gql, signedIn } from '../support/http';
import { byToken, describeRows, edgeIds, publicFields } from '../support/authorization';
import {
  A_PASSWORD,
  A_PROMPT,
  Generate,
  picture,
  secret,
  share,
  url,
  useWorldOfAAndB,
  w,
  worldOfA,
} from '../support/world';
import { accountAdminShareRows } from './account-admin-share.table';
import { accountManageRows, inviteRows } from './account-manage.table';
import { bulkStarRestoreRows } from './bulk-star-restore.table';
import { connectedAppRows } from './connected-app.table';
import { collectionRows } from './collection.table';
import { generationRows } from './generation.table';
import { historyRows } from './history.table';
import { imageEditRows } from './image-edit.table';
import { imageImportRows } from './image-import.table';
import { insightsRows } from './insights.table';
import { jobBatchRows } from './job-batch.table';
import { jobHistoryRows } from './job-history.table';
import { promptTemplatePresetRows } from './prompt-template-preset.table';
import { webhookRows } from './webhook.table';

/*
 * Who may do what with accounts, API tokens, the admin's fields, share links, collections, saved
 * prompts, prompt history, templates and style presets (schema/modules/account.ts, admin.ts,
 * share.ts, collection.ts, library-events.ts, prompt.ts, template.ts and preset.ts; their rows are
 * in account-admin-share.table.ts, collection.table.ts and prompt-template-preset.table.ts). B tries
 * each field against A's things and must get "not found" (never "forbidden", never details) and
 * hear nothing, anonymous callers must be told to sign in, and API tokens must stay within their
 * scopes. After every attempt, A's world must be as it was.
 *
 * Also the authorization table as a whole: a row for every root field of the schema, each attempt
 * aimed at its row, and exactly the public fields open to anonymous callers (all of them fields of
 * account.ts and share.ts). The other modules' rows run in images-and-jobs.spec.ts.
 */

const allRows = [
  ...accountAdminShareRows,
  ...accountManageRows,
  ...inviteRows,
  ...connectedAppRows,
  ...imageImportRows,
  ...historyRows,
  ...generationRows,
  ...imageEditRows,
  ...jobBatchRows,
  ...jobHistoryRows,
  ...bulkStarRestoreRows,
  ...collectionRows,
  ...promptTemplatePresetRows,
  ...insightsRows,
  ...webhookRows,
];

function operationOf(query: string): OperationDefinitionNode {
  const operations = parse(query).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  expect(operations).toHaveLength(1);
  return operations[0]!;
}

describe('the authorization table', () => {
  it('has a row for every root field of the schema, and none for a field that is gone', () => {
    const inSchema = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((field) => `query ${field}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((field) => `mutation ${field}`),
      ...Object.keys(schema.getSubscriptionType()!.getFields()).map((field) => `subscription ${field}`),
    ].sort();
    expect(allRows.map((row) => `${row.type} ${row.field}`).sort()).toEqual(inSchema);
  });

  it.each(
    allRows.flatMap((row) => row.attempts.map((attempt) => [row.field, attempt.what, row, attempt] as const)),
  )('aims each attempt at its own row: %s (%s)', (_field, _what, row, attempt) => {
    const operation = operationOf(attempt.query);
    expect(operation.operation).toBe(row.type);
    const fields = operation.selectionSet.selections.map((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value : selection.kind,
    );
    expect(fields).toEqual([row.field]);
  });
});

describe('anonymous callers', () => {
  it('may use exactly the public fields: instance, sharedImage, sharedCollection, setup, signUp, signIn, signOut and viewer', () => {
    expect(
      allRows
        .filter((row) => row.needs === 'public')
        .map((row) => row.field)
        .sort(),
    ).toEqual([...publicFields].sort());
  });
});

useWorldOfAAndB();
describeRows([
  ...accountAdminShareRows,
  ...connectedAppRows,
  ...collectionRows,
  ...promptTemplatePresetRows,
  ...insightsRows,
  ...webhookRows,
]);

describe('API tokens stay within their scopes', () => {
  it("lets only an admin's token with the admin scope manage accounts", async () => {
    const admin = byToken(w.tokens.admin, 'admin');
    const users = await gql(admin.http, '{ users(first: 10) { edges { node { id } } } }');
    expect(users.errors).toBeUndefined();
    expect(edgeIds(users.data.users)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
    const signup = await gql(admin.http, 'mutation { setSignupEnabled(enabled: true) }');
    expect(signup).toMatchObject({ data: { setSignupEnabled: true } });
    const asSession = await gql(w.a.client, '{ users(first: 10) { edges { node { id } } } }');
    expect(edgeIds(asSession.data.users)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
  });
});

const SharedImage = /* GraphQL */ `
  query SharedImage($token: String!) {
    sharedImage(token: $token) {
      url
      width
      height
      createdAt
      expiresAt
      paramsHidden
      prompt
      negativePrompt
      style
      seed
      provider
      model
      params
      thumbnails {
        url
        size
      }
    }
  }
`;

describe('share links', () => {
  const open = (token: string) => gql(new HttpClient(url), SharedImage, { token });
  const anonymousFile = (path: string) => fetchFile(url, path);

  it('give anyone read access to exactly their image, its details and its files, while valid', async () => {
    const { data, errors } = await open(w.link.token);
    expect(errors).toBeUndefined();
    const shared = data.sharedImage;
    expect(shared).toMatchObject({
      prompt: A_PROMPT,
      provider: 'local',
      width: 256,
      height: 256,
      paramsHidden: false,
    });
    expect(JSON.stringify(shared)).not.toContain(w.a.email);
    expect(shared.url).toBe(`${w.image.url}?share=${w.link.token}`);
    const original = await anonymousFile(shared.url);
    expect(original).toMatchObject({ status: 200, type: 'image/png', cacheControl: 'private, no-cache' });
    for (const thumbnail of shared.thumbnails) {
      expect(await anonymousFile(thumbnail.url)).toMatchObject({ status: 200, type: 'image/webp' });
    }
  });

  it('lead nowhere else: a shared image has no id, no owner and no way to other images', () => {
    const reachable = (typeName: string): string[] => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) return [];
      return Object.values(type.getFields()).flatMap((field) => {
        const named = getNamedType(field.type).name;
        return [`${typeName}.${field.name}: ${named}`, ...(named === typeName ? [] : reachable(named))];
      });
    };
    const objectTypes = reachable('SharedImage')
      .map((line) => line.split(': ')[1]!)
      .filter((name) => isObjectType(schema.getType(name)));
    expect([...new Set(objectTypes)]).toEqual(['SharedThumbnail']);
    expect(reachable('SharedImage').map((line) => line.split(':')[0]!.split('.')[1])).not.toContain('id');
  });

  it('are not credentials: a share token signs no one in', async () => {
    for (const client of [
      new HttpClient(url, { token: w.link.token }),
      Object.assign(new HttpClient(url), { cookie: `atelier_session=${w.link.token}` }),
    ]) {
      const outcome = await gql(client, '{ viewer { id } images(first: 1) { edges { cursor } } }');
      expect(outcome.data?.viewer ?? null).toBeNull();
      expect(outcome.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('hide the prompt and every parameter when the owner asks', async () => {
    const hidden = await share(w.a.client, w.image.id, { hideParams: true });
    const { data } = await open(hidden.token);
    expect(data.sharedImage).toMatchObject({
      paramsHidden: true,
      prompt: null,
      negativePrompt: null,
      style: null,
      seed: null,
      provider: null,
      model: null,
      params: null,
      width: 256,
    });
    expect(JSON.stringify(data)).not.toContain(secret);
    expect((await anonymousFile(data.sharedImage.url)).status).toBe(200);
  });

  it('stop working at once when revoked: the image and its files are gone', async () => {
    const link = await share(w.a.client, w.image.id);
    const { data } = await open(link.token);
    const files = [data.sharedImage.url, ...data.sharedImage.thumbnails.map((t: { url: string }) => t.url)];
    for (const file of files) expect((await anonymousFile(file)).status).toBe(200);

    const revoked = await gql(
      w.a.client,
      'mutation($id: ID!) { revokeShareLink(id: $id) { __typename ... on ShareLink { active revokedAt } } }',
      { id: link.id },
    );
    expect(revoked.data.revokeShareLink).toMatchObject({ __typename: 'ShareLink', active: false });
    expect((await open(link.token)).data).toEqual({ sharedImage: null });
    for (const file of files) expect((await anonymousFile(file)).status).toBe(404);
  });

  it('stop working when they expire', async () => {
    const expiresAt = new Date(Date.now() + 1_500);
    const link = await share(w.a.client, w.image.id, { expiresAt: expiresAt.toISOString() });
    const { data } = await open(link.token);
    expect(data.sharedImage).toMatchObject({ expiresAt: expiresAt.toISOString() });
    expect((await anonymousFile(data.sharedImage.url)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 250));
    expect((await open(link.token)).data).toEqual({ sharedImage: null });
    expect((await anonymousFile(data.sharedImage.url)).status).toBe(404);
  });

  it('stop working when their image is deleted', async () => {
    const made = await picture(w.a.client, Generate, {
      prompt: `${secret} a short-lived picture`,
      provider: 'local',
      width: 256,
      height: 256,
      steps: 1,
    });
    const link = await share(w.a.client, made.picture.id);
    const shared = (await open(link.token)).data.sharedImage;
    const deleted = await gql(w.a.client, 'mutation($id: ID!) { deleteImage(id: $id) { __typename } }', {
      id: made.picture.id,
    });
    expect(deleted.data.deleteImage.__typename).toBe('DeleteImagePayload');
    expect((await open(link.token)).data).toEqual({ sharedImage: null });
    expect((await anonymousFile(shared.url)).status).toBe(404);
  });
});

describe("A's account, after everything B tried", () => {
  it('still signs in with its own password, and its token and link still work', async () => {
    const again = await signedIn(url, w.a.email, A_PASSWORD);
    const viewer = await gql(again, '{ viewer { id role } }');
    expect(viewer.data.viewer).toEqual({ id: w.a.id, role: 'ADMIN' });
    const reader = await gql(
      new HttpClient(url, { token: w.tokens.read.secret }),
      'query($id: ID!) { image(id: $id) { id } }',
      {
        id: w.image.id,
      },
    );
    expect(reader.data.image).toEqual({ id: w.image.id });
    const link = await gql(new HttpClient(url), 'query($t: String!) { sharedImage(token: $t) { width } }', {
      t: w.link.token,
    });
    expect(link.data.sharedImage).toEqual({ width: 256 });
  });

  it('still has its saved prompt, history entry, template and preset, as A made them', async () => {
    const { mine } = await worldOfA();
    const nodes = <T>(connection: { edges: { node: T }[] }) => connection.edges.map((edge) => edge.node);
    expect(nodes(mine.savedPrompts)).toContainEqual(
      expect.objectContaining({ id: w.savedPrompt, title: `${secret} saved lighthouse` }),
    );
    expect(nodes(mine.promptHistory)).toContainEqual(
      expect.objectContaining({ id: w.historyEntry, prompt: A_PROMPT }),
    );
    expect(nodes(mine.templates)).toContainEqual(
      expect.objectContaining({
        id: w.template,
        name: `${secret} harbour template`,
        versions: [{ version: 1, body: `${secret} a {thing} at dawn` }],
      }),
    );
    expect(nodes(mine.stylePresets)).toContainEqual(
      expect.objectContaining({
        id: w.preset,
        name: `${secret} moody coast`,
        previewImage: { id: w.image.id },
      }),
    );
  });
});
