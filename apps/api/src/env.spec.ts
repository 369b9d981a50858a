import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('reads the allowed browser origins as a list', () => {
    const env = parseEnv({ ATELIER_ALLOWED_ORIGINS: 'http://localhost:5173, https://studio.example' });
    expect(env.ATELIER_ALLOWED_ORIGINS).toEqual(['http://localhost:5173', 'https://studio.example']);
    expect(parseEnv({}).ATELIER_ALLOWED_ORIGINS).toEqual([]);
  });

  it('refuses to start naming every bad variable', () => {
    expect(() => parseEnv({ ATELIER_ALLOWED_ORIGINS: 'ftp://x', PORT: 'eighty' })).toThrow(
      /ATELIER_ALLOWED_ORIGINS[\s\S]*PORT|PORT[\s\S]*ATELIER_ALLOWED_ORIGINS/,
    );
  });
});
