import { schema } from '@atelier/schema';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  type Case,
  ChangePassword,
  CreateToken,
  Edit,
  Enhance,
  file,
  Generate,
  Import,
  importFile,
  ImportUrl,
  me,
  Restyle,
  SetQuota,
  Share,
  SignIn,
  SignUp,
  stack,
  url,
  useBadInputStack,
  Vary,
} from './support/bad-input';
import { fetchFile, gql, stillServing } from './support/http';
import { jpeg, png } from './support/images';
import { countEverything, settle } from './support/rows';
import { accountAdminShareGroups } from './bad-input/account-admin-share.cases';
import { generationGroups } from './bad-input/generation.cases';
import { imageJobGroups } from './bad-input/image-job.cases';
import { importGroups } from './bad-input/import.cases';
import { transportGroups } from './bad-input/transport.cases';

/*
 * Hostile and careless input. Every case must end in a typed error (a result-union member with its
 * code, `extensions.code` for protocol failures, or an HTTP 4xx for transport limits), leave no row
 * or file behind, and leave the server serving.
 *
 * The cases are listed by schema module in bad-input/*.cases.ts: generation (prompts, sizes,
 * counts, choices, masks), import (uploads, URLs), account, admin and share, image and job (ids,
 * cursors, filters), and the transport (GraphQL over HTTP and WebSocket). They all run here, on one
 * stack: the battery is quick, and a stack per module would cost more than it runs.
 */

/** Every module's cases, one group per kind of input (a kind several modules list is one group). */
function byKind(...modules: [string, Case[]][][]): [string, Case[]][] {
  const groups = new Map<string, Case[]>();
  for (const [kind, cases] of modules.flat()) groups.set(kind, [...(groups.get(kind) ?? []), ...cases]);
  return [...groups];
}

const groups = byKind(
  generationGroups,
  accountAdminShareGroups,
  importGroups,
  transportGroups,
  imageJobGroups,
);

useBadInputStack();

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
