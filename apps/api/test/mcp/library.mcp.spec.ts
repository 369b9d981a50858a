import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import sharp from 'sharp';
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

const person = () => mcpPerson(stack, server.url, ['read', 'generate']);
const ids = (answer: { structured: { images: { id: string }[] } }) =>
  answer.structured.images.map((i) => i.id);

describe('the library tools over MCP', () => {
  it('lists every library tool with an output schema and honest annotations', async () => {
    const { client } = await person();
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const reads = ['search_images', 'get_image', 'list_collections', 'search_prompts', 'list_templates'];
    for (const name of [...reads, 'expand_template', 'list_style_presets']) {
      expect(byName.get(name)?.annotations, name).toMatchObject({ readOnlyHint: true, idempotentHint: true });
      expect(byName.get(name)?.outputSchema, name).toBeDefined();
    }
    expect(byName.get('create_collection')?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: false,
    });
    expect(byName.get('add_to_collection')?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
    });
    expect(byName.get('save_prompt')?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: false,
    });
    const share = byName.get('share_image')!;
    expect(share.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: false });
    expect(share.description).toContain('PUBLIC');
    expect(byName.get('search_images')!.inputSchema.properties).toHaveProperty('pageSize.maximum', 50);
  });
});

describe('search_images', () => {
  let a: McpPerson;
  const made: Record<string, string> = {};
  let winter: string;

  beforeAll(async () => {
    a = await person();
    const { app } = stack;
    const images = {
      fox: await newImage(app, a.viewer, {
        prompt: 'a red fox in the snow',
        tags: ['winter', 'fox'],
        starred: true,
        createdAt: new Date('2026-01-10T12:00:00Z'),
      }),
      lighthouse: await newImage(app, a.viewer, {
        prompt: 'a lighthouse at dusk',
        provider: 'flux',
        model: 'flux-pro',
        tags: ['sea'],
        createdAt: new Date('2026-02-10T12:00:00Z'),
      }),
      boat: await newImage(app, a.viewer, {
        prompt: 'a blue boat on the sea',
        provider: 'ideogram',
        model: 'ideogram-v3',
        tags: ['sea', 'boat'],
        operation: 'VARIATION',
        createdAt: new Date('2026-03-10T12:00:00Z'),
      }),
      cubs: await newImage(app, a.viewer, {
        prompt: 'foxes playing in a meadow',
        model: 'pattern-v1',
        tags: ['fox'],
        operation: 'ENHANCE',
        createdAt: new Date('2026-04-10T12:00:00Z'),
      }),
    };
    for (const [name, image] of Object.entries(images)) made[name] = image.id;
    const collection = await app.services.collections.create(a.viewer, {
      name: 'Evenings',
      description: '',
      filter: null,
    });
    await app.services.collections.addImages(a.viewer, collection.id, [made.lighthouse!, made.cubs!]);
    winter = collection.id;
  });

  const search = async (args: Record<string, unknown>) => ids(await a.call('search_images', args));

  it('lists every image newest first, and oldest first when asked', async () => {
    expect(await search({})).toEqual([made.cubs, made.boat, made.lighthouse, made.fox]);
    expect(await search({ sort: 'OLDEST' })).toEqual([made.fox, made.lighthouse, made.boat, made.cubs]);
  });

  it('finds words in the prompt, stemmed as in the gallery', async () => {
    expect(await search({ query: 'fox' })).toEqual([made.cubs, made.fox]);
    expect(await search({ query: '"lighthouse at dusk"' })).toEqual([made.lighthouse]);
  });

  it('filters by providers and models', async () => {
    expect(await search({ providers: ['flux', 'ideogram'] })).toEqual([made.boat, made.lighthouse]);
    expect(await search({ models: ['pattern-v1'] })).toEqual([made.cubs]);
  });

  it('filters by dates: from createdAfter, before createdBefore', async () => {
    expect(await search({ createdAfter: '2026-02-10T12:00:00Z', createdBefore: '2026-04-01' })).toEqual([
      made.boat,
      made.lighthouse,
    ]);
  });

  it('filters by tags (all of them), starred, collection and operations', async () => {
    expect(await search({ tags: ['sea', 'boat'] })).toEqual([made.boat]);
    expect(await search({ starred: true })).toEqual([made.fox]);
    expect(await search({ starred: false, tags: ['fox'] })).toEqual([made.cubs]);
    expect(await search({ collectionId: winter })).toEqual([made.cubs, made.lighthouse]);
    expect(await search({ operations: ['VARIATION', 'ENHANCE'] })).toEqual([made.cubs, made.boat]);
  });

  it('pages with an opaque cursor until nextCursor is null', async () => {
    const first = await a.call<{ images: { id: string }[]; nextCursor: string | null }>('search_images', {
      pageSize: 3,
    });
    expect(first.structured.images).toHaveLength(3);
    expect(first.structured.nextCursor).toEqual(expect.any(String));
    const second = await a.call<{ images: { id: string }[]; nextCursor: string | null }>('search_images', {
      pageSize: 3,
      cursor: first.structured.nextCursor,
    });
    expect([...ids(first), ...ids(second)]).toEqual([made.cubs, made.boat, made.lighthouse, made.fox]);
    expect(second.structured.nextCursor).toBeNull();
  });

  it('says in text what it found, for models that read only text', async () => {
    const { content } = await a.call('search_images', { tags: ['sea'] });
    const text = content.find((block) => block.type === 'text');
    expect(text).toMatchObject({ type: 'text', text: expect.stringContaining('2 images') });
    expect((text as { text: string }).text).toContain(made.boat);
  });

  it('refuses bad input with the field and what to change', async () => {
    const tooMany = await a.refused('search_images', { pageSize: 51 });
    expect(tooMany).toMatchObject({ code: 'INVALID_INPUT', field: 'pageSize' });
    const cursor = await a.refused('search_images', { cursor: 'not-a-cursor' });
    expect(cursor).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
    const tags = await a.refused('search_images', { tags: ['x'.repeat(41)] });
    expect(tags).toMatchObject({ code: 'INVALID_INPUT', field: 'tags.0' });
    expect(tags.message).toContain('a tag has at most 40 characters');
    const collection = await a.refused('search_images', {
      collectionId: '7b0c3f5e-0000-4000-8000-000000000000',
    });
    expect(collection).toMatchObject({ code: 'NOT_FOUND', field: 'collectionId' });
  });
});

