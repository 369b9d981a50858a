import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, newImage } from './support/factories';
import { createTestStack, type TestStack } from './support/harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(() => stack?.close());

const PresetFields = /* GraphQL */ `
  fragment PresetFields on StylePreset {
    id
    name
    description
    starter
    previewImage {
      id
    }
    settings {
      provider
      model
      width
      height
      aspectRatio
      quality
      steps
      style
      promptPrefix
      promptSuffix
      negativePrompt
    }
  }
`;

const Presets = /* GraphQL */ `
  query {
    stylePresets(first: 20) {
      edges {
        node {
          ...PresetFields
        }
      }
    }
  }
  ${PresetFields}
`;

const PresetQuery = /* GraphQL */ `
  query ($id: ID!) {
    stylePreset(id: $id) {
      ...PresetFields
    }
  }
  ${PresetFields}
`;

const Outcome = /* GraphQL */ `
  __typename
  ...PresetFields
  ... on Error {
    code
    message
  }
  ... on InvalidInputError {
    issues {
      field
      message
    }
  }
`;

const CreatePreset = /* GraphQL */ `
  mutation ($input: CreateStylePresetInput!) {
    createStylePreset(input: $input) { ${Outcome} }
  }
  ${PresetFields}
`;

const UpdatePreset = /* GraphQL */ `
  mutation ($input: UpdateStylePresetInput!) {
    updateStylePreset(input: $input) { ${Outcome} }
  }
  ${PresetFields}
`;

const DuplicatePreset = /* GraphQL */ `
  mutation ($id: ID!) {
    duplicateStylePreset(id: $id) {
      __typename
      ...PresetFields
      ... on Error {
        code
      }
    }
  }
  ${PresetFields}
`;

const DeletePreset = /* GraphQL */ `
  mutation ($id: ID!) {
    deleteStylePreset(id: $id) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`;

const ExportPresets = /* GraphQL */ `
  query ($ids: [ID!]) {
    exportStylePresets(ids: $ids) {
      json
    }
  }
`;

const ImportPresets = /* GraphQL */ `
  mutation ($json: String!) {
    importStylePresets(json: $json) {
      __typename
      ... on ImportedStylePresets {
        presets {
          ...PresetFields
        }
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
  ${PresetFields}
`;

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        input {
          prompt
          width
          height
          steps
          model
          quality
        }
      }
      ... on InvalidInputError {
        code
        issues {
          field
        }
      }
    }
  }
`;

const JobNegative = /* GraphQL */ `
  query {
    jobs(first: 1) {
      edges {
        node {
          input {
            negativePrompt
            style
          }
        }
      }
    }
  }
