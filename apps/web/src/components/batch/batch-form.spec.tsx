// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { fluxFixture, providerFixture, providersResult, refusalFixture } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { BatchForm } from './batch-form';

const collections = () => ({
  collections: {
    __typename: 'QueryCollectionsConnection',
    edges: [
      {
        __typename: 'QueryCollectionsConnectionEdge',
        cursor: 'c1',
        node: { __typename: 'Collection', id: 'Q29sbGVjdGlvbjox', name: 'Favourites', isSmart: false },
      },
    ],
  },
});

const templates = () => ({
  templates: {
    __typename: 'QueryTemplatesConnection',
    edges: [
      {
        __typename: 'QueryTemplatesConnectionEdge',
        cursor: 't1',
        node: { __typename: 'PromptTemplate', id: 'template-1', name: 'Animals' },
      },
    ],
  },
});

const variable = (name: string, type: string, options: string[] | null, fallback: string | null) => ({
  __typename: 'TemplateVariable',
  name,
  type,
  options,
  default: fallback,
  min: null,
  max: null,
  integer: false,
});

const template = () => ({
  template: {
    __typename: 'PromptTemplate',
    id: 'template-1',
    latest: {
      __typename: 'PromptTemplateVersion',
      version: 1,
      body: 'a {animal} in the {place}',
      variables: [
        variable('animal', 'CHOICE', ['fox', 'owl', 'cat'], null),
        variable('place', 'TEXT', null, 'forest'),
      ],
    },
  },
});

function renderForm(fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    GenerateForm_Providers: () => providersResult(providerFixture(), fluxFixture()),
    CollectionPicker_Collections: collections,
    MatrixPanel_Templates: templates,
    MatrixPanel_Template: template,
    ...fixtures,
  });
  render(
    <UrqlProvider value={test.client}>
      <MemoryRouter initialEntries={['/batches/new']}>
        <Routes>
          <Route path="/batches/new" element={<BatchForm />} />
          <Route path="/batches/:id" element={<p>Batch page</p>} />
        </Routes>
      </MemoryRouter>
    </UrqlProvider>,
  );
  return test;
}

const batchResult = {
  __typename: 'Batch',
  id: 'QmF0Y2g6MQ==',
  title: 'two',
  kind: 'PROMPTS',
  createdAt: '2026-01-02T00:00:00.000Z',
  status: 'QUEUED',
  progress: 0,
  counts: {
    __typename: 'BatchCounts',
    total: 2,
    queued: 2,
    running: 0,
    succeeded: 0,
    failed: 0,
    canceled: 0,
  },
};

describe('BatchForm', () => {
  it('reads one prompt per line, previews them and sends them with the collection chosen', async () => {
    const user = userEvent.setup();
    let sent: any = null;
    renderForm({
      BatchForm_CreateBatch: (variables) => {
        sent = variables.input;
        return { createBatch: batchResult };
      },
    });
    await user.type(screen.getByLabelText('Prompts'), 'a red fox{enter}an owl at night');
    expect(screen.getByText('2 prompts read.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Prompts read' });
    expect(within(table).getByText('an owl at night')).toBeTruthy();
    await screen.findByRole('option', { name: 'Favourites' });
    await user.selectOptions(screen.getByLabelText('Send to collection'), 'New collection…');
    await user.type(screen.getByLabelText('New collection name'), 'Night animals');
    await user.click(await screen.findByRole('button', { name: /^Run batch · 2 images/ }));
    await screen.findByText('Batch page');
    expect(sent).toMatchObject({
      prompts: [{ prompt: 'a red fox' }, { prompt: 'an owl at night' }],
      provider: 'local',
      newCollectionName: 'Night animals',
    });
  });

  it('names the refused item by its place and stays on the form', async () => {
    const user = userEvent.setup();
    renderForm({
      BatchForm_CreateBatch: () => ({
        createBatch: {
          ...refusalFixture('InvalidInputError'),
          code: 'INVALID_PROMPT',
          message: 'input.prompts.1.prompt: too long',
          issues: [{ __typename: 'FieldIssue', field: 'input.prompts.1.prompt', message: 'too long' }],
        },
      }),
    });
    await user.type(screen.getByLabelText('Prompts'), 'one{enter}two');
    await user.click(await screen.findByRole('button', { name: /^Run batch/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Prompt 2: too long');
  });

  it('shows the count of a template matrix before running: 2 × 2 = 4 images', async () => {
    const user = userEvent.setup();
    renderForm();
    // The tab list follows the arrow keys.
    await user.click(screen.getByRole('tab', { name: 'Prompt list' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Template matrix' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Template matrix' }));
    await user.selectOptions(await screen.findByLabelText('Template'), 'Animals');
    await user.click(screen.getByRole('checkbox', { name: 'fox' }));
    await user.click(screen.getByRole('checkbox', { name: 'owl' }));
    await user.type(screen.getByLabelText('Values for place'), 'forest{enter}city');
    expect(await screen.findByText('2 × 2 = 4 images')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Prompts it makes' }).textContent).toContain('a owl in the city');
    expect(screen.getByRole('button', { name: /^Run batch · 4 images/ })).toBeTruthy();
  });
});
