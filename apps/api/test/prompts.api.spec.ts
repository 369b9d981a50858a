import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from './support/harness';

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack({ worker: false });
});
afterAll(() => stack?.close());

const SavePrompt = /* GraphQL */ `
  mutation ($input: SavePromptInput!) {
    savePrompt(input: $input) {
      __typename
      ... on SavedPrompt {
        id
        title
        prompt
        negativePrompt
        tags
        notes
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
`;

const UpdateSavedPrompt = /* GraphQL */ `
  mutation ($input: UpdateSavedPromptInput!) {
    updateSavedPrompt(input: $input) {
      __typename
      ... on SavedPrompt {
        id
        title
        prompt
        negativePrompt
        tags
      }
      ... on Error {
        code
      }
    }
  }
`;

const DeleteSavedPrompt = /* GraphQL */ `
  mutation ($id: ID!) {
    deleteSavedPrompt(id: $id) {
      __typename
      ... on DeletedLibraryItem {
        deletedId
      }
      ... on Error {
        code
      }
    }
  }
`;

const SavedPrompts = /* GraphQL */ `
  query ($search: String, $tag: String, $first: Int, $after: String) {
    savedPrompts(search: $search, tag: $tag, first: $first, after: $after) {
      edges {
        node {
          id
          title
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const History = /* GraphQL */ `
  query ($search: String, $first: Int) {
    promptHistory(search: $search, first: $first) {
      edges {
        node {
          id
          prompt
          negativePrompt
          uses
        }
      }
    }
  }
`;

const DeleteHistoryEntry = /* GraphQL */ `
  mutation ($id: ID!) {
    deletePromptHistoryEntry(id: $id) {
      __typename
      ... on Error {
        code
      }
    }
  }
`;

const ClearHistory = /* GraphQL */ `
  mutation {
    clearPromptHistory {
      deletedCount
    }
  }
`;

const Generate = /* GraphQL */ `
  mutation ($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Error {
        code
      }
      ... on InvalidInputError {
        issues {
          field
        }
      }
    }
  }
