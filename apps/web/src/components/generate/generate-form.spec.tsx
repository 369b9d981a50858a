// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Provider as UrqlProvider } from 'urql';
import {
  fluxFixture,
  ideogramFixture,
  jobFixture,
  providerFixture,
  providersResult,
  refusalFixture,
} from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { GenerateForm } from './generate-form';

const local = providerFixture();
const bare = providerFixture(
  {
    steps: null,
    styles: [],
    supportsNegativePrompt: false,
    supportsQuality: false,
    supportsSeed: false,
    maxCount: 4,
    size: { min: 512, max: 1536, multipleOf: 16, maxPixels: 1_048_576 },
  },
  { id: 'bare', displayName: 'Bare' },
);
const flux = fluxFixture({ available: false, unavailableReason: 'Set BFL_API_KEY to use Flux' });

/** The style preset picker's list: none. */
const noPresets = () => ({ stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] } });

/** The "Send to collection" picker's list: none yet. */
const noCollections = () => ({ collections: { __typename: 'QueryCollectionsConnection', edges: [] } });

function renderForm(fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    CollectionSelect_Collections: noCollections,
    PresetPicker_Presets: noPresets,
    GenerateForm_Providers: () => providersResult(local, bare, flux),
    ...fixtures,
  });
  renderWith(test);
  return test;
}

function renderWith(test: ReturnType<typeof createTestClient>) {
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <GenerateForm variant="dialog" />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
}

const submitButton = () => screen.getByRole('button', { name: /^Generate \d/ });

beforeEach(() => window.localStorage.clear());