`;

const watercolour = {
  provider: 'local',
  model: 'procedural-v1',
  width: 768,
  height: 512,
  steps: 12,
  style: 'watercolor',
  promptPrefix: 'a painting of',
  promptSuffix: ', soft light',
  negativePrompt: 'text',
};

async function create(viewer: any, input: object = {}) {
  const { data } = await stack.graphql(viewer, CreatePreset, {
    input: { name: 'Mine', settings: watercolour, ...input },
  });
  return data.createStylePreset;
}

const list = async (viewer: any) => {
  const response = await stack.graphql(viewer, Presets);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.stylePresets.edges.map((e: any) => e.node);
};

describe('style presets', () => {
  it('shows the starter set to everyone, read-only but duplicable', async () => {
    const me = await stack.newUser();
    const starters = (await list(me)).filter((p: any) => p.starter);
    expect(starters.length).toBeGreaterThanOrEqual(8);
    expect(starters.filter((p: any) => p.settings.provider === 'local')).toHaveLength(6);
    const [first] = starters;

    const { data: update } = await stack.graphql(me, UpdatePreset, {
      input: { id: first.id, name: 'Hacked' },
    });
    expect(update.updateStylePreset).toMatchObject({ __typename: 'BaseError', code: 'FORBIDDEN' });
    const { data: del } = await stack.graphql(me, DeletePreset, { id: first.id });
    expect(del.deleteStylePreset).toMatchObject({ code: 'FORBIDDEN' });

    const { data } = await stack.graphql(me, DuplicatePreset, { id: first.id });
    expect(data.duplicateStylePreset).toMatchObject({
      starter: false,
      name: `${first.name} (copy)`,
      settings: first.settings,
    });
    const other = await stack.newUser();
    expect((await list(other)).some((p: any) => p.id === data.duplicateStylePreset.id)).toBe(false);
  });

  it('creates, edits and deletes the viewer’s own presets, newest first', async () => {
    const me = await stack.newUser();
    const image = await newImage(stack.app, me);
    const preset = await create(me, { description: 'soft', previewImageId: globalId('Image', image.id) });
    expect(preset).toMatchObject({
      __typename: 'StylePreset',
      starter: false,
      previewImage: { id: globalId('Image', image.id) },
      settings: { ...watercolour, aspectRatio: null, quality: null },
    });
    expect((await list(me))[0].id).toBe(preset.id);

    const { data } = await stack.graphql(me, UpdatePreset, {
      input: {
        id: preset.id,
        name: 'Renamed',
        settings: { provider: 'local', steps: 30 },
        clearPreview: true,
      },
    });
    expect(data.updateStylePreset).toMatchObject({
      name: 'Renamed',
      previewImage: null,
      settings: { provider: 'local', steps: 30, width: null, promptPrefix: null },
    });

    await stack.graphql(me, DeletePreset, { id: preset.id });
    expect((await stack.graphql(me, PresetQuery, { id: preset.id })).data.stylePreset).toBeNull();
  });

  it('checks settings against the provider and model, naming each bad field', async () => {
    const me = await stack.newUser();
    expect(await create(me, { settings: { provider: 'nope' } })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.settings.provider' }],
    });
    const bad = await create(me, {
      settings: { provider: 'local', model: 'procedural-v1', style: 'cubism', steps: 99, width: 64 },
    });
    expect(bad.issues.map((i: any) => i.field).sort()).toEqual([
      'input.settings.steps',
      'input.settings.style',
      'input.settings.width',
    ]);
    const other = await stack.newUser();
    const theirs = await newImage(stack.app, other);
    expect(await create(me, { previewImageId: globalId('Image', theirs.id) })).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ field: 'input.previewImageId' }],
    });
  });

  it('answers another person’s preset like a missing one', async () => {
    const owner = await stack.newUser();
    const other = await stack.newUser();
    const preset = await create(owner);
    expect((await stack.graphql(other, PresetQuery, { id: preset.id })).data.stylePreset).toBeNull();
    for (const [query, variables] of [
      [UpdatePreset, { input: { id: preset.id, name: 'x' } }],
      [DuplicatePreset, { id: preset.id }],
      [DeletePreset, { id: preset.id }],
    ] as const) {
      const { data } = await stack.graphql(other, query, variables);
      expect(Object.values(data)[0]).toMatchObject({ __typename: 'NotFoundError' });
    }
    const { data } = await stack.graphql(other, Generate, {
      input: { prompt: 'x', provider: 'local', presetId: preset.id },
    });
    expect(data.generateImages).toMatchObject({ code: 'NOT_FOUND', issues: [{ field: 'input.presetId' }] });
    const exported = JSON.parse(
      (await stack.graphql(other, ExportPresets, { ids: [preset.id] })).data.exportStylePresets.json,
    );
    expect(exported.presets).toEqual([]);
  });

  it('exports to a versioned JSON document and imports it back', async () => {
    const me = await stack.newUser();
    await create(me, { name: 'One', description: 'first' });
    await create(me, { name: 'Two', settings: { provider: 'local', quality: 'HIGH' } });
    const { data } = await stack.graphql(me, ExportPresets);
    const document = JSON.parse(data.exportStylePresets.json);
    expect(document).toMatchObject({ format: 'atelier.style-presets', version: 1 });
    expect(document.presets.map((p: any) => p.name)).toEqual(['Two', 'One']);

    const someone = await stack.newUser();
    const { data: imported } = await stack.graphql(someone, ImportPresets, {
      json: data.exportStylePresets.json,
    });
    expect(imported.importStylePresets.presets).toMatchObject([
      { name: 'Two', starter: false, settings: { quality: 'HIGH' } },
      { name: 'One', description: 'first', settings: watercolour },
    ]);
    expect((await list(someone)).filter((p: any) => !p.starter)).toHaveLength(2);
  });

  it('refuses bad documents, naming the bad entry, and imports nothing', async () => {
    const me = await stack.newUser();
    const importing = async (json: string) =>
      (await stack.graphql(me, ImportPresets, { json })).data.importStylePresets;
    expect(await importing('{not json')).toMatchObject({
      issues: [{ field: 'json', message: 'this is not JSON' }],
    });
    expect(await importing('{"presets": []}')).toMatchObject({ issues: [{ field: 'json' }] });
    expect(
      await importing(JSON.stringify({ format: 'atelier.style-presets', version: 2, presets: [] })),
    ).toMatchObject({ issues: [{ field: 'json.version' }] });
    const document = {
      format: 'atelier.style-presets',
      version: 1,
      presets: [
        { name: 'Fine', settings: { provider: 'local' } },
        { name: 'Broken', settings: { provider: 'local', width: -5 } },
      ],
    };
    const bad = await importing(JSON.stringify(document));
    expect(bad.issues[0].field).toBe('json.presets.1.settings.width');
    expect(bad.issues[0].message).toMatch(/^preset 2 \("Broken"\)/);
    document.presets[1]!.settings = { provider: 'local', style: 'cubism' } as any;
    expect((await importing(JSON.stringify(document))).issues[0]).toMatchObject({
      field: 'json.presets.1.settings.style',
    });
    expect((await list(me)).filter((p: any) => !p.starter)).toEqual([]);
  });

  it('applies a preset to a Generate request: prefix and suffix, settings under explicit fields', async () => {
    const me = await stack.newUser();
    const preset = await create(me);
    const { data } = await stack.graphql(me, Generate, {
      input: { prompt: 'a fox', provider: 'local', presetId: preset.id },
    });
    expect(data.generateImages.input).toMatchObject({
      prompt: 'a painting of a fox, soft light',
      width: 768,
      height: 512,
      steps: 12,
      model: 'procedural-v1',
    });
    const { data: job } = await stack.graphql(me, JobNegative);
    expect(job.jobs.edges[0].node.input).toMatchObject({ negativePrompt: 'text', style: 'watercolor' });

    const { data: explicit } = await stack.graphql(me, Generate, {
      input: { prompt: 'a fox', provider: 'local', presetId: preset.id, width: 512, height: 512, steps: 3 },
    });
    expect(explicit.generateImages.input).toMatchObject({ width: 512, height: 512, steps: 3 });
  });
});
