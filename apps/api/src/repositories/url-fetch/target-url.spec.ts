import { describe, expect, it } from 'vitest';
import { parseTarget } from './target-url';
import { UrlFetchError } from './url-fetch-error';

function refusal(input: string): UrlFetchError {
  try {
    parseTarget(input);
  } catch (error) {
    if (error instanceof UrlFetchError) return error;
    throw error;
  }
  throw new Error(`${input} was accepted`);
}

describe('parseTarget', () => {
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://１２７.０.０.１/', '127.0.0.1'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
  ])('reads %s as the literal address %s', (input, host) => {
    expect(parseTarget(input)).toMatchObject({ host, literal: true });
  });

  it('keeps a domain name as a name to resolve', () => {
    expect(parseTarget('https://Images.Example.com/a.png?x=1')).toMatchObject({
      host: 'images.example.com',
      literal: false,
    });
  });

  it.each([
    'file:///etc/passwd',
    'data:image/png;base64,AAAA',
    'ftp://example.com/a.png',
    'gopher://example.com/',
  ])('refuses the scheme of %s', (input) => {
    const error = refusal(input);
    expect(error.reason).toBe('INVALID_URL');
    expect(error.message).toMatch(/^only http and https URLs are allowed, not \w+:$/);
  });

  it.each(['http://user:pass@example.com/', 'https://user@example.com/', 'http://:secret@example.com/'])(
    'refuses the credentials in %s',
    (input) => {
      expect(refusal(input)).toMatchObject({
        reason: 'INVALID_URL',
        message: 'URLs with a user name or password are not allowed',
      });
    },
  );

  it.each(['not a url', '', 'http://', 'http://exa mple.com/', 'http://[::1/'])(
    'refuses %j as not a URL',
    (input) => {
      expect(refusal(input)).toMatchObject({
        reason: 'INVALID_URL',
        message: expect.stringContaining('not a valid URL'),
      });
    },
  );

  it.each([0, 22, 25, 6667, 10080])('refuses the browsers’ bad port %i', (port) => {
    expect(refusal(`http://example.com:${port}/`)).toMatchObject({
      reason: 'FORBIDDEN_ADDRESS',
      message: `port ${port} is not allowed`,
    });
  });

  it.each([
    'http://example.com:80/',
    'https://example.com:443/',
    'http://example.com:8080/',
    'https://example.com:8443/',
  ])('allows the port in %s', (input) => {
    expect(() => parseTarget(input)).not.toThrow();
  });

  it('resolves a relative redirect against the current URL', () => {
    const target = parseTarget('../b.png?x', new URL('https://example.com/images/a/a.png'));
    expect(target.url.href).toBe('https://example.com/images/b.png?x');
  });
});
