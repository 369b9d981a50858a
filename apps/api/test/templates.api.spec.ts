import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from './support/harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ localStepMs: 0 });
});
afterAll(() => stack?.close());

const TemplateFields = /* GraphQL */ `
  fragment TemplateFields on PromptTemplate {
    id
    name
    latestVersion
    latest {
      version
      body
      variables {
        name
        type
        options
        default
        min
        max
        integer
      }
    }
    versions {
      version
      body
    }
  }
`;

const CreateTemplate = /* GraphQL */ `
  mutation ($input: CreateTemplateInput!) {
    createTemplate(input: $input) {
      __typename
      ...TemplateFields
      ... on InvalidTemplateError {
        code
        message
        field
        position
        variable
      }
      ... on InvalidInputError {
        code
        issues {
          field
          message
        }
      }
    }
  }
  ${TemplateFields}
`;

const UpdateTemplate = /* GraphQL */ `
  mutation ($input: UpdateTemplateInput!) {
    updateTemplate(input: $input) {
      __typename
      ...TemplateFields
      ... on Error {
        code
        message
      }
      ... on InvalidTemplateError {
        field
        position
        variable
      }
    }
  }
  ${TemplateFields}
`;

const DeleteTemplate = /* GraphQL */ `
  mutation ($id: ID!) {
    deleteTemplate(id: $id) {
      __typename
      ... on DeletedTemplate {
        deletedId
      }
      ... on Error {
        code
      }
    }
  }
`;

const TemplateQuery = /* GraphQL */ `
  query ($id: ID!) {
    template(id: $id) {
      ...TemplateFields
    }
  }
  ${TemplateFields}
`;

const Templates = /* GraphQL */ `
  query ($first: Int, $after: String) {
    templates(first: $first, after: $after) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const Preview = /* GraphQL */ `
  query ($body: String!, $variables: [TemplateVariableInput!]!, $values: [TemplateValueInput!]) {
    previewTemplate(body: $body, variables: $variables, values: $values) {
      __typename
      ... on TemplatePreview {
        prompt
        variables
        warnings
      }
      ... on InvalidTemplateError {
        message
        field
        position
        variable
      }
    }
  }
`;

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
        input {
          prompt
        }
      }
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
    }
  }
`;

const JobImages = /* GraphQL */ `
  query ($id: ID!) {
    node(id: $id) {
      ... on Job {
        status
        images {
          prompt
          template {
            template {
              id
              name
            }
            version
            values
          }
        }
      }
    }
  }
`;

const variables = [
  { name: 'subject', type: 'TEXT', default: 'a lighthouse' },
  { name: 'time', type: 'CHOICE', options: ['dawn', 'dusk'], default: 'dusk' },
  { name: 'boats', type: 'NUMBER', min: 0, max: 9, integer: true, default: '2' },
];

async function createTemplate(viewer: any, overrides: object = {}) {
  const { data } = await stack.graphql(viewer, CreateTemplate, {
    input: { name: 'Coast', body: '{subject} at {time} with {boats} boats', variables, ...overrides },
  });
  return data.createTemplate;
}

