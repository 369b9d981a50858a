import { describe, expect, it } from 'vitest';
import { HistoryTab_History } from '../../components/library/history-tab';
import { SavedPromptDialog_Save } from '../../components/library/saved-prompt-dialog';
import { SavedPromptsTab_Delete, SavedPromptsTab_Prompts } from '../../components/library/saved-prompts-tab';
import { GenerateForm_GenerateImages } from '../../components/generate/generate-form';
import { jobFixture } from '../testing/fixtures';
import { createTestClient } from '../testing/urql';

const prompt = (id: string, title: string) => ({
  __typename: 'SavedPrompt',
  id,
  title,
  prompt: `${title} prompt`,
  negativePrompt: null,
  tags: [],
  notes: '',
  updatedAt: '2026-11-25T10:00:00.000Z',
});

const page = (typename: string, nodes: object[]) => ({
  __typename: typename,
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, cursor: 'c', node })),
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
});

const listVars = { first: 50, after: null, search: null, tag: null };

describe('graphcache rules for the prompt library', () => {
  it('forgets the saved-prompt lists after a save (the server orders and filters them)', async () => {
    let rows = [prompt('p1', 'Harbour')];
    const { client } = createTestClient({
      SavedPromptsTab_Prompts: () => ({ savedPrompts: page('QuerySavedPromptsConnection', rows) }),
      SavedPromptDialog_Save: () => {
        rows = [prompt('p2', 'Forest'), ...rows];
        return { savePrompt: rows[0] };
      },
    });
    await client.query(SavedPromptsTab_Prompts, listVars).toPromise();
    await client
      .mutation(SavedPromptDialog_Save, { input: { title: 'Forest', prompt: 'Forest prompt' } })
      .toPromise();
    expect(client.readQuery(SavedPromptsTab_Prompts, listVars)?.data ?? null).toBeNull();
    const again = await client.query(SavedPromptsTab_Prompts, listVars).toPromise();
    expect(again.data?.savedPrompts.edges.map((edge) => edge.node.title)).toEqual(['Forest', 'Harbour']);
  });

  it('drops a deleted prompt from the cache', async () => {
    const { client } = createTestClient({
      SavedPromptsTab_Prompts: () => ({
        savedPrompts: page('QuerySavedPromptsConnection', [prompt('p1', 'Harbour')]),
      }),
      SavedPromptsTab_Delete: () => ({
        deleteSavedPrompt: { __typename: 'DeletedLibraryItem', deletedId: 'p1' },
      }),
    });
    await client.query(SavedPromptsTab_Prompts, listVars).toPromise();
    await client.mutation(SavedPromptsTab_Delete, { id: 'p1' }).toPromise();
    expect(client.readQuery(SavedPromptsTab_Prompts, listVars)?.data ?? null).toBeNull();
  });

  it('refreshes the prompt history after a generation', async () => {
    const historyVars = { first: 50, after: null, search: null };
    const { client } = createTestClient({
      HistoryTab_History: () => ({ promptHistory: page('QueryPromptHistoryConnection', []) }),
      GenerateForm_GenerateImages: () => ({ generateImages: jobFixture('job-1', 'QUEUED') }),
    });
    await client.query(HistoryTab_History, historyVars).toPromise();
    await client
      .mutation(GenerateForm_GenerateImages, { input: { prompt: 'a fox', provider: 'local' } })
      .toPromise();
    // The prompt just submitted belongs on top: the cached history is forgotten, so it is asked again.
    expect(client.readQuery(HistoryTab_History, historyVars)?.data ?? null).toBeNull();
  });
});
