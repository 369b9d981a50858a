import { McpError } from '@modelcontextprotocol/sdk/types.js';
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

describe('resources', () => {
  let a: McpPerson;

  beforeAll(async () => {
    a = await person();
  });

  it('lists the image and collection resource templates', async () => {
    const { resourceTemplates } = await a.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(
      expect.arrayContaining(['atelier://images/{id}', 'atelier://collections/{id}']),
    );
  });

  it('lists the person’s recent images and collections as resources', async () => {
    const b = await person();
    const image = await newImage(stack.app, b.viewer, { prompt: 'a listed image' });
    const collection = await stack.app.services.collections.create(b.viewer, {
      name: 'Listed',
      description: '',
      filter: null,
    });
    const { resources } = await b.client.listResources();
    expect(resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ uri: `atelier://images/${image.id}`, title: 'a listed image' }),
        expect.objectContaining({ uri: `atelier://collections/${collection.id}`, title: 'Listed' }),
      ]),
    );
  });

  it('reads an image as JSON metadata and its ≤768 px WebP rendition as a blob', async () => {
    const image = await storedImage(stack.app, a.viewer, { prompt: 'a harbour at night', tags: ['sea'] });
    const { contents } = await a.client.readResource({ uri: `atelier://images/${image.id}` });
    const json = contents.find((c) => c.mimeType === 'application/json');
    expect(JSON.parse((json as { text: string }).text)).toMatchObject({
      id: image.id,
      prompt: 'a harbour at night',
      width: 1200,
      height: 800,
      tags: ['sea'],
    });
    const rendition = contents.find((c) => c.mimeType === 'image/webp') as { blob: string; uri: string };
    expect(rendition.uri).toBe(`atelier://images/${image.id}`);
    const bytes = Buffer.from(rendition.blob, 'base64');
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 768, height: 512 });
    expect(bytes.length).toBeLessThan(1_000_000);
  });

  it('reads a collection as JSON with its images in their order', async () => {
    const first = await newImage(stack.app, a.viewer, { prompt: 'first in line' });
    const second = await newImage(stack.app, a.viewer, { prompt: 'second in line' });
    const collection = await stack.app.services.collections.create(a.viewer, {
      name: 'Queue',
      description: 'in order',
      filter: null,
    });
    await stack.app.services.collections.addImages(a.viewer, collection.id, [second.id, first.id]);
    const { contents } = await a.client.readResource({ uri: `atelier://collections/${collection.id}` });
    const json = JSON.parse((contents[0] as { text: string }).text);
    expect(json).toMatchObject({ id: collection.id, name: 'Queue', description: 'in order', imageCount: 2 });
    expect(json.images.map((image: { prompt: string }) => image.prompt)).toEqual([
      'second in line',
      'first in line',
    ]);
  });

  it('answers an unknown image or collection with "resource not found"', async () => {
    const missing = 'atelier://images/5d1e2c1a-0000-4000-8000-000000000000';
    const error = await a.client.readResource({ uri: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect(error).toMatchObject({
      code: -32002,
      message: expect.stringContaining(`Resource ${missing} not found`),
    });
    const notAnId = await a.client
      .readResource({ uri: 'atelier://collections/nope' })
      .catch((e: unknown) => e);
    expect(notAnId).toMatchObject({ code: -32002 });
  });
});

describe('prompts', () => {
  let a: McpPerson;
  let templateId: string;

  beforeAll(async () => {
    a = await person();
    const template = await stack.app.services.templates.create(a.viewer, {
      name: 'Portrait',
      body: 'a portrait of a {animal} wearing {clothing}, {light} light',
      variables: [
        {
          name: 'animal',
          type: 'choice',
          options: ['cat', 'dog'],
          default: null,
          min: null,
          max: null,
          integer: null,
        },
        {
          name: 'clothing',
          type: 'text',
          options: null,
          default: 'a scarf',
          min: null,
          max: null,
          integer: null,
        },
        {
          name: 'light',
          type: 'choice',
          options: ['soft', 'hard'],
          default: 'soft',
          min: null,
          max: null,
          integer: null,
        },
      ],
    });
    templateId = template.id;
    await stack.app.services.prompts.save(a.viewer, {
      title: 'Stormy sea',
      prompt: 'a stormy sea, oil on canvas',
      negativePrompt: 'boats',
      tags: [],
      notes: 'for the cover',
    });
  });

  it('lists templates (variables as arguments) and saved prompts', async () => {
    const { prompts } = await a.client.listPrompts();
    const template = prompts.find((p) => p.name === `template-${templateId}`);
    expect(template).toMatchObject({ title: 'Portrait' });
    expect(template!.arguments).toEqual([
      { name: 'animal', description: 'One of: cat, dog', required: true },
      { name: 'clothing', description: 'Text (default: a scarf)', required: false },
      { name: 'light', description: 'One of: soft, hard (default: soft)', required: false },
    ]);
    expect(prompts.find((p) => p.title === 'Stormy sea')).toMatchObject({
      name: expect.stringMatching(/^saved-prompt-/),
      description: 'for the cover',
    });
  });

  it('expands a template with the arguments given, defaults for the rest', async () => {
    const result = await a.client.getPrompt({
      name: `template-${templateId}`,
      arguments: { animal: 'dog', light: 'hard' },
    });
    expect(result.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'a portrait of a dog wearing a scarf, hard light' } },
    ]);
  });

  it('refuses a value the template does not take, naming the argument', async () => {
    const error = await a.client
      .getPrompt({ name: `template-${templateId}`, arguments: { animal: 'horse' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).message).toContain('argument "animal"');
  });

  it('gives a saved prompt’s text, with its negative prompt', async () => {
    const { prompts } = await a.client.listPrompts();
    const saved = prompts.find((p) => p.title === 'Stormy sea')!;
    const result = await a.client.getPrompt({ name: saved.name });
    expect(result.messages[0]!.content).toEqual({
      type: 'text',
      text: 'a stormy sea, oil on canvas\n\nNegative prompt: boats',
    });
  });

  it('pages through many prompts with a cursor, templates first', async () => {
    const b = await person();
    for (let n = 0; n < 3; n += 1) {
      await stack.app.services.templates.create(b.viewer, { name: `T${n}`, body: 'plain', variables: [] });
    }
    for (let n = 0; n < 55; n += 1) {
      await stack.app.services.prompts.save(b.viewer, {
        title: `P${n}`,
        prompt: `prompt ${n}`,
        negativePrompt: null,
        tags: [],
        notes: '',
      });
    }
    const first = await b.client.listPrompts();
    expect(first.prompts).toHaveLength(50);
    expect(first.prompts.slice(0, 3).map((p) => p.title)).toEqual(['T2', 'T1', 'T0']);
    const second = await b.client.listPrompts({ cursor: first.nextCursor });
    expect(second.nextCursor).toBeUndefined();
    const titles = [...first.prompts, ...second.prompts].map((p) => p.title);
    expect(new Set(titles).size).toBe(58);
    await expect(b.client.listPrompts({ cursor: 'made-up' })).rejects.toMatchObject({ code: -32602 });
  });

  it('answers an unknown prompt as the SDK does', async () => {
    const error = await a.client.getPrompt({ name: 'template-nope' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: -32602,
      message: expect.stringContaining('Prompt template-nope not found'),
    });
  });
});
