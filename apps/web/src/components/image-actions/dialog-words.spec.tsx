// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import {
  fluxFixture,
  ideogramFixture,
  imageFixture,
  modelFixture,
  providerFixture,
  providersResult,
} from '../../lib/testing/fixtures';
import { createTestClient } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { ToastProvider } from '../ui/toast';
import { ImageActionsProvider, useImageActions } from './image-actions';
import type { ImageAction } from './operations';

const image = imageFixture(1, {
  provider: 'local',
  width: 400,
  height: 300,
}) as unknown as GalleryTile_ImageFragment;

const proceduralBlurb = 'Not an AI model: reads scene words and paints a layered vector landscape.';
/** The local provider as the server lists it: the procedural renderer plus the ESRGAN upscaler. */
const local = providerFixture(
  { description: proceduralBlurb },
  {
    description: proceduralBlurb,
    capabilities: {
      models: [
        modelFixture({ description: proceduralBlurb }),
        modelFixture({
          id: 'esrgan-slim',
          name: 'ESRGAN slim (local)',
          description: 'A learned super-resolution network.',
          operations: ['ENHANCE'],
          size: null,
          styles: [],
          steps: null,
        }),
      ],
      enhance: { scales: [2, 4], ai: true, note: 'Learned super-resolution on this machine.' },
    },
  },
);

function Opener({ action }: { action: ImageAction }) {
  const actions = useImageActions();
  return (
    <button type="button" onClick={() => actions.open(action, image)}>
      Open {action}
    </button>
  );
}

async function openDialog(action: ImageAction, title: string) {
  const user = userEvent.setup();
  const test = createTestClient({
    GenerateForm_Providers: () => providersResult(local, fluxFixture(), ideogramFixture()),
  });
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <MemoryRouter>
            <ImageActionsProvider>
              <Opener action={action} />
            </ImageActionsProvider>
          </MemoryRouter>
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
  await user.click(screen.getByRole('button', { name: `Open ${action}` }));
  return screen.findByRole('dialog', { name: title });
}

beforeEach(() => window.localStorage.clear());

describe('the words in action dialogs', () => {
  it('Enhance names the upscaler that runs here, not the procedural renderer', async () => {
    const dialog = await openDialog('ENHANCE', 'Enhance');
    const provider = await within(dialog).findByRole<HTMLSelectElement>('combobox', { name: 'Provider' });
    expect(provider.value).toBe('local');
    expect(
      within(provider).getByRole('option', { name: 'ESRGAN slim upscaler ×2/×4 on this server' }),
    ).toBeTruthy();
    expect(dialog.textContent).not.toContain('Local (procedural)');
    expect(dialog.textContent).not.toContain(proceduralBlurb);
  });

  it('gives providers short names and keeps their blurbs behind "About"', async () => {
    const dialog = await openDialog('VARIATION', 'Variations');
    const provider = await within(dialog).findByRole('combobox', { name: 'Provider' });
    expect(
      within(provider)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Local', 'Flux', 'Ideogram']);
    const about = within(dialog).getByText('About Local').closest('details')!;
    expect(about.open).toBe(false);
    expect(about.textContent).toContain(proceduralBlurb);
    expect(dialog.textContent.split(proceduralBlurb)).toHaveLength(2);
  });
});