describe('pictures in answers', () => {
  let a: McpPerson;

  beforeAll(async () => {
    a = await person();
  });

  it('search_images shows the first four as ≤768 px WebP renditions with links, well under 1 MB', async () => {
    for (let n = 0; n < 6; n += 1) await storedImage(stack.app, a.viewer, { prompt: `harbour ${n}` });
    const { structured, content } = await a.call<{ images: { id: string; uri: string }[] }>(
      'search_images',
      {},
    );
    expect(structured.images).toHaveLength(6);
    const pictures = content.filter((block) => block.type === 'image');
    expect(pictures).toHaveLength(4);
    for (const picture of pictures) {
      expect(picture.mimeType).toBe('image/webp');
      const meta = await sharp(Buffer.from(picture.data, 'base64')).metadata();
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(768);
    }
    const links = content.filter((block) => block.type === 'resource_link');
    expect(links.map((link) => link.uri)).toEqual(structured.images.slice(0, 4).map((image) => image.uri));
    expect(JSON.stringify(content).length).toBeLessThan(1_000_000);
  });

  it('get_image returns the picture and everything known about it', async () => {
    const image = await storedImage(stack.app, a.viewer, { prompt: 'a quiet harbour', tags: ['sea'] });
    const child = await newImage(stack.app, a.viewer, { operation: 'VARIATION' });
    await stack.app.db
      .updateTable('image')
      .set({ parentImageId: image.id })
      .where('id', '=', child.id)
      .execute();
    const collection = await stack.app.services.collections.create(a.viewer, {
      name: 'Harbours',
      description: '',
      filter: null,
    });
    await stack.app.services.collections.addImages(a.viewer, collection.id, [image.id]);

    const { structured, content } = await a.call('get_image', { id: image.id });
    expect(structured.image).toMatchObject({
      id: image.id,
      uri: `atelier://images/${image.id}`,
      prompt: 'a quiet harbour',
      tags: ['sea'],
      parentId: null,
      childIds: [child.id],
      collections: [{ id: collection.id, name: 'Harbours' }],
    });
    expect(structured.image.detailUrl).toMatch(new RegExp(`^${server.url}/images/`));
    expect(content.map((block: ContentBlock) => block.type)).toEqual(['text', 'image', 'resource_link']);

    // The original is the person's alone: without their token it is as if it did not exist.
    const original = await fetch(structured.image.originalUrl);
    expect(original.status).toBe(404);
    await original.body?.cancel();
  });
});

