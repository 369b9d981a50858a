// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import { MemoryRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditOperation } from '@atelier/image-edits';
import type { OutpaintLimits } from '../../../lib/provider-capabilities';
import {
  fluxFixture,
  ideogramFixture,
  imageFixture,
  jobFixture,
  providerFixture,
  providersResult,
} from '../../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../../lib/testing/urql';
import { JobSessionProvider } from '../../job/job-session';
import { ToastProvider } from '../../ui/toast';
import { EditorContext, type EditorApi, type EditorOverlay, type ViewTransform } from '../editor-context';
import { GenerativePanel } from './index';
import { decodeGreyPng, paintedBox } from './mask-testing';

/** A portrait picture shown at half size, its corner at (20, 30) on screen. */
const SIZE = { width: 768, height: 1344 };
const view: ViewTransform = {
  scale: 0.5,
  imageToScreen: ({ x, y }) => ({ x: 20 + x * 0.5, y: 30 + y * 0.5 }),
  screenToImage: ({ x, y }) => ({ x: (x - 20) / 0.5, y: (y - 30) / 0.5 }),
};

const expandAnything: OutpaintLimits = {
  maxMargin: null,
  maxSide: 4096,
  prompt: false,
  squareSourceOnly: false,
  centredOnly: false,
  resolutions: [],
  shapeTolerance: 0,
  note: 'Fills the new area procedurally.',
};
const reframe: OutpaintLimits = {
  maxMargin: null,
  maxSide: 2048,
  prompt: false,
  squareSourceOnly: true,
  centredOnly: true,
  resolutions: ['1024x1024', '1344x768', '768x1344'],
  shapeTolerance: 0.05,
  note: 'Reframe keeps the picture centred.',
};
const fluxExpand: OutpaintLimits = {
  ...expandAnything,
  maxMargin: 2048,
  prompt: true,
  note: 'Flux Fill expand.',
};

function providers() {
  const local = providerFixture({}, { capabilities: { outpaint: expandAnything } });
  const flux = fluxFixture();
  flux.capabilities = { ...flux.capabilities, outpaint: fluxExpand };
  const ideogram = ideogramFixture();
  ideogram.capabilities = { ...ideogram.capabilities, outpaint: reframe };
  return [local, flux, ideogram];
}

function Harness({ api }: { api: Omit<EditorApi, 'setOverlay'> }) {
  const [overlay, setOverlay] = useState<EditorOverlay | null>(null);
  const value = useMemo(() => ({ ...api, setOverlay }), [api]);
  return (
    <EditorContext.Provider value={value}>
      <div data-testid="overlay-box" data-interactive={overlay?.interactive}>
        {overlay?.node}
      </div>
      <GenerativePanel />
    </EditorContext.Provider>
  );
}

function renderPanel(
  imageId: string,
  fixtures: Record<string, Fixture>,
  operations: EditOperation[] = [],
  size = SIZE,
) {
  const user = userEvent.setup();
  const test = createTestClient({
    GenerateForm_Providers: () => providersResult(...providers()),
    ...fixtures,
  });
  const api: Omit<EditorApi, 'setOverlay'> = {
    image: {
      id: imageId,
      url: `/files/${imageId}.png`,
      width: size.width,
      height: size.height,
      prompt: 'a lighthouse',
    },
    operations,
    size,
    view,
    apply: vi.fn(),
    exportPicture: vi.fn(),
    dirty: operations.length > 0,
    fitArea: vi.fn(),
    setHistoryTarget: vi.fn(),
  };
  render(
    <UrqlProvider value={test.client}>
      <ToastProvider>
        <JobSessionProvider>
          <MemoryRouter>
            <Harness api={api} />
          </MemoryRouter>
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>,
  );
  return { user, test, api };
}

const screenOf = (x: number, y: number) => {
  const at = view.imageToScreen({ x, y });
  return { clientX: at.x, clientY: at.y };
};

