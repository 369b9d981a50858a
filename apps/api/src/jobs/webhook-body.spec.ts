import { describe, expect, it } from 'vitest';
import { renderBody } from './webhook-body';
import { retryAfterMs } from './webhook-sender';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('a webhook body', () => {
  it('carries global ids and the URLs of the images that still exist, in order', () => {
    const body = renderBody(
      {
        type: 'job.succeeded',
        timestamp: '2026-12-07T19:20:00.123456+00:00',
        data: {
          jobId: 'j1',
          batchId: null,
          status: 'SUCCEEDED',
          errorCode: null,
          imageIds: ['i1', 'i2', 'i3'],
        },
      },
      {
        imageUrls: new Map([
          ['i3', 'https://a.example/files/c'],
          ['i1', 'https://a.example/files/a'],
        ]),
      },
    );
    expect(JSON.parse(body)).toEqual({
      type: 'job.succeeded',
      timestamp: '2026-12-07T19:20:00.123Z',
      data: {
        jobId: b64('Job:j1'),
        batchId: null,
        status: 'SUCCEEDED',
        errorCode: null,
        imageIds: [b64('Image:i1'), b64('Image:i2'), b64('Image:i3')],
        imageUrls: ['https://a.example/files/a', 'https://a.example/files/c'],
      },
    });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-12-07T19:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 19:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 18:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