`;

async function save(viewer: any, input: object) {
  const { data } = await stack.graphql(viewer, SavePrompt, {
    input: { title: 'A title', prompt: 'a prompt', ...input },
  });
  return data.savePrompt;
}

const titles = async (viewer: any, variables: object = {}) =>
  (await stack.graphql(viewer, SavedPrompts, { first: 20, ...variables })).data.savedPrompts.edges.map(
    (e: any) => e.node.title,
  );

const history = async (viewer: any, search?: string) =>
  (await stack.graphql(viewer, History, { first: 20, search })).data.promptHistory.edges.map(
    (e: any) => e.node,
  );

describe('saved prompts', () => {
  it('saves, edits and deletes a prompt, with tags normalised', async () => {
    const me = await stack.newUser();
    const saved = await save(me, {
      title: 'Harbour',
      prompt: 'boats in a harbour at dawn',
      negativePrompt: 'people',
      tags: ['Sea', ' boats ', 'sea'],
      notes: 'nice with watercolor',
    });
    expect(saved).toMatchObject({
      __typename: 'SavedPrompt',
      tags: ['sea', 'boats'],
      negativePrompt: 'people',
    });

    const { data } = await stack.graphql(me, UpdateSavedPrompt, {
      input: { id: saved.id, title: 'Harbour at dawn', negativePrompt: '' },
    });
    expect(data.updateSavedPrompt).toMatchObject({
      title: 'Harbour at dawn',
      prompt: 'boats in a harbour at dawn',
      negativePrompt: null,
    });

    const { data: deleted } = await stack.graphql(me, DeleteSavedPrompt, { id: saved.id });
    expect(deleted.deleteSavedPrompt).toEqual({ __typename: 'DeletedLibraryItem', deletedId: saved.id });
    expect(await titles(me)).toEqual([]);
  });

  it('refuses an empty prompt or title, naming the field', async () => {
    const me = await stack.newUser();
    expect(await save(me, { prompt: '   ' })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'input.prompt' }],
    });
    expect(await save(me, { title: '' })).toMatchObject({ issues: [{ field: 'input.title' }] });
  });

  it('finds prompts by words (stemmed) in title, prompt or notes, and by tag', async () => {
    const me = await stack.newUser();
    await save(me, { title: 'Harbour', prompt: 'boats at dawn', tags: ['sea'] });
    await save(me, { title: 'Forest', prompt: 'tall pines', notes: 'try with a boat too', tags: ['trees'] });
    await save(me, { title: 'Desert', prompt: 'dunes', tags: ['sand', 'sea'] });

    expect(await titles(me, { search: 'boat' })).toEqual(['Forest', 'Harbour']);
    expect(await titles(me, { tag: 'sea' })).toEqual(['Desert', 'Harbour']);
    expect(await titles(me, { search: 'dunes', tag: 'sea' })).toEqual(['Desert']);
    expect(await titles(me, { search: 'volcano' })).toEqual([]);
  });

  it('pages most recently changed first', async () => {
    const me = await stack.newUser();
    const a = await save(me, { title: 'A' });
    await save(me, { title: 'B' });
    await save(me, { title: 'C' });
    await stack.graphql(me, UpdateSavedPrompt, { input: { id: a.id, notes: 'touched' } });
    const { data } = await stack.graphql(me, SavedPrompts, { first: 2 });
    expect(data.savedPrompts.edges.map((e: any) => e.node.title)).toEqual(['A', 'C']);
    expect(await titles(me, { after: data.savedPrompts.pageInfo.endCursor })).toEqual(['B']);
  });

  it('answers another person’s saved prompt like a missing one', async () => {
    const owner = await stack.newUser();
    const other = await stack.newUser();
    const saved = await save(owner, { title: 'Secret' });
    expect(await titles(other)).toEqual([]);
    const { data: update } = await stack.graphql(other, UpdateSavedPrompt, {
      input: { id: saved.id, title: 'x' },
    });
    expect(update.updateSavedPrompt).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const { data: del } = await stack.graphql(other, DeleteSavedPrompt, { id: saved.id });
    expect(del.deleteSavedPrompt).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await titles(owner)).toEqual(['Secret']);
  });
});

describe('prompt history', () => {
  const generate = (viewer: any, prompt: string, extra: object = {}) =>
    stack.graphql(viewer, Generate, { input: { prompt, provider: 'local', ...extra } });

  it('keeps each prompt once, whatever its spacing or case, most recent first, counting uses', async () => {
    const me = await stack.newUser();
    await generate(me, 'A red  fox');
    await generate(me, 'a lighthouse');
    await generate(me, '  a red fox ', { negativePrompt: 'snow' });

    expect(await history(me)).toMatchObject([
      { prompt: 'a red fox', negativePrompt: 'snow', uses: 2 },
      { prompt: 'a lighthouse', negativePrompt: null, uses: 1 },
    ]);
    expect((await history(me, 'FOX')).map((e: any) => e.prompt)).toEqual(['a red fox']);
  });

  it('does not record a refused request', async () => {
    const me = await stack.newUser();
    const { data } = await generate(me, '   ');
    expect(data.generateImages).toMatchObject({
      code: 'INVALID_PROMPT',
      issues: [{ field: 'input.prompt' }],
    });
    await generate(me, 'a valid prompt', { width: 3 });
    expect(await history(me)).toEqual([]);
  });

  it('deletes one entry or clears all, and only the viewer’s', async () => {
    const me = await stack.newUser();
    const other = await stack.newUser();
    await generate(me, 'one');
    await generate(me, 'two');
    await generate(other, 'theirs');
    const [two] = await history(me);

    const { data: foreign } = await stack.graphql(other, DeleteHistoryEntry, { id: two.id });
    expect(foreign.deletePromptHistoryEntry).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    await stack.graphql(me, DeleteHistoryEntry, { id: two.id });
    expect((await history(me)).map((e: any) => e.prompt)).toEqual(['one']);

    const { data } = await stack.graphql(me, ClearHistory);
    expect(data.clearPromptHistory.deletedCount).toBe(1);
    expect(await history(me)).toEqual([]);
    expect((await history(other)).map((e: any) => e.prompt)).toEqual(['theirs']);
  });
});
