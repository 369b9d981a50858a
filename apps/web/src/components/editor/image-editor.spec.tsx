// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  imageFixture,
  jobFixture,
  jobsPage,
  providerFixture,
  providersResult,
} from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { JobSessionProvider } from '../job/job-session';
import { JobWatcher } from '../job/job-watcher';
import { ImageEditor } from './image-editor';

const image = { id: 'img-1', url: '/files/img-1.png', width: 400, height: 200, prompt: 'a red boat' };

function setup(fixtures: Record<string, Fixture> = {}) {
  const test = createTestClient({
    ActiveJobs_Jobs: () => jobsPage([]),
    // The job watcher's alerts name providers.
    GenerateForm_Providers: () => providersResult(providerFixture()),
    ...fixtures,
  });
  const user = userEvent.setup();
  render(
    <Provider value={test.client}>
      <MemoryRouter initialEntries={['/images/img-1/edit']}>
        <JobSessionProvider>
          <Routes>
            <Route path="/images/:id/edit" element={<ImageEditor image={image} />} />
            <Route path="/images/:id" element={<p>The image page</p>} />
          </Routes>
          <JobWatcher />
        </JobSessionProvider>
      </MemoryRouter>
    </Provider>,
  );
  return { user, test };
}

const size = () => screen.getByRole('heading', { level: 1 }).textContent;
const historyTab = () => screen.getByRole('tab', { name: /^History/ });

beforeEach(() => {
  // jsdom draws nothing: the preview reports it cannot draw, the controls still work.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  window.sessionStorage.clear();
});

