// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { imageDetailFixture, imageFixture, sessionFixture } from '../lib/testing/fixtures';
import { renderApp } from '../lib/testing/render-app';

const parent = imageFixture(1, { prompt: 'a lighthouse', width: 768, height: 1344 });
const child = imageDetailFixture(2, {
  prompt: 'a lighthouse at night',
  width: 768,
  height: 1344,
  operation: 'EDIT',
  parent,
});

function openImage(image: ReturnType<typeof imageDetailFixture>) {
  return renderApp(`/images/${image.id}`, {
    SessionRoot_Session: () => sessionFixture(),
    ImageDetailPage_Image: () => ({ image }),
    ImageCollections_Collections: () => ({ image: { __typename: 'Image', id: image.id, collections: [] } }),
    ImagePromptLibrary_Image: () => ({
      image: { __typename: 'Image', id: image.id, template: null },
      stylePresets: { __typename: 'QueryStylePresetsConnection', edges: [] },
    }),
    ImageEditorPage_Image: () => ({ image: null }),
  });
}

beforeEach(() => window.localStorage.clear());

describe('the image view', () => {
  it('opens the editor with `e`, and from its Edit button', async () => {
    const app = openImage(child);
    const panel = await screen.findByRole('complementary', { name: 'Image details' });
    const edit = within(panel).getByRole('link', { name: 'Edit' });
    expect(edit.getAttribute('href')).toBe('/images/img-2/edit');
    fireEvent.keyDown(document.body, { key: 'e' });
    await waitFor(() => expect(app.location()).toBe('/images/img-2/edit'));
  });

  it('compares an image with its parent: a slider on demand, and the parent whole while \\ is held', async () => {
    openImage(child);
    const panel = await screen.findByRole('complementary', { name: 'Image details' });
    expect(screen.queryByRole('slider')).toBeNull();

    fireEvent.keyDown(document.body, { key: '\\' });
    const held = await screen.findByRole('slider', { name: 'Before and after' });
    expect(held.getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByAltText('a lighthouse').getAttribute('src')).toBe('/files/img-1.png');
    fireEvent.keyUp(document.body, { key: '\\' });
    await waitFor(() => expect(screen.queryByRole('slider')).toBeNull());

    const compare = within(panel).getByRole('button', { name: 'Compare' });
    fireEvent.click(compare);
    expect(compare.getAttribute('aria-pressed')).toBe('true');
    const slider = screen.getByRole('slider', { name: 'Before and after' });
    expect(slider.getAttribute('aria-valuenow')).toBe('50');
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    expect(slider.getAttribute('aria-valuenow')).toBe('45');
    fireEvent.click(compare);
    expect(screen.queryByRole('slider')).toBeNull();
  });

  it('offers no comparison for an image made from nothing', async () => {
    openImage(imageDetailFixture(3));
    const panel = await screen.findByRole('complementary', { name: 'Image details' });
    expect(within(panel).queryByRole('button', { name: 'Compare' })).toBeNull();
    fireEvent.keyDown(document.body, { key: '\\' });
    expect(screen.queryByRole('slider')).toBeNull();
  });
});
