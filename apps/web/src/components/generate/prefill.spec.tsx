// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobFixture, providerFixture, providersResult } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { GenerateForm } from './generate-form';
import { presetPrefill, templateInput, type GeneratePrefill } from './prefill';

const local = providerFixture();

const watercolour = {
  __typename: 'StylePreset',
  id: 'preset-1',
  name: 'Watercolour',
  starter: true,
  settings: {
    __typename: 'StylePresetSettings',
    provider: 'local',
    model: null,
    width: 768,
    height: 512,
    aspectRatio: null,
    quality: 'HIGH',
    steps: 30,
    style: null,
    promptPrefix: 'a painting of',
    promptSuffix: null,
    negativePrompt: 'text',
  },
};

const coast = {
  __typename: 'PromptTemplate',
  id: 'template-1',
  name: 'Coast',
  latestVersion: 2,
  versions: [
    {
      __typename: 'PromptTemplateVersion',
      version: 2,
      body: '{subject} at {time}',
      variables: [
        {
          __typename: 'TemplateVariable',
          name: 'subject',
          type: 'TEXT',
          options: null,
          default: 'a lighthouse',
          min: null,
          max: null,
          integer: false,
        },
        {
          __typename: 'TemplateVariable',
          name: 'time',
          type: 'CHOICE',
          options: ['dawn', 'dusk'],
          default: 'dusk',
          min: null,
          max: null,
          integer: false,
        },
      ],
    },
  ],
};

function renderForm(prefill: GeneratePrefill, fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    CollectionSelect_Collections: () => ({
      collections: { __typename: 'QueryCollectionsConnection', edges: [] },
    }),
    PresetPicker_Presets: () => ({
      stylePresets: {
        __typename: 'QueryStylePresetsConnection',
        edges: [{ __typename: 'QueryStylePresetsConnectionEdge', node: watercolour }],
      },
    }),
    TemplateFields_Template: () => ({ template: coast }),
    GenerateForm_Providers: () => providersResult(local),
    ...fixtures,
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <GenerateForm variant="dialog" prefill={prefill} />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
  return test;
}

const submitButton = () => screen.getByRole('button', { name: /^Generate \d/ });

function capturing() {
  const inputs: Record<string, unknown>[] = [];
  const fixture: Fixture = (variables) => {
    inputs.push(variables.input as Record<string, unknown>);
    return { generateImages: jobFixture('job-1', 'QUEUED') };
  };
  return { inputs, fixture };
}

beforeEach(() => window.localStorage.clear());

describe('opening Generate prefilled', () => {
  it('fills the prompt, negative prompt and parameters, over the remembered settings', async () => {
    window.localStorage.setItem(
      'atelier.generate.settings',
      JSON.stringify({ width: '1024', height: '1024' }),
    );
    renderForm({
      prompt: 'a red fox',
      negativePrompt: 'snow',
      settings: { provider: 'local', width: '512', height: '768', steps: '12', seed: '42' },
    });
    expect((await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' })).value).toBe(
      'a red fox',
    );
    const width = await screen.findByRole<HTMLInputElement>('spinbutton', { name: 'Width' });
    expect(width.value).toBe('512');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Height' }).value).toBe('768');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Steps' }).value).toBe('12');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Seed' }).value).toBe('42');
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Negative prompt' }).value).toBe('snow');
  });

  it('selects a preset, fills its settings, and sends its id so the server wraps the prompt', async () => {
    const user = userEvent.setup();
    const { inputs, fixture } = capturing();
    renderForm(
      { ...presetPrefill(watercolour.settings as never), presetId: 'preset-1' },
      { GenerateForm_GenerateImages: fixture },
    );
    const picker = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Style preset' });
    await waitFor(() => expect(picker.value).toBe('preset-1'));
    expect(await screen.findByText('Prompt becomes: a painting of …')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a fox');
    await user.click(submitButton());
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({
      prompt: 'a fox',
      presetId: 'preset-1',
      width: 768,
      height: 512,
      steps: 30,
      quality: 'HIGH',
      negativePrompt: 'text',
    });
  });

  it('picking a preset in the form fills the fields it sets', async () => {
    const user = userEvent.setup();
    renderForm({});
    const picker = await screen.findByRole('combobox', { name: 'Style preset' });
    await screen.findByRole('option', { name: 'Watercolour (starter)' });
    await user.selectOptions(picker, 'preset-1');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Width' }).value).toBe('768');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Steps' }).value).toBe('30');
  });

  it('shows a template’s variable fields, writes the prompt from them, and sends the values', async () => {
    const user = userEvent.setup();
    const { inputs, fixture } = capturing();
    renderForm(
      { template: { id: 'template-1', version: null, values: {} } },
      { GenerateForm_GenerateImages: fixture },
    );
    const prompt = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Prompt' });
    await waitFor(() => expect(prompt.value).toBe('a lighthouse at dusk'));
    expect(prompt.readOnly).toBe(true);
    await user.selectOptions(screen.getByRole('combobox', { name: 'time' }), 'dawn');
    await user.type(screen.getByRole('textbox', { name: 'subject' }), 'a harbour');
    expect(prompt.value).toBe('a harbour at dawn');
    await user.click(submitButton());
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toMatchObject({
      prompt: 'a harbour at dawn',
      template: {
        id: 'template-1',
        values: [
          { name: 'time', value: 'dawn' },
          { name: 'subject', value: 'a harbour' },
        ],
      },
    });
  });

  it('turns template state into the API input, dropping blank values', () => {
    expect(templateInput({ id: 't', version: 3, values: { a: 'x', b: '' } })).toEqual({
      id: 't',
      version: 3,
      values: [{ name: 'a', value: 'x' }],
    });
  });
});