async function finished(viewer: any, jobId: string) {
  for (let i = 0; i < 200; i++) {
    const { data } = await stack.graphql(viewer, JobImages, { id: jobId });
    if (['SUCCEEDED', 'FAILED', 'CANCELED'].includes(data.node.status)) return data.node;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('job did not finish');
}

describe('templates', () => {
  it('creates version 1 with typed variables', async () => {
    const me = await stack.newUser();
    const template = await createTemplate(me);
    expect(template).toMatchObject({ __typename: 'PromptTemplate', name: 'Coast', latestVersion: 1 });
    expect(template.latest.variables).toEqual([
      {
        name: 'subject',
        type: 'TEXT',
        options: null,
        default: 'a lighthouse',
        min: null,
        max: null,
        integer: false,
      },
      {
        name: 'time',
        type: 'CHOICE',
        options: ['dawn', 'dusk'],
        default: 'dusk',
        min: null,
        max: null,
        integer: false,
      },
      { name: 'boats', type: 'NUMBER', options: null, default: '2', min: 0, max: 9, integer: true },
    ]);
  });

  it('keeps old versions unchanged when the body changes, and renames without a new version', async () => {
    const me = await stack.newUser();
    const template = await createTemplate(me);
    const { data: renamed } = await stack.graphql(me, UpdateTemplate, {
      input: { id: template.id, name: 'Harbour' },
    });
    expect(renamed.updateTemplate).toMatchObject({ name: 'Harbour', latestVersion: 1 });

    const { data } = await stack.graphql(me, UpdateTemplate, {
      input: { id: template.id, body: 'an oil painting of {subject} at {time}' },
    });
    expect(data.updateTemplate.latestVersion).toBe(2);
    expect(data.updateTemplate.latest.body).toBe('an oil painting of {subject} at {time}');
    expect(data.updateTemplate.versions).toEqual([
      { version: 2, body: 'an oil painting of {subject} at {time}' },
      { version: 1, body: '{subject} at {time} with {boats} boats' },
    ]);
  });

  it('refuses bad templates, saying where and which variable', async () => {
    const me = await stack.newUser();
    expect(await createTemplate(me, { body: 'a {subject at dusk' })).toMatchObject({
      __typename: 'InvalidTemplateError',
      code: 'INVALID_INPUT',
      field: 'input.body',
      position: 2,
    });
    expect(await createTemplate(me, { body: '{subject} in {mood}' })).toMatchObject({
      __typename: 'InvalidTemplateError',
      field: 'input.body',
      variable: 'mood',
      position: 13,
    });
    expect(
      await createTemplate(me, {
        body: '{time}',
        variables: [{ name: 'time', type: 'CHOICE', options: ['dawn'], default: 'noon' }],
      }),
    ).toMatchObject({ __typename: 'InvalidTemplateError', field: 'input.variables', variable: 'time' });
    expect(
      await createTemplate(me, { body: '{n}', variables: [{ name: 'n', type: 'NUMBER', default: 'many' }] }),
    ).toMatchObject({ __typename: 'InvalidTemplateError', field: 'input.variables', variable: 'n' });

    const { data } = await stack.graphql(me, Templates, { first: 10 });
    expect(data.templates.edges).toEqual([]);
  });

  it('refuses a bad new version and keeps the template as it was', async () => {
    const me = await stack.newUser();
    const template = await createTemplate(me);
    const { data } = await stack.graphql(me, UpdateTemplate, { input: { id: template.id, body: '{sky}' } });
    expect(data.updateTemplate).toMatchObject({ __typename: 'InvalidTemplateError', variable: 'sky' });
    const { data: after } = await stack.graphql(me, TemplateQuery, { id: template.id });
    expect(after.template.latestVersion).toBe(1);
  });

  it('previews the expanded prompt, with defaults and warnings, or the error', async () => {
    const me = await stack.newUser();
    const { data } = await stack.graphql(me, Preview, {
      body: '{subject} at {time}, {{hd}}',
      variables,
      values: [{ name: 'time', value: 'dawn' }],
    });
    expect(data.previewTemplate).toEqual({
      __typename: 'TemplatePreview',
      prompt: 'a lighthouse at dawn, {hd}',
      variables: ['subject', 'time'],
      warnings: ['{boats} is declared but not used.'],
    });
    const { data: bad } = await stack.graphql(me, Preview, {
      body: '{boats} boats',
      variables,
      values: [{ name: 'boats', value: '12' }],
    });
    expect(bad.previewTemplate).toMatchObject({
      __typename: 'InvalidTemplateError',
      field: 'input.values',
      variable: 'boats',
      message: '{boats} must be at most 9.',
    });
  });

  it('lists the viewer’s templates newest change first, in pages', async () => {
    const me = await stack.newUser();
    const first = await createTemplate(me, { name: 'One' });
    const second = await createTemplate(me, { name: 'Two' });
    await stack.graphql(me, UpdateTemplate, { input: { id: first.id, name: 'One again' } });
    const { data } = await stack.graphql(me, Templates, { first: 1 });
    expect(data.templates.edges.map((e: any) => e.node.name)).toEqual(['One again']);
    const { data: next } = await stack.graphql(me, Templates, {
      first: 5,
      after: data.templates.pageInfo.endCursor,
    });
    expect(next.templates.edges.map((e: any) => e.node.id)).toEqual([second.id]);
  });

  it('answers another person’s template like a missing one', async () => {
    const owner = await stack.newUser();
    const other = await stack.newUser();
    const template = await createTemplate(owner);

    expect((await stack.graphql(other, TemplateQuery, { id: template.id })).data.template).toBeNull();
    const { data: update } = await stack.graphql(other, UpdateTemplate, {
      input: { id: template.id, name: 'Mine' },
    });
    expect(update.updateTemplate).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const { data: del } = await stack.graphql(other, DeleteTemplate, { id: template.id });
    expect(del.deleteTemplate).toMatchObject({ __typename: 'NotFoundError' });
    const { data: gen } = await stack.graphql(other, Generate, {
      input: { prompt: '', provider: 'local', template: { id: template.id } },
    });
    expect(gen.generateImages).toMatchObject({ __typename: 'InvalidInputError', code: 'NOT_FOUND' });
    const { data: list } = await stack.graphql(other, Templates, { first: 10 });
    expect(list.templates.edges).toEqual([]);
  });

  it('generates from a template and records template, version and values on every image', async () => {
    const me = await stack.newUser();
    const template = await createTemplate(me);
    await stack.graphql(me, UpdateTemplate, { input: { id: template.id, body: 'a painting of {subject}' } });

    const { data } = await stack.graphql(me, Generate, {
      input: {
        prompt: '',
        provider: 'local',
        count: 2,
        width: 256,
        height: 256,
        steps: 1,
        template: { id: template.id, version: 1, values: [{ name: 'boats', value: '3' }] },
      },
    });
    expect(data.generateImages.input.prompt).toBe('a lighthouse at dusk with 3 boats');
    const job = await finished(me, data.generateImages.id);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.images).toHaveLength(2);
    for (const image of job.images) {
      expect(image.prompt).toBe('a lighthouse at dusk with 3 boats');
      expect(image.template).toEqual({
        template: { id: template.id, name: 'Coast' },
        version: 1,
        values: { subject: 'a lighthouse', time: 'dusk', boats: 3 },
      });
    }

    const { data: latest } = await stack.graphql(me, Generate, {
      input: { prompt: 'ignored', provider: 'local', template: { id: template.id } },
    });
    expect(latest.generateImages.input.prompt).toBe('a painting of a lighthouse');

    // Deleting the template keeps what the images were made from.
    await stack.graphql(me, DeleteTemplate, { id: template.id });
    const again = await finished(me, data.generateImages.id);
    expect(again.images[0].template).toMatchObject({ template: null, version: 1, values: { boats: 3 } });
  });

  it('refuses template values that do not fit, naming the variable', async () => {
    const me = await stack.newUser();
    const template = await createTemplate(me);
    const { data } = await stack.graphql(me, Generate, {
      input: {
        prompt: '',
        provider: 'local',
        template: { id: template.id, values: [{ name: 'time', value: 'noon' }] },
      },
    });
    expect(data.generateImages).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.template.values.time', message: '{time} must be one of: dawn, dusk.' }],
    });
  });
});
