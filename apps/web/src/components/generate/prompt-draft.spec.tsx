// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobFixture, providerFixture, providersResult } from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { GenerateForm } from './generate-form';

function renderForm(variant: 'page' | 'dialog') {
  const test = createTestClient({
    CollectionSelect_Collections: () => ({
      collections: { __typename: 'QueryCollectionsConnection', edges: [] },
    }),
    PresetPicker_Presets: () => ({ stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] } }),
    GenerateForm_Providers: () => providersResult(providerFixture()),
    GenerateForm_GenerateImages: () => ({ generateImages: jobFixture('job-1', 'QUEUED') }),
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <GenerateForm variant={variant} />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
  return test;
}

const promptBox = () => screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' });

beforeEach(() => window.localStorage.clear());

describe('the prompt draft on Create', () => {
  it('keeps what was typed across a reload, and forgets it once the job is queued', async () => {
    const user = userEvent.setup();
    renderForm('page');
    await user.type(await promptBox(), 'a fox');
    cleanup();

    const { requests } = renderForm('page');
    expect((await promptBox()).value).toBe('a fox');
    await screen.findByRole('combobox', { name: 'Provider' });
    await user.click(screen.getByRole('button', { name: /^Generate 1 image/ }));
    await waitFor(() => expect(requests).toContain('GenerateForm_GenerateImages'));
    await waitFor(() => expect(screen.queryByText('Queuing…')).toBeNull());
    cleanup();

    renderForm('page');
    expect((await promptBox()).value).toBe('');
  });

  it('is not brought into the Generate dialog, which opens fresh', async () => {
    const user = userEvent.setup();
    renderForm('page');
    await user.type(await promptBox(), 'a fox in snow');
    cleanup();

    renderForm('dialog');
    expect((await promptBox()).value).toBe('');
  });
});
