// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { createTestClient } from '../lib/testing/urql';
import SharedImagePage from './shared-image';

function sharedImage(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'SharedImage',
    url: '/files/orig.png?share=tok',
    width: 1024,
    height: 768,
    thumbhash: null,
    thumbnails: [
      { __typename: 'SharedThumbnail', size: 256, url: '/files/256.webp?share=tok', width: 256, height: 192 },
      { __typename: 'SharedThumbnail', size: 768, url: '/files/768.webp?share=tok', width: 768, height: 576 },
    ],
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    paramsHidden: false,
    prompt: 'a lighthouse at dusk',
    negativePrompt: 'fog',
    style: 'watercolor',
    seed: 1234,
    provider: 'local',
    model: 'procedural-v1',
    params: { steps: 30, quality: 'HIGH', width: 1024 },
    ...overrides,
  };
}

function renderShared(answer: unknown) {
  const test = createTestClient({
    SharedImagePage_SharedImage: () => ({ sharedImage: answer, sharedCollection: null }),
  });
  const router = createMemoryRouter([{ path: '/s/:token', element: <SharedImagePage /> }], {
    initialEntries: ['/s/tok'],
  });
  render(
    <UrqlProvider value={test.client}>
      <RouterProvider router={router} />
    </UrqlProvider>,
  );
}

describe('SharedImagePage', () => {
  it('shows the image (768 px first, through the link) with its prompt and parameters', async () => {
    renderShared(sharedImage());
    expect(await screen.findByRole('heading', { name: 'Shared image' })).toBeTruthy();
    const img = screen.getByRole<HTMLImageElement>('img', { name: 'a lighthouse at dusk' });
    expect(img.getAttribute('src')).toBe('/files/768.webp?share=tok');
    expect(img.getAttribute('width')).toBe('1024');
    expect(screen.getByText('a lighthouse at dusk')).toBeTruthy();
    expect(screen.getByText('1234')).toBeTruthy();
    const steps = screen.getByText('Steps').closest('div')!;
    expect(steps.querySelector('dd')!.textContent).toBe('30');
    expect(screen.getByText('Quality').closest('div')!.querySelector('dd')!.textContent).toBe('High');
    expect(screen.queryByText(/"steps"/)).toBeNull();
    expect(screen.queryByText(/hid the prompt/)).toBeNull();
  });

  it('hides the prompt and parameters when the owner chose so', async () => {
    renderShared(
      sharedImage({
        paramsHidden: true,
        prompt: null,
        negativePrompt: null,
        style: null,
        seed: null,
        provider: null,
        model: null,
        params: null,
        expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      }),
    );
    expect(await screen.findByRole('img', { name: 'Shared image' })).toBeTruthy();
    expect(screen.getByText('The owner hid the prompt and parameters.')).toBeTruthy();
    expect(screen.queryByText('Seed')).toBeNull();
    expect(screen.queryByText('Steps')).toBeNull();
    expect(screen.getByText(/This link stops working on .* \(in 3 days\)/)).toBeTruthy();
  });

  it('says the link no longer works when it is unknown, expired or revoked', async () => {
    renderShared(null);
    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