describe('the image editor', () => {
  it('resets a slider to neutral on double-click', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('tab', { name: 'Adjust' }));
    const exposure = screen.getByRole('slider', { name: 'Exposure' });
    fireEvent.change(exposure, { target: { value: '1.5' } });
    expect(exposure).toHaveProperty('value', '1.5');
    expect(exposure.getAttribute('aria-valuetext')).toBe('+1.50 EV');
    fireEvent.doubleClick(exposure);
    expect(exposure).toHaveProperty('value', '0');
    expect(exposure.getAttribute('aria-valuetext')).toBe('0.00 EV');
  });

  it('makes one undo step of consecutive moves of one slider', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('tab', { name: 'Adjust' }));
    const contrast = screen.getByRole('slider', { name: 'Contrast' });
    for (const value of ['10', '20', '35']) fireEvent.change(contrast, { target: { value } });
    expect(historyTab().textContent).toBe('History (1)');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(contrast).toHaveProperty('value', '0');
    expect(historyTab().textContent).toBe('History (0)');
  });

  it('undoes and redoes with Ctrl+Z and Shift+Ctrl+Z', async () => {
    const { user } = setup();
    expect(size()).toBe('Edit 400 × 200');
    await user.click(screen.getByRole('button', { name: /Rotate right/ }));
    expect(size()).toBe('Edit 200 × 400');
    await user.keyboard('{Control>}z{/Control}');
    expect(size()).toBe('Edit 400 × 200');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(size()).toBe('Edit 200 × 400');
    await user.keyboard('{Meta>}z{/Meta}');
    expect(size()).toBe('Edit 400 × 200');
  });

  it('crops with a fixed ratio and lists the step in the history', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('radio', { name: '1:1' }));
    await user.click(screen.getByRole('button', { name: 'Apply crop' }));
    expect(size()).toBe('Edit 200 × 200');
    await user.click(historyTab());
    const list = screen.getByRole('list', { name: 'Operations' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['1Crop to 200×200']);
  });

  it('crops to a size the chosen provider accepts, then resizes to exactly it, one undo step each', async () => {
    const { user } = setup();
    const sizes = await screen.findByRole('radiogroup', { name: 'Sizes Local accepts' });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Sizes for' }).value).toBe('local');
    await user.click(within(sizes).getByRole('radio', { name: '1344 × 768' }));
    await user.click(screen.getByRole('button', { name: 'Apply crop' }));
    expect(size()).toBe('Edit 1344 × 768');
    await user.keyboard('{Control>}z{/Control}');
    // The crop alone: the 1344:768 shape, as large as the 400 × 200 picture allows.
    expect(size()).toBe('Edit 350 × 200');
    await user.keyboard('{Control>}z{/Control}');
    expect(size()).toBe('Edit 400 × 200');
  });

  it('gives Ctrl/⌘+Z to the mask while the Generative tab paints, and back to the list after', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('radio', { name: '1:1' }));
    await user.click(screen.getByRole('button', { name: 'Apply crop' }));
    expect(size()).toBe('Edit 200 × 200');
    await user.click(screen.getByRole('tab', { name: 'Generative' }));
    await screen.findByRole('form', { name: 'Inpaint' });
    await user.keyboard('{Control>}z{/Control}');
    // The crop stays: the keys went to the mask's strokes (none yet).
    expect(size()).toBe('Edit 200 × 200');
    await user.click(screen.getByRole('tab', { name: 'Transform' }));
    await user.keyboard('{Control>}z{/Control}');
    expect(size()).toBe('Edit 400 × 200');
  });

  it('applies a crop with Enter and leaves crop mode with Esc', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('radio', { name: '3:4' }));
    expect(screen.getByRole('group', { name: /^Crop frame, 150 by 200 pixels/ })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Crop frame/ })).toBeNull();
    expect(size()).toBe('Edit 400 × 200');
    await user.keyboard('c');
    await user.click(screen.getByRole('radio', { name: '1:1' }));
    screen.getByRole('group', { name: /^Crop frame/ }).focus();
    await user.keyboard('{Enter}');
    expect(size()).toBe('Edit 200 × 200');
  });

  it('shows the untouched original while \\ is held', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: /Rotate right/ }));
    fireEvent.keyDown(window, { key: '\\' });
    expect(screen.getByRole('img', { name: 'The original: a red boat' })).toBeTruthy();
    fireEvent.keyUp(window, { key: '\\' });
    expect(screen.queryByRole('img', { name: 'The original: a red boat' })).toBeNull();
  });

  it('resizes keeping the ratio', async () => {
    const { user } = setup();
    const width = screen.getByRole('spinbutton', { name: 'Width' });
    await user.clear(width);
    await user.type(width, '100');
    expect(screen.getByRole('spinbutton', { name: 'Height' })).toHaveProperty('value', '50');
    await user.click(screen.getByRole('button', { name: 'Apply resize' }));
    expect(size()).toBe('Edit 100 × 50');
  });

  it('offers Save only once something changed, and Reset as an undoable step', async () => {
    const { user } = setup();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: /Flip horizontally/ }));
    expect(save).toHaveProperty('disabled', false);
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(save).toHaveProperty('disabled', true);
    await user.keyboard('{Control>}z{/Control}');
    expect(save).toHaveProperty('disabled', false);
  });

  it('lists its shortcuts on ?', async () => {
    const { user } = setup();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Editor shortcuts' });
    expect(within(dialog).getByText('Hold to see the original')).toBeTruthy();
  });

  it('says which operation a refused save is about, beside its panel', async () => {
    const { user } = setup({
      ImageEditor_ApplyImageEdits: () => ({
        applyImageEdits: {
          __typename: 'InvalidInputError',
          code: 'INVALID_INPUT',
          message: 'Some operations are not valid',
          retryable: false,
          issues: [
            {
              __typename: 'FieldIssue',
              field: 'input.operations.0.crop.width',
              message: 'x + width must be at most 200',
            },
          ],
        },
      }),
    });
    await user.click(screen.getByRole('radio', { name: '1:1' }));
    await user.click(screen.getByRole('button', { name: 'Apply crop' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const panel = screen.getByRole('tabpanel');
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'Crop to 200×200 (step 1): width — x + width must be at most 200.',
    );
  });

  it('sends the list, follows the job and opens the new image', async () => {
    const inputs: unknown[] = [];
    const { user, test } = setup({
      ImageEditor_ApplyImageEdits: (variables) => {
        inputs.push(variables.input);
        return { applyImageEdits: jobFixture('job-edit', 'QUEUED', { kind: 'ADJUST' }) };
      },
    });
    await user.click(screen.getByRole('button', { name: /Rotate right/ }));
    await user.click(screen.getByRole('tab', { name: 'Adjust' }));
    for (const value of ['0.5', '1']) {
      fireEvent.change(screen.getByRole('slider', { name: 'Exposure' }), { target: { value } });
    }
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(inputs).toHaveLength(1));
    expect(inputs[0]).toEqual({
      imageId: 'img-1',
      operations: [{ rotate: { quarterTurns: 1 } }, { adjust: { exposure: 1 } }],
    });
    expect(await screen.findByRole('progressbar', { name: 'Saving' })).toBeTruthy();
    await waitFor(() => expect(test.requests).toContain('JobWatcher_JobUpdated'));
    act(() =>
      test.emit('JobWatcher_JobUpdated', {
        jobUpdated: jobFixture('job-edit', 'SUCCEEDED', { kind: 'ADJUST', images: [imageFixture(9)] }),
      }),
    );
    expect(await screen.findByText('The image page')).toBeTruthy();
  });
});
