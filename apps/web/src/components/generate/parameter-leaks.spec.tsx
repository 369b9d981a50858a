// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import { providerFixture, providersResult } from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { GenerateForm } from './generate-form';
import type { GeneratePrefill } from './prefill';
import { prefillFromImage } from './use-all-parameters';

const local = providerFixture();

function renderForm(prefill?: GeneratePrefill) {
  const test = createTestClient({
    CollectionSelect_Collections: () => ({
      collections: { __typename: 'QueryCollectionsConnection', edges: [] },
    }),
    PresetPicker_Presets: () => ({ stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] } }),
    GenerateForm_Providers: () => providersResult(local),
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <GenerateForm variant="dialog" {...(prefill && { prefill })} />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
}

const count = () => screen.findByRole<HTMLInputElement>('spinbutton', { name: 'Count' });

const onePicture = {
  __typename: 'Image' as const,
  prompt: 'a lighthouse',
  negativePrompt: null,
  style: null,
  seed: 7,
  provider: 'local',
  model: local.capabilities.defaultModel,
  width: 512,
  height: 512,
  params: { width: 512, height: 512 },
};

beforeEach(() => window.localStorage.clear());

describe('parameters do not leak between uses', () => {
  it('a new Generate opens with Count 1 after an earlier one made 4', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.clear(await count());
    await user.type(await count(), '4');
    cleanup();

    renderForm();
    expect((await count()).value).toBe('1');
  });

  it('"Use all parameters" on a one-image picture fills Count 1, not the last dialog’s 4', async () => {
    window.localStorage.setItem(
      'atelier.generate.settings',
      JSON.stringify({ count: '4', quality: 'DRAFT' }),
    );
    renderForm(prefillFromImage(onePicture));
    expect((await count()).value).toBe('1');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Quality' }).value).toBe('STANDARD');
    expect(screen.queryByText(/as you left it last time/)).toBeNull();
  });

  it('says when it starts from the remembered settings, and offers the defaults', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem('atelier.generate.settings', JSON.stringify({ quality: 'DRAFT' }));
    renderForm();
    expect(await screen.findByText(/Set up as you left it last time/)).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Quality' }).value).toBe('DRAFT');

    await user.click(screen.getByRole('button', { name: 'Use defaults' }));
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Quality' }).value).toBe('STANDARD');
    expect(screen.queryByText(/as you left it last time/)).toBeNull();
  });
});
