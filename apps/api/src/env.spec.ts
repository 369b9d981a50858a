import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('reads the allowed browser origins as a list', () => {
    const env = parseEnv({ ATELIER_ALLOWED_ORIGINS: 'http://localhost:5173, https://studio.example' });
    expect(env.ATELIER_ALLOWED_ORIGINS).toEqual(['http://localhost:5173', 'https://studio.example']);
    expect(parseEnv({}).ATELIER_ALLOWED_ORIGINS).toEqual([]);
  });

  it('reads the addresses URL imports may reach in tests, and refuses a host name', () => {
    const env = parseEnv({ ATELIER_URL_FETCH_ALLOW_ADDRESSES: '127.0.0.1, ::1' });
    expect(env.ATELIER_URL_FETCH_ALLOW_ADDRESSES).toEqual(['127.0.0.1', '::1']);
    expect(parseEnv({}).ATELIER_URL_FETCH_ALLOW_ADDRESSES).toEqual([]);
    expect(() => parseEnv({ ATELIER_URL_FETCH_ALLOW_ADDRESSES: 'localhost' })).toThrow(
      /ATELIER_URL_FETCH_ALLOW_ADDRESSES/,
    );
  });

  it('reads the extra hosts provider results may come from, and refuses a URL', () => {
    const env = parseEnv({ ATELIER_RESULT_HOSTS: '127.0.0.1:9000, Images.Internal' });
    expect(env.ATELIER_RESULT_HOSTS).toEqual(['127.0.0.1:9000', 'images.internal']);
    expect(parseEnv({}).ATELIER_RESULT_HOSTS).toEqual([]);
    expect(() => parseEnv({ ATELIER_RESULT_HOSTS: 'https://cdn.example/' })).toThrow(/ATELIER_RESULT_HOSTS/);
  });

  it('leaves metrics off by default and reads their port and token', () => {
    expect(parseEnv({}).ATELIER_METRICS).toBe(false);
    const env = parseEnv({
      ATELIER_METRICS: '1',
      ATELIER_METRICS_PORT: '9464',
      ATELIER_METRICS_TOKEN: 'a-long-enough-scrape-token',
    });
    expect(env).toMatchObject({
      ATELIER_METRICS: true,
      ATELIER_METRICS_PORT: 9464,
      ATELIER_METRICS_TOKEN: 'a-long-enough-scrape-token',
    });
  });

  it('refuses metrics with neither a port of their own nor a token, and a short token', () => {
    expect(() => parseEnv({ ATELIER_METRICS: '1' })).toThrow(/ATELIER_METRICS: .*ATELIER_METRICS_PORT/);
    expect(() => parseEnv({ ATELIER_METRICS: '1', ATELIER_METRICS_TOKEN: 'short' })).toThrow(
      /ATELIER_METRICS_TOKEN/,
    );
    expect(parseEnv({ ATELIER_METRICS: '1', ATELIER_METRICS_TOKEN: 'x'.repeat(32) }).ATELIER_METRICS).toBe(
      true,
    );
  });

  it('refuses metrics on a worker-only process without a port of their own', () => {
    expect(() =>
      parseEnv({ ATELIER_ROLE: 'worker', ATELIER_METRICS: '1', ATELIER_METRICS_TOKEN: 'x'.repeat(32) }),
    ).toThrow(/ATELIER_METRICS_PORT: a worker process/);
    expect(
      parseEnv({ ATELIER_ROLE: 'worker', ATELIER_METRICS: '1', ATELIER_METRICS_PORT: '9464' })
        .ATELIER_METRICS_PORT,
    ).toBe(9464);
  });

  it('refuses to start naming every bad variable', () => {
    expect(() => parseEnv({ ATELIER_ALLOWED_ORIGINS: 'ftp://x', PORT: 'eighty' })).toThrow(
      /ATELIER_ALLOWED_ORIGINS[\s\S]*PORT|PORT[\s\S]*ATELIER_ALLOWED_ORIGINS/,
    );
  });
});
