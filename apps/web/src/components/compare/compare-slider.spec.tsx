// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CompareSlider, positionAfterKey } from './compare-slider';

const before = { src: '/files/parent.png', width: 768, height: 1344, alt: 'the original' };
const after = { src: '/files/child.png', width: 768, height: 1344, alt: 'the edit' };

const clipOf = (alt: string) => screen.getByAltText(alt).style.clipPath;

describe('CompareSlider', () => {
  it('moves with the arrow keys, Home and End, and says where it is', async () => {
    const user = userEvent.setup();
    render(<CompareSlider before={before} after={after} beforeLabel="Original" afterLabel="Edit" />);
    const handle = screen.getByRole('slider', { name: 'Original and edit' });
    expect(handle.getAttribute('aria-valuenow')).toBe('50');
    expect(clipOf('the original')).toBe('inset(0 50% 0 0)');

    handle.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(handle.getAttribute('aria-valuenow')).toBe('60');
    expect(handle.getAttribute('aria-valuetext')).toBe('60 % original');
    expect(clipOf('the original')).toBe('inset(0 40% 0 0)');
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(handle.getAttribute('aria-valuenow')).toBe('59');
    await user.keyboard('{End}');
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
    await user.keyboard('{ArrowRight}');
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
    await user.keyboard('{Home}');
    expect(handle.getAttribute('aria-valuenow')).toBe('0');
    expect(clipOf('the original')).toBe('inset(0 100% 0 0)');
  });

  it('shows the whole original while \\ is held, and goes back when it is let go', () => {
    render(<CompareSlider before={before} after={after} initial={0.3} />);
    const handle = screen.getByRole('slider');
    expect(handle.getAttribute('aria-valuenow')).toBe('30');
    fireEvent.keyDown(document.body, { key: '\\' });
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
    expect(clipOf('the original')).toBe('inset(0 0% 0 0)');
    fireEvent.keyUp(document.body, { key: '\\' });
    expect(handle.getAttribute('aria-valuenow')).toBe('30');
  });

  it('follows a drag across the frame', () => {
    render(<CompareSlider before={before} after={after} />);
    const handle = screen.getByRole('slider');
    const frame = handle.parentElement!;
    vi.spyOn(frame, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: 100, y: 0, width: 200, height: 350 }),
    );
    fireEvent.pointerDown(frame, { button: 0, clientX: 150, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('25');
    fireEvent.pointerMove(frame, { clientX: 260, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('80');
    fireEvent.pointerMove(frame, { clientX: 999, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
    fireEvent.pointerUp(frame, { pointerId: 1 });
    fireEvent.pointerMove(frame, { clientX: 120, pointerId: 1 });
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
  });

  it('ignores keys it has no use for', () => {
    expect(positionAfterKey(50, 'a')).toBeNull();
    expect(positionAfterKey(50, 'PageUp')).toBe(70);
    expect(positionAfterKey(10, 'PageDown')).toBe(0);
  });
});
