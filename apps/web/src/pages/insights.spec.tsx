// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insightsFixture } from '../components/insights/insights.fixture';
import {
  accountFixture,
  fluxFixture,
  providerFixture,
  providersResult,
  sessionFixture,
} from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';
import type { Fixture } from '../lib/testing/urql';

// uPlot draws on a canvas jsdom lacks; what a chart says is tested through its summary and table.
vi.mock('../components/insights/time-chart', () => ({ TimeChart: () => null }));

const ada = accountFixture({ role: 'ADMIN' });
const bob = accountFixture({ id: 'acc-2', email: 'bob@example.com', displayName: 'Bob', role: 'USER' });

function fixtures(asked: Record<string, unknown>[], viewer = ada, answer: Fixture = () => insightsFixture()) {
  return {
    SessionRoot_Session: () => sessionFixture({ viewer }),
    GenerateForm_Providers: () => providersResult(providerFixture(), fluxFixture()),
    InsightsFilters_Presets: () => ({
      stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] },
    }),
    InsightsFilters_Templates: () => ({
      templates: {
        __typename: 'QueryTemplatesConnection',
        edges: [
          {
            __typename: 'QueryTemplatesConnectionEdge',
            node: { __typename: 'PromptTemplate', id: 'tpl-1', name: 'Product shot' },
          },
        ],
      },
    }),
    InsightsFilters_Collections: () => ({
      collections: { __typename: 'QueryCollectionsConnection', edges: [] },
    }),
    InsightsPage_Insights: (variables: Record<string, unknown>) => {
      asked.push(variables);
      const insights = answer(variables);
      return insights instanceof Error ? insights : { insights };
    },
  };
}

const table = (name: string) => screen.findByRole('table', { name });
const rowText = (row: HTMLElement) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent);

// The page's lazy chunk, transformed once before the first test waits for it.
beforeAll(async () => {
  await import('./insights');
}, 60_000);

afterEach(() => vi.restoreAllMocks());

