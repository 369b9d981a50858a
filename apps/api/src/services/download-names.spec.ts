import { describe, expect, it } from 'vitest';
import { downloadName, slugOf, UniqueNames } from './download-names';

const image = { createdAt: new Date('2026-12-06T23:59:00Z'), seed: 1590685662, mime: 'image/png' };

describe('download names', () => {
  it('reads like the prompt: lowercase, accents dropped, safe characters only', () => {
    expect(downloadName({ ...image, prompt: 'Lighthouse on a cliff' })).toBe(
      'lighthouse-on-a-cliff_2026-12-06_seed1590685662.png',
    );
    expect(slugOf('Crème brûlée / "quoted" ../../etc\\passwd')).toBe('creme-brulee-quoted-etc-passwd');
  });

  it('keeps long prompts to 60 characters, cut between words', () => {
    const slug = slugOf(
      'a very long prompt about a lighthouse standing on a windswept cliff at dawn in winter',
    );
    expect(slug).toBe('a-very-long-prompt-about-a-lighthouse-standing-on-a');
    expect(slugOf('x'.repeat(200))).toHaveLength(60);
  });

  it('falls back to "image" and leaves the seed out when there is none', () => {
    expect(downloadName({ ...image, prompt: '   ', seed: null, mime: 'image/jpeg' })).toBe(
      'image_2026-12-06.jpg',
    );
    expect(downloadName({ ...image, prompt: '日本の灯台' }, { mime: 'image/webp' })).toBe(
      'image_2026-12-06_seed1590685662.webp',
    );
  });

  it('numbers repeats', () => {
    const names = new UniqueNames();
    expect(['a.png', 'a.png', 'a.png', 'b.png'].map((name) => names.claim(name))).toEqual([
      'a.png',
      'a_2.png',
      'a_3.png',
      'b.png',
    ]);
  });
});
