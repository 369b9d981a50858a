// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Provider as UrqlProvider } from 'urql';
import { jobFixture, providerFixture, providersResult } from '../../lib/testing/fixtures';
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
const flux = providerFixture(
  {},
  { id: 'flux', displayName: 'Flux', available: false, unavailableReason: 'Set BFL_API_KEY' },
);

function renderForm(fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    GenerateForm_Providers: () => providersResult(local, bare, flux),
    ...fixtures,
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <GenerateForm variant="dialog" />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
  return test;
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
    expect(fluxOption.textContent).toContain('Set BFL_API_KEY');

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
          __typename: 'InvalidInputError',
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
