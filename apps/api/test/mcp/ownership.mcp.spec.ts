import { randomUUID } from 'node:crypto';
import type { ImageRecord } from '@atelier/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server';
import { newImage } from '../support/factories';
import { createTestStack, type TestStack } from '../support/harness';
import { mcpPerson, type McpPerson } from './support/mcp-person';
import { storedImage } from './support/stored-image';

let stack: TestStack;
let server: RunningServer;

beforeAll(async () => {
  stack = await createTestStack({ auth: 'real', worker: false });
  server = await stack.listen();
});
afterAll(() => stack.close());

/** A's library: what B must not reach, through any tool, resource or prompt. */
interface Library {
  image: ImageRecord;
  collectionId: string;
  templateId: string;
  savedPromptId: string;
}

async function libraryOf(owner: McpPerson, prompt: string): Promise<Library> {
  const { app } = stack;
  const image = await storedImage(app, owner.viewer, { prompt });
  const collection = await app.services.collections.create(owner.viewer, {
    name: 'Mine',
    description: '',
    filter: null,
  });
  await app.services.collections.addImages(owner.viewer, collection.id, [image.id]);
  const template = await app.services.templates.create(owner.viewer, {
    name: 'Mine',
    body: 'a {thing}',
    variables: [
      { name: 'thing', type: 'text', options: null, default: 'cat', min: null, max: null, integer: null },
    ],
  });
  const saved = await app.services.prompts.save(owner.viewer, {
    title: 'Mine',
    prompt,
    negativePrompt: null,
    tags: [],
    notes: '',
  });
  return { image, collectionId: collection.id, templateId: template.id, savedPromptId: saved.id };
}

/** The refusal with the id taken out, to compare a foreign id's answer with a missing one's. */
const shape = (refusal: { code?: string; field?: string; message: string }, id: string) => ({
  code: refusal.code,
  field: refusal.field,
  message: refusal.message.replaceAll(id, '<id>'),
});

describe('one person’s library is invisible to another through MCP', () => {
  let a: McpPerson;
  let b: McpPerson;
  let mine: Library;
  let theirs: Library;

  beforeAll(async () => {
    a = await mcpPerson(stack, server.url, ['read', 'generate']);
    b = await mcpPerson(stack, server.url, ['read', 'generate']);
    mine = await libraryOf(a, 'a secret lighthouse');
    theirs = await libraryOf(b, 'an ordinary meadow');
  });

  const cases: [string, (ids: Library) => Record<string, unknown>, (ids: Library) => string][] = [
    ['get_image', (l) => ({ id: l.image.id }), (l) => l.image.id],
    ['search_images', (l) => ({ collectionId: l.collectionId }), (l) => l.collectionId],
    ['share_image', (l) => ({ imageId: l.image.id }), (l) => l.image.id],
    ['expand_template', (l) => ({ templateId: l.templateId }), (l) => l.templateId],
    [
      'add_to_collection',
      (l) => ({ collectionId: l.collectionId, imageIds: [theirs.image.id] }),
      (l) => l.collectionId,
    ],
    [
      'add_to_collection',
      (l) => ({ collectionId: theirs.collectionId, imageIds: [l.image.id] }),
      (l) => l.image.id,
    ],
    [
      'create_collection',
      (l) => ({ name: 'Spy', filter: { collectionId: l.collectionId } }),
      (l) => l.collectionId,
    ],
  ];

  it.each(cases)('%s answers NOT_FOUND for A’s id exactly as for a missing one', async (tool, args, idOf) => {
    const foreign = await b.refused(tool, args(mine));
    expect(foreign.code).toBe('NOT_FOUND');
    const missing: Library = {
      image: { ...mine.image, id: randomUUID() },
      collectionId: randomUUID(),
      templateId: randomUUID(),
      savedPromptId: randomUUID(),
    };
    const unknown = await b.refused(tool, args(missing));
    expect(shape(foreign, idOf(mine))).toEqual(shape(unknown, idOf(missing)));
  });

  it('answers an id that is no id at all as a missing one, never as a crash', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['get_image', { id: 'image-1' }],
      ['share_image', { imageId: "1'; drop table image; --" }],
      ['expand_template', { templateId: 'SW1hZ2U6MQ==' }],
      ['add_to_collection', { collectionId: 'x', imageIds: [theirs.image.id] }],
      ['add_to_collection', { collectionId: theirs.collectionId, imageIds: ['x'] }],
      ['search_images', { collectionId: '42' }],
    ];
    for (const [tool, args] of calls) {
      expect(await b.refused(tool, args), tool).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('leaves A’s things as they were after B’s attempts', async () => {
    const [collection] = await stack.app.services.collections.loadMany(a.viewer, [mine.collectionId]);
    expect(await stack.app.services.collections.imageCounts(a.viewer, [collection!])).toEqual([1]);
    expect(await stack.app.services.sharing.linksOf(a.viewer, [mine.image.id])).toEqual([[]]);
    const bs = await b.call('list_collections', {});
    expect(bs.structured.collections.map((c: { id: string }) => c.id)).toEqual([theirs.collectionId]);
  });

  it('never shows A’s images in B’s search, whatever the filters', async () => {
    const all = await b.call('search_images', {});
    expect(all.structured.images.map((i: { id: string }) => i.id)).toEqual([theirs.image.id]);
    const words = await b.call('search_images', { query: 'secret lighthouse' });
    expect(words.structured.images).toEqual([]);
    expect(JSON.stringify(words.content)).not.toContain(mine.image.id);
    const prompts = await b.call('search_prompts', { query: 'lighthouse' });
    expect(prompts.structured.prompts).toEqual([]);
    const templates = await b.call('list_templates', {});
    expect(templates.structured.templates.map((t: { id: string }) => t.id)).toEqual([theirs.templateId]);
  });

  it('answers a resource read of A’s image or collection exactly as a missing one', async () => {
    for (const kind of ['images', 'collections'] as const) {
      const foreignId = kind === 'images' ? mine.image.id : mine.collectionId;
      const missingId = randomUUID();
      const foreign = await b.client
        .readResource({ uri: `atelier://${kind}/${foreignId}` })
        .catch((e: unknown) => e);
      const missing = await b.client
        .readResource({ uri: `atelier://${kind}/${missingId}` })
        .catch((e: unknown) => e);
      expect(foreign).toMatchObject({ code: -32002 });
      const strip = (error: unknown, id: string) => ({
        code: (error as { code: number }).code,
        message: (error as Error).message.replaceAll(id, '<id>'),
      });
      expect(strip(foreign, foreignId)).toEqual(strip(missing, missingId));
    }
  });

  it('lists none of A’s resources or prompts to B, and gets none of A’s prompts', async () => {
    const { resources } = await b.client.listResources();
    const uris = resources.map((r) => r.uri).join(' ');
    expect(uris).toContain(theirs.image.id);
    expect(uris).not.toContain(mine.image.id);
    expect(uris).not.toContain(mine.collectionId);
    const { prompts } = await b.client.listPrompts();
    expect(prompts.map((p) => p.name).join(' ')).not.toContain(mine.templateId);
    for (const name of [`template-${mine.templateId}`, `saved-prompt-${mine.savedPromptId}`]) {
      const error = await b.client.getPrompt({ name }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: -32602,
        message: expect.stringContaining(`Prompt ${name} not found`),
      });
    }
  });
});