describe('Insights page', () => {
  it('reads its range and filters from the URL and writes changes back', async () => {
    const asked: Record<string, unknown>[] = [];
    const app = renderApp('/insights?range=7d&operation=GENERATE', fixtures(asked), { owner: ada.id });
    await screen.findByRole('heading', { name: 'Volume', level: 2 });
    expect(asked[0]).toMatchObject({
      range: { preset: 'LAST_7_DAYS' },
      filter: { operations: ['GENERATE'], providers: null },
      scope: 'PERSON',
    });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Range' }).value).toBe('7d');

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'flux');
    await waitFor(() => expect(app.location()).toBe('/insights?range=7d&provider=flux&operation=GENERATE'));
    await waitFor(() =>
      expect(asked.at(-1)).toMatchObject({ filter: { providers: ['flux'], operations: ['GENERATE'] } }),
    );

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Product shot');
    await waitFor(() =>
      expect(app.location()).toBe('/insights?range=7d&provider=flux&operation=GENERATE&template=tpl-1'),
    );
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ filter: { templateIds: ['tpl-1'] } }));

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Range' }), 'custom');
    await waitFor(() =>
      expect(app.location()).toBe('/insights?range=custom&provider=flux&operation=GENERATE&template=tpl-1'),
    );
    expect(screen.getByLabelText('From')).toBeTruthy();

    await app.user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(app.location()).toBe('/insights?range=custom'));
  });

  it('shows the figures in tables, with summaries and each chart as a table', async () => {
    const asked: Record<string, unknown>[] = [];
    const app = renderApp('/insights', fixtures(asked), { owner: ada.id });
    const speed = await table('Speed per provider and model');
    const flux = within(speed).getByRole('rowheader', { name: 'Flux' }).closest('tr')!;
    expect(rowText(flux)).toEqual([
      'Flux',
      'flux-pro-1.1',
      '370',
      '120 ms',
      '900 ms',
      '4.1 s',
      '9.8 s',
      '4.2 s',
      '10.4 s',
    ]);

    expect(screen.getByText('1,240 images over 30 days, most from Flux (62 %).')).toBeTruthy();
    expect(screen.getByText('$40.00 spent over 30 days, most on Flux (60 %).')).toBeTruthy();
    expect(screen.getByText('Projected this month').parentElement!.textContent).toBe(
      'Projected this month$62.25',
    );
    expect(screen.getByText('Per image').parentElement!.textContent).toBe('Per image$0.05');

    await app.user.click(screen.getByRole('button', { name: 'Show as table: Images per day by provider' }));
    const images = await table('Images per day by provider');
    const rows = within(images).getAllByRole('row').slice(1).map(rowText);
    expect(rows).toEqual([
      ['1 Mar', '600', '200', '800'],
      ['2 Mar', '168', '—', '168'],
      ['3 Mar', '—', '272', '272'],
    ]);

    const reliability = await table('Success rate per provider and model');
    expect(within(reliability).getByText('96 %')).toBeTruthy();
    const keep = await table('Keep rate');
    expect(rowText(within(keep).getAllByRole('row')[1]!)).toEqual([
      'Flux',
      'Provider',
      '768',
      '120',
      '40',
      '60',
      '33',
      '7',
      '21',
      '90',
      '31 %',
    ]);
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Keep rate by' }), 'TEMPLATE');
    expect(within(keep).getAllByRole('row')).toHaveLength(2);
    expect(
      within(await table('Compare batches')).getAllByRole('link', { name: 'Batch batch-00' }),
    ).toHaveLength(2);
  });

  it('exports a table as CSV with its raw figures', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:insights';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const app = renderApp('/insights', fixtures([]), { owner: ada.id });
    await table('Top prompts');
    await app.user.click(screen.getByRole('button', { name: 'Export CSV: Top prompts' }));
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('atelier-top-prompts.csv');
    expect((await blobs[0]!.text()).split('\r\n')).toEqual([
      'Prompt,Uses,Keep rate',
      '"a red kite, ""over"" the sea",12,0.25',
      'a lighthouse at dusk,5,0.8',
    ]);
  });

  it('offers the whole instance to admins only', async () => {
    const asked: Record<string, unknown>[] = [];
    const app = renderApp(
      '/insights',
      fixtures(asked, ada, (variables) =>
        variables.scope === 'INSTANCE'
          ? insightsFixture({
              scope: 'INSTANCE',
              costByPerson: [
                { __typename: 'InsightsPersonCost', userId: 'acc-2', name: 'Bob', costUsd: 3.5, images: 70 },
              ],
            })
          : insightsFixture(),
      ),
      { owner: ada.id },
    );
    const toggle = await screen.findByRole('button', { name: 'Instance' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await app.user.click(toggle);
    await waitFor(() => expect(app.location()).toBe('/insights?scope=instance'));
    const people = await table('Spend per person');
    expect(rowText(within(people).getAllByRole('row')[1]!)).toEqual(['Bob', '70', '$3.50', '$0.05']);
    expect(asked.at(-1)).toMatchObject({ scope: 'INSTANCE' });
  });

  it('shows no Instance toggle to others, and asks only for their own figures', async () => {
    const asked: Record<string, unknown>[] = [];
    renderApp('/insights?scope=instance', fixtures(asked, bob), { owner: bob.id });
    await table('Speed per provider and model');
    expect(screen.queryByRole('button', { name: 'Instance' })).toBeNull();
    expect(asked.every((variables) => variables.scope === 'PERSON')).toBe(true);
    expect(screen.queryByRole('table', { name: 'Spend per person' })).toBeNull();
  });

  it('says when the range has no jobs and links to Create', async () => {
    renderApp(
      '/insights?origin=API',
      fixtures([], ada, () => insightsFixture({ volume: [] })),
      { owner: ada.id },
    );
    await screen.findByRole('heading', { name: 'No jobs in this range' });
    expect(screen.getByRole('link', { name: 'Create an image' }).getAttribute('href')).toBe('/');
    expect(screen.getByText(/matches these filters/)).toBeTruthy();
  });

  it('says what failed and retries', async () => {
    let fail = true;
    const app = renderApp(
      '/insights',
      fixtures([], ada, () => {
        if (fail) return new Error('boom');
        return insightsFixture();
      }),
      { owner: ada.id },
    );
    await screen.findByRole('heading', { name: 'Could not load insights' });
    fail = false;
    await app.user.click(screen.getByRole('button', { name: 'Retry' }));
    await table('Speed per provider and model');
  });
});
