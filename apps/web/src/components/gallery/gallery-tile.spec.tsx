// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { GalleryTile_ImageFragment } from '../../gql/graphql';
import { imageFixture } from '../../lib/testing/fixtures';
import { GalleryTile } from './gallery-tile';

const image = imageFixture(4, { width: 768, height: 1344 }) as unknown as GalleryTile_ImageFragment;

function Location() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

function renderTile() {
  render(
    <MemoryRouter initialEntries={['/gallery']}>
      <Routes>
        <Route
          path="*"
          element={
            <>
              <GalleryTile
                image={image}
                href="/images/img-4"
                size={200}
                index={0}
                focusable
                onFocusIndex={() => {}}
              />
              <Location />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  return screen.getByRole('link', { name: image.prompt });
}

describe('a gallery tile', () => {
  it('opens the editor on `e`', () => {
    const tile = renderTile();
    tile.focus();
    fireEvent.keyDown(tile, { key: 'e' });
    expect(screen.getByTestId('location').textContent).toBe('/images/img-4/edit');
  });

  it('leaves `e` with a modifier to the browser', () => {
    const tile = renderTile();
    fireEvent.keyDown(tile, { key: 'e', ctrlKey: true });
    fireEvent.keyDown(tile, { key: 'E', shiftKey: true });
    expect(screen.getByTestId('location').textContent).toBe('/gallery');
  });
});