beforeEach(() => {
  window.localStorage.clear();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('Inpaint', () => {
  it('sends a mask of the portrait picture’s exact size, with a round dot where it was painted', async () => {
    const inputs: Record<string, unknown>[] = [];
    const { user, test, api } = renderPanel('img-inpaint', {
      Generative_EditImage: (vars) => {
        inputs.push(vars.input as Record<string, unknown>);
        return { editImage: jobFixture('job-edit', 'QUEUED', { kind: 'EDIT' }) };
      },
    });
    const form = await screen.findByRole('form', { name: 'Inpaint' });
    const run = within(form).getByRole('button', { name: /^Inpaint · / });
    await user.click(run);
    expect(within(form).getByRole('alert').textContent).toBe(
      'Paint over the part of the picture to change first.',
    );

    // The brush: 100 px in picture pixels, hard.
    const size = within(form).getByRole('slider', { name: 'Brush size' });
    fireEvent.change(size, { target: { value: '100' } });
    fireEvent.change(within(form).getByRole('slider', { name: 'Hardness' }), { target: { value: '100' } });
    const overlay = within(screen.getByTestId('overlay-box')).getByRole('img', { name: /^Mask/ });
    expect(screen.getByTestId('overlay-box').dataset.interactive).toBe('true');
    fireEvent.pointerDown(overlay, { button: 0, pointerId: 1, pointerType: 'mouse', ...screenOf(400, 1000) });
    fireEvent.pointerUp(overlay, { pointerId: 1, pointerType: 'mouse' });
    expect(overlay.getAttribute('aria-label')).toMatch(/^Mask: 1 stroke/);
    // Ctrl/⌘+Z goes to the mask while painting: the editor calls the target it was given.
    const target = vi.mocked(api.setHistoryTarget).mock.lastCall![0]!;
    act(() => target.undo());
    expect(overlay.getAttribute('aria-label')).toMatch(/^Mask: 0 strokes/);
    act(() => target.redo());
    expect(overlay.getAttribute('aria-label')).toMatch(/^Mask: 1 stroke/);

    await user.type(within(form).getByRole('textbox', { name: 'Prompt' }), 'a red sailboat');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Provider' }), 'flux');
    await user.click(run);
    await waitFor(() => expect(inputs).toHaveLength(1));
    const { mask, ...rest } = inputs[0]!;
    expect(rest).toEqual({
      imageId: 'img-inpaint',
      prompt: 'a red sailboat',
      count: 1,
      provider: 'flux',
      model: 'flux-kontext-pro',
    });
    const png = decodeGreyPng(new Uint8Array(await (mask as File).arrayBuffer()));
    expect([png.width, png.height]).toEqual([768, 1344]);
    const painted = paintedBox(png.pixels, png.width);
    expect(painted).toEqual({ width: 100, height: 100, cx: 400, cy: 1000 });
    // No edits were waiting: nothing was saved first.
    expect(test.requests).not.toContain('ImageEditor_ApplyImageEdits');

    // The job is followed to its result, with a way to open it.
    expect(await within(form).findByRole('article', { name: 'Job: job job-edit' })).toBeTruthy();
    await waitFor(() => expect(test.requests).toContain('JobWatcher_JobUpdated'));
    act(() =>
      test.emit('JobWatcher_JobUpdated', {
        jobUpdated: jobFixture('job-edit', 'SUCCEEDED', { kind: 'EDIT', images: [imageFixture(7)] }),
      }),
    );
    const open = await within(form).findByRole('link', { name: 'Open the new image' });
    expect(open.getAttribute('href')).toBe('/images/img-7');
    expect(within(form).getByRole('link', { name: 'Edit it' }).getAttribute('href')).toBe(
      '/images/img-7/edit',
    );
  });
});

describe('Expand canvas', () => {
  it('offers the providers that can, shows the new area over the picture, and sends the margins', async () => {
    const inputs: unknown[] = [];
    const { user, api } = renderPanel('img-outpaint', {
      Generative_OutpaintImage: (vars) => {
        inputs.push(vars.input);
        return { outpaintImage: jobFixture('job-out', 'QUEUED', { kind: 'OUTPAINT' }) };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Expand' }));
    const form = await screen.findByRole('form', { name: 'Expand canvas' });
    const provider = within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Provider' });
    expect(
      within(provider)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['local', 'flux', 'ideogram']);
    expect(provider.value).toBe('local');
    expect(screen.getByTestId('overlay-box').dataset.interactive).toBe('false');

    await user.click(within(form).getByRole('button', { name: '+25 % each side' }));
    const margin = (side: string) =>
      within(form).getByRole<HTMLInputElement>('spinbutton', { name: `${side} (px)` });
    expect(['Top', 'Right', 'Bottom', 'Left'].map((side) => margin(side).value)).toEqual([
      '336',
      '192',
      '336',
      '192',
    ]);
    expect(form.textContent).toContain('New size: 1152 × 2016 px');
    // The view zooms out to the picture and its new margins.
    expect(api.fitArea).toHaveBeenLastCalledWith({ x: -192, y: -336, width: 1152, height: 2016 });
    // The new area, drawn around the picture in its own pixels.
    const strip = (side: string) =>
      screen.getByTestId('outpaint-preview').querySelector<HTMLElement>(`[data-side="${side}"]`)!.style;
    expect([strip('top').top, strip('top').height, strip('top').width]).toEqual(['-25%', '25%', '150%']);
    expect([strip('left').left, strip('left').width, strip('right').left]).toEqual(['-25%', '25%', '100%']);

    await user.click(within(form).getByRole('button', { name: 'To 16:9' }));
    expect(['Top', 'Right', 'Bottom', 'Left'].map((side) => margin(side).value)).toEqual([
      '0',
      '811',
      '0',
      '810',
    ]);
    expect(screen.getByTestId('outpaint-preview').querySelector('[data-side="top"]')).toBeNull();

    // Ideogram's reframe takes square pictures only: it says so before anything is sent.
    await user.selectOptions(provider, 'ideogram');
    expect(within(form).getByText(/expands square pictures only/)).toBeTruthy();

    await user.selectOptions(provider, 'flux');
    await user.clear(margin('Top'));
    await user.type(margin('Top'), '3000');
    expect(within(form).getByText('top must be at most 2048 pixels for Flux (got 3000)')).toBeTruthy();
    await user.clear(margin('Top'));
    await user.type(margin('Top'), '64');
    await user.type(within(form).getByRole('textbox', { name: 'Prompt' }), 'more sea');
    await user.click(within(form).getByRole('button', { name: /^Expand to 2389 × 1408 · Flux/ }));
    await waitFor(() =>
      expect(inputs).toEqual([
        {
          imageId: 'img-outpaint',
          top: 64,
          right: 811,
          bottom: 0,
          left: 810,
          prompt: 'more sea',
          provider: 'flux',
        },
      ]),
    );
  });
});

describe('Generate from here', () => {
  const crop: EditOperation = { type: 'crop', x: 0, y: 0, width: 768, height: 1024 };

  it('saves unsaved edits as a new image first, waits for it, then sends the variation for that image', async () => {
    const saved: unknown[] = [];
    const varied: unknown[] = [];
    const { user, test } = renderPanel(
      'img-dirty',
      {
        ImageEditor_ApplyImageEdits: (vars) => {
          saved.push(vars.input);
          return { applyImageEdits: jobFixture('job-save', 'QUEUED', { kind: 'ADJUST' }) };
        },
        VariationsForm_CreateVariations: (vars) => {
          varied.push(vars.input);
          return { createVariations: jobFixture('job-vary', 'QUEUED', { kind: 'VARIATION' }) };
        },
      },
      [crop],
      { width: 768, height: 1024 },
    );
    await user.click(await screen.findByRole('button', { name: 'Variations' }));
    const form = await screen.findByRole('form', { name: 'Variations' });
    expect(form.textContent).toContain(
      'Your 1 unsaved edit is saved as a new image first; the job runs on that image.',
    );
    await user.type(within(form).getByRole('textbox', { name: 'Prompt' }), 'at night');
    await user.click(within(form).getByRole('button', { name: /^Make variations · 2 images/ }));

    await waitFor(() =>
      expect(saved).toEqual([
        { imageId: 'img-dirty', operations: [{ crop: { x: 0, y: 0, width: 768, height: 1024 } }] },
      ]),
    );
    expect((await within(form).findByRole('status')).textContent).toContain(
      'Saving your edits as a new image first',
    );
    await waitFor(() => expect(test.requests).toContain('JobWatcher_JobUpdated'));
    expect(varied).toEqual([]);
    act(() =>
      test.emit('JobWatcher_JobUpdated', {
        jobUpdated: jobFixture('job-save', 'SUCCEEDED', { kind: 'ADJUST', images: [imageFixture(9)] }),
      }),
    );
    await waitFor(() => expect(varied).toHaveLength(1));
    expect(varied[0]).toMatchObject({ imageId: 'img-9', prompt: 'at night', strength: 'SUBTLE', count: 2 });
    expect(
      (await within(form).findByRole('link', { name: 'Keep editing from it' })).getAttribute('href'),
    ).toBe('/images/img-9/edit');
  });

  it('says the edits could not be saved, and sends nothing else, when the save fails', async () => {
    const { user, test } = renderPanel(
      'img-dirty-2',
      {
        ImageEditor_ApplyImageEdits: () => ({
          applyImageEdits: jobFixture('job-save-2', 'QUEUED', { kind: 'ADJUST' }),
        }),
      },
      [crop],
      { width: 768, height: 1024 },
    );
    await user.click(await screen.findByRole('button', { name: 'Restyle' }));
    const form = await screen.findByRole('form', { name: 'Restyle' });
    await user.type(within(form).getByRole('textbox', { name: 'Style' }), 'watercolor');
    await user.click(within(form).getByRole('button', { name: /^Restyle · / }));
    await waitFor(() => expect(test.requests).toContain('JobWatcher_JobUpdated'));
    act(() =>
      test.emit('JobWatcher_JobUpdated', {
        jobUpdated: jobFixture('job-save-2', 'FAILED', {
          kind: 'ADJUST',
          error: {
            __typename: 'JobError',
            code: 'INVALID_INPUT',
            message: 'the crop is outside the picture',
            details: null,
            retryable: false,
          },
        }),
      }),
    );
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe(
      'Your edits could not be saved as a new image, so nothing was sent: the crop is outside the picture',
    );
    expect(test.requests).not.toContain('RestyleForm_RestyleImage');
  });
});
