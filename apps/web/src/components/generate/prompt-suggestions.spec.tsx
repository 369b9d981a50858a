// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import { providerFixture, providersResult } from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { GenerateForm } from './generate-form';

const searches: string[] = [];

function renderForm() {
  const test = createTestClient({
    CollectionSelect_Collections: () => ({
      collections: { __typename: 'QueryCollectionsConnection', edges: [] },
    }),
    PresetPicker_Presets: () => ({ stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] } }),
    GenerateForm_Providers: () => providersResult(providerFixture()),
    PromptSuggestions_Prompts: (variables) => {
      searches.push(variables.search as string);
      return {
        promptHistory: {
          __typename: 'QueryPromptHistoryConnection',
          edges: [
            {
              __typename: 'QueryPromptHistoryConnectionEdge',
              node: {
                __typename: 'PromptHistoryEntry',
                id: 'h-1',
                prompt: 'a lighthouse on a cliff at dusk',
              },
            },
          ],
        },
        savedPrompts: {
          __typename: 'QuerySavedPromptsConnection',
          edges: [
            {
              __typename: 'QuerySavedPromptsConnectionEdge',
              node: {
                __typename: 'SavedPrompt',
                id: 's-1',
                title: 'Coast',
                prompt: 'a lighthouse in a storm, oil painting',
              },
            },
          ],
        },
      };
    },
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <GenerateForm variant="page" />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
}

beforeEach(() => {
  window.localStorage.clear();
  searches.length = 0;
});

describe('prompt autocomplete', () => {
  it('suggests saved prompts and history as you type, and Enter takes the one chosen with the arrows', async () => {
    const user = userEvent.setup();
    renderForm();
    const box = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' });
    await user.type(box, 'lighth');

    const list = await screen.findByRole('listbox', { name: 'Earlier prompts' });
    expect(searches).toContain('lighth');
    expect(box.getAttribute('aria-autocomplete')).toBe('list');
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'a lighthouse in a storm, oil paintingSaved · Coast',
      'a lighthouse on a cliff at duskHistory',
    ]);

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(box.value).toBe('a lighthouse on a cliff at dusk');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('closes with Escape and leaves the text as typed', async () => {
    const user = userEvent.setup();
    renderForm();
    const box = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' });
    await user.type(box, 'lighth');
    await screen.findByRole('listbox', { name: 'Earlier prompts' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('lighth');
  });
});