describe('collections', () => {
  it('creates one, files images into it (twice changes nothing) and lists it', async () => {
    const a = await person();
    const [one, two] = [await newImage(stack.app, a.viewer), await newImage(stack.app, a.viewer)];
    const created = await a.call('create_collection', { name: 'Birds', description: 'feathers' });
    expect(created.structured.collection).toMatchObject({ name: 'Birds', smart: false, imageCount: 0 });
    const id = created.structured.collection.id;

    const added = await a.call('add_to_collection', { collectionId: id, imageIds: [one.id, two.id] });
    expect(added.structured.collection.imageCount).toBe(2);
    const again = await a.call('add_to_collection', { collectionId: id, imageIds: [two.id, one.id] });
    expect(again.structured.collection.imageCount).toBe(2);

    const listed = await a.call('list_collections', {});
    expect(listed.structured.collections).toEqual([
      expect.objectContaining({ id, name: 'Birds', description: 'feathers', imageCount: 2 }),
    ]);
    const found = await a.call('search_images', { collectionId: id, sort: 'OLDEST' });
    expect(ids(found)).toEqual([one.id, two.id]);
  });

  it('makes another collection on each call, and a smart one from a filter, which refuses images', async () => {
    const a = await person();
    await a.call('create_collection', { name: 'Sea' });
    await a.call('create_collection', { name: 'Sea' });
    const smart = await a.call('create_collection', { name: 'Sea, live', filter: { tags: ['sea'] } });
    expect(smart.structured.collection).toMatchObject({ smart: true, imageCount: null });
    const listed = await a.call('list_collections', { search: 'sea' });
    expect(listed.structured.collections).toHaveLength(3);

    const sea = await newImage(stack.app, a.viewer, { tags: ['sea'] });
    const refused = await a.refused('add_to_collection', {
      collectionId: smart.structured.collection.id,
      imageIds: [sea.id],
    });
    expect(refused.code).toBe('INVALID_STATE');
    await newImage(stack.app, a.viewer, { tags: ['sea'], provider: 'flux' });
    const live = await a.call('search_images', { collectionId: smart.structured.collection.id });
    expect(ids(live)).toHaveLength(2);
    const narrowed = await a.call('search_images', {
      collectionId: smart.structured.collection.id,
      providers: ['local'],
    });
    expect(ids(narrowed)).toEqual([sea.id]);
  });

  it('refuses a blank name and an empty list of images, saying what to change', async () => {
    const a = await person();
    expect((await a.refused('create_collection', { name: '   ' })).text).toContain('enter a name');
    const { structured } = await a.call('create_collection', { name: 'Empty' });
    const none = await a.refused('add_to_collection', {
      collectionId: structured.collection.id,
      imageIds: [],
    });
    expect(none.text).toContain('give at least one image');
  });
});