describe('scopes', () => {
  it('refuses every write tool to a read-only token with FORBIDDEN, and changes nothing', async () => {
    const reader = await mcpPerson(stack, server.url, ['read']);
    const image = await newImage(stack.app, reader.viewer);
    const collection = await stack.app.services.collections.create(reader.viewer, {
      name: 'Read only',
      description: '',
      filter: null,
    });
    const writes: [string, Record<string, unknown>][] = [
      ['create_collection', { name: 'New' }],
      ['add_to_collection', { collectionId: collection.id, imageIds: [image.id] }],
      ['save_prompt', { title: 'New', prompt: 'a prompt' }],
      ['share_image', { imageId: image.id }],
    ];
    for (const [tool, args] of writes) {
      const refusal = await reader.refused(tool, args);
      expect(refusal, tool).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('"generate" scope'),
      });
    }
    const listed = await reader.call('list_collections', {});
    expect(listed.structured.collections).toEqual([
      expect.objectContaining({ name: 'Read only', imageCount: 0 }),
    ]);
    expect((await reader.call('search_prompts', {})).structured.prompts).toEqual([]);
    expect(await stack.app.services.sharing.linksOf(reader.viewer, [image.id])).toEqual([[]]);
  });

  it('refuses reads to a generate-only token: tools, resources and prompts', async () => {
    const maker = await mcpPerson(stack, server.url, ['generate']);
    const image = await newImage(stack.app, maker.viewer);
    for (const tool of [
      'search_images',
      'list_collections',
      'search_prompts',
      'list_templates',
      'list_style_presets',
    ]) {
      expect(await maker.refused(tool, {}), tool).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await maker.refused('get_image', { id: image.id })).toMatchObject({ code: 'FORBIDDEN' });
    const { resources } = await maker.client.listResources();
    expect(resources.filter((r) => r.uri.startsWith('atelier://'))).toEqual([]);
    await expect(maker.client.readResource({ uri: `atelier://images/${image.id}` })).rejects.toThrow(
      /"read" scope/,
    );
    await expect(maker.client.listPrompts()).rejects.toThrow(/"read" scope/);
  });
});
