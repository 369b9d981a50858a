// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImportProgress } from './import-progress';
import { progressFetch, type UploadProgress } from './progress-fetch';

/** Just enough of XMLHttpRequest to send a body in two steps and answer. */
class FakeXhr extends EventTarget {
  static last: FakeXhr;
  upload = new EventTarget();
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  opened: [string, string] | null = null;
  headers: Record<string, string> = {};
  constructor() {
    super();
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return name === 'content-type' ? 'application/json' : null;
  }
  send() {
    for (const loaded of [400, 1000]) {
      const event = Object.assign(new Event('progress'), { lengthComputable: true, loaded, total: 1000 });
      this.upload.dispatchEvent(event);
    }
    this.status = 200;
    this.responseText = '{"data":{"ok":true}}';
    this.dispatchEvent(new Event('load'));
  }
  abort() {}
}

describe('Upload progress', () => {
  it('reports how much of the body was sent, with the headers and cookies of the request', async () => {
    const seen: UploadProgress[] = [];
    const fetch = progressFetch(
      (progress) => seen.push(progress),
      FakeXhr as unknown as typeof XMLHttpRequest,
    );
    const response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-atelier-csrf': '1' },
      body: new FormData(),
    });
    expect(seen).toEqual([
      { loaded: 400, total: 1000 },
      { loaded: 1000, total: 1000 },
    ]);
    expect(FakeXhr.last.opened).toEqual(['POST', '/graphql']);
    expect(FakeXhr.last.headers).toEqual({ 'x-atelier-csrf': '1' });
    expect(FakeXhr.last.withCredentials).toBe(true);
    expect(await response.json()).toEqual({ data: { ok: true } });
  });

  it('shows each upload with its share sent, then that the server is working on it', () => {
    render(
      <ImportProgress
        uploads={[
          { key: 1, name: 'cat.png', loaded: 400, total: 1000 },
          { key: 2, name: 'dog.png', loaded: 1000, total: 1000 },
        ]}
      />,
    );
    expect(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Uploading cat.png' }).value).toBe(
      40,
    );
    expect(screen.getByText('40%')).toBeTruthy();
    expect(screen.getByText('Processing…')).toBeTruthy();
  });
});
