// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

function editorImage(id: string, overrides: Record<string, unknown> = {}) {
  return {
    image: {
      __typename: 'Image',
      id,
      url: `/files/${id}.png`,
      width: 400,
      height: 200,
      prompt: `picture ${id}`,
      parent: null,
      editOperations: null,
      ...overrides,
    },
  };
}

const saved = {
  parent: { __typename: 'Image', id: 'img-original' },
  editOperations: [
    { __typename: 'RotateEdit', quarterTurns: 1 },
    {
      __typename: 'AdjustEdit',
      exposure: 0.5,
      brightness: null,
      contrast: null,
      saturation: null,
      vibrance: null,
      temperature: null,
      tint: null,
      hue: null,
      highlights: null,
      shadows: null,
      sharpen: null,
      blur: null,
      vignette: null,
      look: null,
    },
  ],
};

beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('the editor page', () => {
  it('offers to reopen a saved edit on the original, and reopens its list there', async () => {
    const { user, location } = renderApp('/images/img-saved/edit', {
      SessionRoot_Session: () => sessionFixture(),
      ImageEditorPage_Image: ({ id }) =>
        id === 'img-saved' ? editorImage('img-saved', saved) : editorImage(String(id)),
    });
    const reopen = await screen.findByRole('link', { name: 'Edit again from the original' });
    await user.click(reopen);
    expect(location()).toBe('/images/img-original/edit?reopen=img-saved');
    // The original, turned and brightened as the saved image was.
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Edit 200 × 400');
    await user.click(screen.getByRole('tab', { name: /^History/ }));
    expect(screen.getByRole('list', { name: 'Operations' }).textContent).toBe(
      '1Rotate right2Exposure +0.50 EV',
    );
  });

  it('says so when the image does not exist', async () => {
    renderApp('/images/img-gone/edit', {
      SessionRoot_Session: () => sessionFixture(),
      ImageEditorPage_Image: () => ({ image: null }),
    });
    expect(await screen.findByRole('heading', { name: 'Image not found' })).toBeTruthy();
  });
});
