// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createShortcutMatcher, isTypingTarget } from './use-shortcuts';

describe('createShortcutMatcher', () => {
  it('maps single keys to actions', () => {
    const match = createShortcutMatcher();
    expect(match('n', 0)).toBe('generate');
    expect(match('/', 10)).toBe('focus-prompt');
    expect(match('?', 20)).toBe('help');
    expect(match('x', 30)).toBeNull();
  });

  it('reads g g and g c as sequences within a second', () => {
    const match = createShortcutMatcher(1000);
    expect(match('g', 0)).toBeNull();
    expect(match('g', 400)).toBe('go-gallery');
    expect(match('g', 1000)).toBeNull();
    expect(match('c', 1500)).toBe('go-create');
  });

  it('forgets a lone g after the timeout or another key', () => {
    const match = createShortcutMatcher(1000);
    match('g', 0);
    expect(match('c', 2500)).toBeNull();
    match('g', 3000);
    match('x', 3100);
    expect(match('g', 3200)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for text fields and false for buttons and links', () => {
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(Object.assign(document.createElement('input'), { type: 'number' }))).toBe(true);
    expect(isTypingTarget(Object.assign(document.createElement('input'), { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
    expect(isTypingTarget(document.createElement('a'))).toBe(false);
  });
});
