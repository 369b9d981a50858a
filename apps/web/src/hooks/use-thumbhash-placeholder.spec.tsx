/** @vitest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { rgbaToThumbHash } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { useThumbhashPlaceholder } from './use-thumbhash-placeholder';

function hashOfSolid(r: number, g: number, b: number): string {
  const rgba = new Uint8Array(8 * 6 * 4);
  for (let i = 0; i < 8 * 6; i++) rgba.set([r, g, b, 255], i * 4);
  return btoa(String.fromCharCode(...rgbaToThumbHash(8, 6, rgba)));
}

function Tile({ hash }: { hash: string | null }) {
  const placeholder = useThumbhashPlaceholder(hash);
  return <span data-testid="tile" data-placeholder={placeholder ?? 'none'} />;
}

const placeholderOf = () => screen.getByTestId('tile').dataset['placeholder'];
const nextIdleMoment = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('useThumbhashPlaceholder', () => {
  it('leaves the first frame to the image, then paints the placeholder', async () => {
    render(<Tile hash={hashOfSolid(10, 120, 200)} />);
    expect(placeholderOf()).toBe('none');

    await nextIdleMoment();
    expect(placeholderOf()).toMatch(/^data:image\/png;base64,/);
  });

  it('paints a placeholder seen before at once, as a remounted tile in a scrolled grid', async () => {
    const hash = hashOfSolid(200, 200, 10);
    const first = render(<Tile hash={hash} />);
    await nextIdleMoment();
    const painted = placeholderOf();
    first.unmount();

    render(<Tile hash={hash} />);
    expect(placeholderOf()).toBe(painted);
  });

  it('follows a tile that shows another image, and has none for an image without a hash', async () => {
    const { rerender } = render(<Tile hash={hashOfSolid(250, 10, 10)} />);
    await nextIdleMoment();
    const red = placeholderOf();

    rerender(<Tile hash={hashOfSolid(10, 250, 10)} />);
    await nextIdleMoment();
    expect(placeholderOf()).toMatch(/^data:image\/png;base64,/);
    expect(placeholderOf()).not.toBe(red);

    rerender(<Tile hash={null} />);
    expect(placeholderOf()).toBe('none');
  });
});
