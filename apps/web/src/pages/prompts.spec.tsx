// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { accountFixture, sessionFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

const ada = accountFixture();

const savedPrompt = {
  __typename: 'SavedPrompt',
  id: 'p1',
  title: 'Harbour',
  prompt: 'boats in a harbour at dawn',
  negativePrompt: 'people',
  tags: ['sea'],
  notes: '',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

const page = (typename: string, nodes: object[]) => ({
  __typename: typename,
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, cursor: 'c', node })),
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
});

const fixtures = {
  SessionRoot_Session: () => sessionFixture({ viewer: ada }),
  CollectionSelect_Collections: () => ({
    collections: { __typename: 'QueryCollectionsConnection', edges: [] },
  }),
  SavedPromptsTab_Prompts: () => ({ savedPrompts: page('QuerySavedPromptsConnection', [savedPrompt]) }),
  HistoryTab_History: () => ({ promptHistory: page('QueryPromptHistoryConnection', []) }),
};

describe('Prompts page', () => {
  it('“Use” on a saved prompt opens Generate with its prompt and negative prompt filled in', async () => {
    const user = userEvent.setup();
    renderApp('/prompts', fixtures, { owner: ada.id });
    const item = (await screen.findByText('boats in a harbour at dawn')).closest('li')!;
    await user.click(within(item).getByRole('button', { name: 'Use “Harbour”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate' });
    await waitFor(() =>
      expect(within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' }).value).toBe(
        'boats in a harbour at dawn',
      ),
    );
    // The field shows once the providers say the model takes one.
    const negative = await within(dialog).findByRole<HTMLTextAreaElement>('textbox', {
      name: 'Negative prompt',
    });
    expect(negative.value).toBe('people');
  });

  it('opens a blank Generate from the header after a prefilled one was closed', async () => {
    const user = userEvent.setup();
    renderApp('/prompts', fixtures, { owner: ada.id });
    const item = (await screen.findByText('boats in a harbour at dawn')).closest('li')!;
    await user.click(within(item).getByRole('button', { name: 'Use “Harbour”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate' });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const reopened = await screen.findByRole('dialog', { name: 'Generate' });
    expect(within(reopened).getByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' }).value).toBe('');
  });

  it('switches tabs through the URL and shows an empty history plainly', async () => {
    const user = userEvent.setup();
    renderApp('/prompts', fixtures, { owner: ada.id });
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    expect(await screen.findByRole('heading', { name: 'No prompts yet' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
  });

  it('“Save” on a history entry keeps its negative prompt', async () => {
    const user = userEvent.setup();
    const saved: unknown[] = [];
    renderApp(
      '/prompts?tab=history',
      {
        ...fixtures,
        HistoryTab_History: () => ({
          promptHistory: page('QueryPromptHistoryConnection', [
            {
              __typename: 'PromptHistoryEntry',
              id: 'h1',
              prompt: 'a lighthouse on a cliff',
              negativePrompt: 'fog, people',
              uses: 2,
              lastUsedAt: '2026-11-25T10:00:00.000Z',
            },
          ]),
        }),
        SavedPromptDialog_Save: (vars) => {
          saved.push(vars.input);
          return { savePrompt: { ...savedPrompt, id: 'p2', prompt: 'a lighthouse on a cliff' } };
        },
      },
      { owner: ada.id },
    );
    if (!screen.queryByText('a lighthouse on a cliff')) {
      await user.click(await screen.findByRole('tab', { name: 'History' }));
    }
    await screen.findByText('a lighthouse on a cliff');
    await user.click(screen.getByRole('button', { name: 'Save “a lighthouse on a cliff” to the library' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save prompt' });
    expect(within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'Negative prompt' }).value).toBe(
      'fog, people',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save prompt' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ prompt: 'a lighthouse on a cliff', negativePrompt: 'fog, people' });
  });
});