describe('prompts, templates and presets', () => {
  it('saves prompts and finds them by words and by tag', async () => {
    const a = await person();
    await a.call('save_prompt', {
      title: 'Lighthouse',
      prompt: 'a lighthouse in a storm, oil painting',
      negativePrompt: 'people',
      tags: ['Night', 'sea'],
    });
    await a.call('save_prompt', { title: 'Meadow', prompt: 'a sunny meadow', notes: 'for the spring card' });

    const byWords = await a.call('search_prompts', { query: 'storm' });
    expect(byWords.structured.prompts).toEqual([
      expect.objectContaining({ title: 'Lighthouse', negativePrompt: 'people', tags: ['night', 'sea'] }),
    ]);
    const byNotes = await a.call('search_prompts', { query: 'spring' });
    expect(byNotes.structured.prompts.map((p: { title: string }) => p.title)).toEqual(['Meadow']);
    const byTag = await a.call('search_prompts', { tag: 'Night' });
    expect(byTag.structured.prompts.map((p: { title: string }) => p.title)).toEqual(['Lighthouse']);
    const all = await a.call('search_prompts', {});
    expect(all.structured.prompts).toHaveLength(2);

    const blank = await a.refused('save_prompt', { title: 'Blank', prompt: '   ' });
    expect(blank.text).toContain('prompt must not be empty');
  });

  it('lists templates with their variables and expands them as generation would', async () => {
    const a = await person();
    const template = await stack.app.services.templates.create(a.viewer, {
      name: 'Animal scene',
      body: 'a {animal} in {place}, {count} of them',
      variables: [
        {
          name: 'animal',
          type: 'choice',
          options: ['fox', 'owl'],
          default: null,
          min: null,
          max: null,
          integer: null,
        },
        {
          name: 'place',
          type: 'text',
          options: null,
          default: 'the forest',
          min: null,
          max: null,
          integer: null,
        },
        { name: 'count', type: 'number', options: null, default: '1', min: 1, max: 5, integer: true },
      ],
    });
    const listed = await a.call('list_templates', {});
    expect(listed.structured.templates).toEqual([
      expect.objectContaining({
        id: template.id,
        name: 'Animal scene',
        body: 'a {animal} in {place}, {count} of them',
      }),
    ]);
    expect(listed.structured.templates[0].variables.map((v: { name: string }) => v.name)).toEqual([
      'animal',
      'place',
      'count',
    ]);

    const expanded = await a.call('expand_template', {
      templateId: template.id,
      values: { animal: 'owl', count: 3 },
    });
    expect(expanded.structured).toEqual({
      prompt: 'a owl in the forest, 3 of them',
      templateId: template.id,
      version: 1,
    });

    const wrong = await a.refused('expand_template', { templateId: template.id, values: { animal: 'cat' } });
    expect(wrong).toMatchObject({ code: 'INVALID_INPUT', field: 'values.animal' });
    const tooMany = await a.refused('expand_template', {
      templateId: template.id,
      values: { animal: 'fox', count: 9 },
    });
    expect(tooMany.field).toBe('values.count');
    const noVersion = await a.refused('expand_template', { templateId: template.id, version: 4 });
    expect(noVersion).toMatchObject({ code: 'NOT_FOUND', field: 'version' });
  });

  it('lists the starter style presets and the person’s own', async () => {
    const a = await person();
    await stack.app.services.presets.create(a.viewer, {
      name: 'My noir',
      description: 'black and white',
      previewImageId: null,
      settings: {
        provider: null,
        model: null,
        width: null,
        height: null,
        aspectRatio: null,
        quality: null,
        steps: null,
        style: null,
        promptPrefix: 'film noir,',
        promptSuffix: null,
        negativePrompt: null,
      },
    });
    const { structured } = await a.call('list_style_presets', {});
    expect(structured.presets[0]).toMatchObject({
      name: 'My noir',
      starter: false,
      settings: expect.objectContaining({ promptPrefix: 'film noir,' }),
    });
    expect(structured.presets.filter((p: { starter: boolean }) => p.starter).length).toBeGreaterThan(0);
  });
});

describe('share_image', () => {
  it('makes a public link that opens without signing in, with an expiry when asked', async () => {
    const a = await person();
    const image = await storedImage(stack.app, a.viewer, { prompt: 'a shared sunset' });
    const { structured } = await a.call('share_image', { imageId: image.id, expiresInDays: 2 });
    expect(structured.url).toMatch(new RegExp(`^${server.url}/s/[\\w-]+$`));
    expect(new Date(structured.expiresAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000);

    const file = await fetch(structured.imageUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    await file.body?.cancel();

    const token = structured.url.split('/s/')[1];
    const shared = await sharedImage(token);
    expect(shared).toMatchObject({ prompt: 'a shared sunset', paramsHidden: false });
  });

  it('hides the prompt when asked, and never expires when no expiry is given', async () => {
    const a = await person();
    const image = await storedImage(stack.app, a.viewer, { prompt: 'a private prompt' });
    const { structured } = await a.call('share_image', { imageId: image.id, hideParams: true });
    expect(structured.expiresAt).toBeNull();
    expect(await sharedImage(structured.url.split('/s/')[1])).toMatchObject({
      prompt: null,
      paramsHidden: true,
    });
  });

  it('refuses an expiry in the past', async () => {
    const a = await person();
    const image = await newImage(stack.app, a.viewer);
    const refused = await a.refused('share_image', { imageId: image.id, expiresInDays: -1 });
    expect(refused.text).toContain('expiresInDays must be more than 0');
  });
});

async function sharedImage(token: string | undefined) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query ($token: String!) { sharedImage(token: $token) { prompt paramsHidden } }',
      variables: { token },
    }),
  });
  return ((await response.json()) as { data: { sharedImage: unknown } }).data.sharedImage;
}