describe('GenerateForm', () => {
  it('shows the parameters the chosen provider supports, with its limits', async () => {
    const user = userEvent.setup();
    renderForm();
    const provider = await screen.findByRole('combobox', { name: 'Provider' });
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Quality' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Style' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Width' }).getAttribute('step')).toBe('64');

    const fluxOption = within(provider).getByRole<HTMLOptionElement>('option', { name: /Flux/ });
    expect(fluxOption.disabled).toBe(true);
    expect(fluxOption.textContent).toContain('Set BFL_API_KEY to use Flux');

    await user.selectOptions(provider, 'bare');
    expect(screen.queryByRole('spinbutton', { name: 'Seed' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Steps' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Quality' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Style' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Negative prompt' })).toBeNull();
    const width = screen.getByRole('spinbutton', { name: 'Width' });
    expect([width.getAttribute('min'), width.getAttribute('max'), width.getAttribute('step')]).toEqual([
      '512',
      '1536',
      '16',
    ]);
    expect(screen.getByRole('spinbutton', { name: 'Count' }).getAttribute('max')).toBe('4');
  });

  it('says on the button what it will make, following the size presets', async () => {
    const user = userEvent.setup();
    renderForm();
    await screen.findByRole('combobox', { name: 'Provider' });
    expect(submitButton().textContent).toBe('Generate 1 image · Local (procedural) · 1024×1024');
    const count = screen.getByRole('spinbutton', { name: 'Count' });
    await user.clear(count);
    await user.type(count, '4');
    await user.click(screen.getByRole('button', { name: '16:9' }));
    expect(submitButton().textContent).toMatch(/^Generate 4 images · Local \(procedural\) · \d+×\d+$/);
    const [w, h] = [
      screen.getByRole('spinbutton', { name: 'Width' }),
      screen.getByRole('spinbutton', { name: 'Height' }),
    ].map((input) => Number((input as HTMLInputElement).value)) as [number, number];
    expect(w % 64).toBe(0);
    expect(h % 64).toBe(0);
    expect(w / h).toBeCloseTo(16 / 9, 1);
  });

  it('puts a server complaint about a field beside that field', async () => {
    const user = userEvent.setup();
    renderForm({
      GenerateForm_GenerateImages: () => ({
        generateImages: {
          ...refusalFixture('InvalidInputError'),
          code: 'INVALID_INPUT',
          message: 'Some fields are not acceptable',
          issues: [
            { __typename: 'FieldIssue', field: 'input.width', message: 'Width must be a multiple of 64' },
          ],
        },
      }),
    });
    await user.type(await screen.findByRole('textbox', { name: 'Prompt' }), 'a fox');
    await user.click(submitButton());
    const width = screen.getByRole('spinbutton', { name: 'Width' });
    await waitFor(() => expect(width.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = width.getAttribute('aria-describedby')!.split(' ');
    const description = describedBy.map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(description).toContain('Width must be a multiple of 64');
    expect(screen.getByRole('spinbutton', { name: 'Height' }).getAttribute('aria-invalid')).toBeNull();
  });

  it('says which limit stopped the job and when it resets', async () => {
    const user = userEvent.setup();
    const resetsAt = new Date(Date.now() + 3 * 3600_000 + 60_000).toISOString();
    renderForm({
      GenerateForm_GenerateImages: () => ({
        generateImages: {
          ...refusalFixture('QuotaExceededError'),
          code: 'QUOTA_EXCEEDED',
          message: 'Daily limit reached',
          limit: 'IMAGES_PER_DAY',
          max: 100,
          remaining: 0,
          resetsAt,
        },
      }),
    });
    await user.type(await screen.findByRole('textbox', { name: 'Prompt' }), 'a fox');
    await user.click(submitButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^You have reached your limit of 100 images per day; it resets at .+ \(in 3 h\)\./,
    );
  });

  it('says a generation the database refused was not accepted, and never sends it again by itself', async () => {
    const user = userEvent.setup();
    const { requests } = renderForm({
      GenerateForm_GenerateImages: () => ({
        generateImages: {
          ...refusalFixture('BaseError'),
          code: 'SERVICE_UNAVAILABLE',
          message: 'The database is unavailable right now; nothing was done. Try again in 1 s.',
          retryable: true,
          details: { retryAfterSeconds: 0.05 },
        },
      }),
    });
    await user.type(await screen.findByRole('textbox', { name: 'Prompt' }), 'a fox');
    await user.click(submitButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Not accepted: the server cannot reach its database right now, so nothing was done. Try again in 1 s.',
    );
    // Well past the wait the server asked for: still the one request the person made.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests.filter((name) => name === 'GenerateForm_GenerateImages')).toHaveLength(1);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' }).value).toBe('a fox');
  });

  it('submits with Ctrl+Enter and stays ready for the next prompt', async () => {
    const user = userEvent.setup();
    const inputs: unknown[] = [];
    const { requests } = renderForm({
      GenerateForm_GenerateImages: (vars) => {
        inputs.push(vars.input);
        return { generateImages: jobFixture('job-1', 'QUEUED') };
      },
    });
    const prompt = await screen.findByRole('textbox', { name: 'Prompt' });
    await user.click(prompt);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(requests).not.toContain('GenerateForm_GenerateImages');
    expect(screen.getByText(/Write a prompt first/)).toBeTruthy();

    await user.type(prompt, 'a lighthouse at dusk');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({
      prompt: 'a lighthouse at dusk',
      provider: 'local',
      width: 1024,
      height: 1024,
    });
    expect((prompt as HTMLTextAreaElement).disabled).toBe(false);
  });
});

describe('GenerateForm with paid providers', () => {
  const available = [local, fluxFixture(), ideogramFixture()];

  function renderPaid(fixtures: Record<string, Fixture> = {}) {
    const test = createTestClient({
      CollectionSelect_Collections: noCollections,
      PresetPicker_Presets: noPresets,
      GenerateForm_Providers: () => providersResult(...available),
      ...fixtures,
    });
    renderWith(test);
    return test;
  }

  it('follows the chosen model: a size rule gives Width and Height, aspect ratios give a picker', async () => {
    const user = userEvent.setup();
    renderPaid();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Provider' }), 'flux');
    const model = screen.getByRole('combobox', { name: 'Model' });
    // Only the models that generate: Kontext (restyle and edit only) is not offered.
    expect(
      within(model)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['FLUX1.1 [pro]', 'FLUX1.1 [pro] Ultra']);
    expect(screen.getByRole('spinbutton', { name: 'Width' }).getAttribute('step')).toBe('32');
    expect(screen.queryByRole('combobox', { name: 'Aspect ratio' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Steps' })).toBeNull();
    const upsampling = screen.getByRole('combobox', { name: 'Prompt upsampling' });
    expect(
      within(upsampling)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Off', 'On']);
    expect(screen.getByRole('spinbutton', { name: 'Count' }).getAttribute('max')).toBe('1');

    await user.selectOptions(model, 'flux-pro-1.1-ultra');
    expect(screen.queryByRole('spinbutton', { name: 'Width' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Height' })).toBeNull();
    const ratio = screen.getByRole('combobox', { name: 'Aspect ratio' });
    await user.selectOptions(ratio, '21:9');
    expect(submitButton().textContent).toBe('Generate 1 image · FLUX1.1 [pro] Ultra · 21:9');
  });

  it('offers the other available providers as an ordered fallback, and sends them', async () => {
    const user = userEvent.setup();
    const inputs: unknown[] = [];
    const down = ideogramFixture({ id: 'ideogram-eu', displayName: 'Ideogram EU', available: false });
    const test = createTestClient({
      CollectionSelect_Collections: noCollections,
      PresetPicker_Presets: noPresets,
      GenerateForm_Providers: () => providersResult(...available, down),
      GenerateForm_GenerateImages: (vars) => {
        inputs.push(vars.input);
        return { generateImages: jobFixture('job-1', 'QUEUED') };
      },
    });
    renderWith(test);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Provider' }), 'ideogram');
    const fallback = screen.getByRole('group', { name: 'Fallback' });
    const boxes = within(fallback).getAllByRole('checkbox');
    // Neither the chosen provider nor an unavailable one.
    expect(boxes.map((box) => box.closest('label')?.textContent)).toEqual(['Local (procedural)', 'Flux']);

    await user.click(within(fallback).getByRole('checkbox', { name: 'Flux' }));
    await user.click(within(fallback).getByRole('checkbox', { name: /Local/ }));
    await user.click(within(fallback).getByRole('button', { name: 'Try Local (procedural) earlier' }));
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a poster');
    await user.click(submitButton());
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({
      provider: 'ideogram',
      model: 'ideogram-v3',
      aspectRatio: '1:1',
      magicPrompt: 'AUTO',
      fallbackProviders: ['local', 'flux'],
    });
    expect(inputs[0]).not.toHaveProperty('width');

    // Choosing a fallback as the provider takes it out of the fallbacks.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'flux');
    const after = screen.getByRole('group', { name: 'Fallback' });
    expect(within(after).getByRole<HTMLInputElement>('checkbox', { name: /Local/ }).checked).toBe(true);
    expect(within(after).queryByRole('checkbox', { name: 'Flux' })).toBeNull();
  });
});
