// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  accountFixture,
  jobFixture,
  jobInputFixture,
  jobsPage,
  sessionFixture,
} from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';

const ada = accountFixture();
const input = jobInputFixture({ prompt: 'a lighthouse at dusk', provider: 'local' });
const running = jobFixture('job-7', 'RUNNING', { input, seq: 2 });
const done = jobFixture('job-7', 'SUCCEEDED', { input, seq: 3 });
const fixtures = {
  SessionRoot_Session: () => sessionFixture({ viewer: ada }),
  ActiveJobs_Jobs: () => jobsPage([running]),
};

const shown: { title: string; body: string | undefined }[] = [];
const requestPermission = vi.fn(async (): Promise<NotificationPermission> => 'granted');

function fakeNotifications(permission: NotificationPermission) {
  class FakeNotification {
    static permission = permission;
    static requestPermission = requestPermission;
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
    close() {}
  }
  vi.stubGlobal('Notification', FakeNotification);
}

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

async function startWithRunningJob() {
  const app = renderApp('/gallery', fixtures, { owner: ada.id });
  await screen.findByRole('navigation', { name: 'Main' });
  await waitFor(() => expect(app.clients[0]!.requests).toContain('JobWatcher_JobUpdated'));
  return app;
}

beforeEach(() => {
  window.localStorage.clear();
  shown.length = 0;
  requestPermission.mockClear();
  document.title = 'Atelier';
});
afterEach(() => {
  setVisibility('visible');
  vi.unstubAllGlobals();
});

describe('a job finishing while the tab is hidden', () => {
  it('counts in the tab title until the person comes back, and notifies once allowed', async () => {
    fakeNotifications('granted');
    const app = await startWithRunningJob();
    setVisibility('hidden');

    act(() => app.clients[0]!.emit('JobWatcher_JobUpdated', { jobUpdated: done }));
    await waitFor(() => expect(document.title).toBe('(1) Atelier'));
    expect(shown).toEqual([{ title: expect.stringMatching(/ready$/), body: 'a lighthouse at dusk' }]);

    act(() => setVisibility('visible'));
    await waitFor(() => expect(document.title).toBe('Atelier'));
  });

  it('asks for permission from a button after the first finished job, never on load', async () => {
    fakeNotifications('default');
    const app = await startWithRunningJob();
    expect(requestPermission).not.toHaveBeenCalled();

    act(() => app.clients[0]!.emit('JobWatcher_JobUpdated', { jobUpdated: done }));
    const offer = await screen.findByText(/browser notification when a job finishes/);
    await app.user.click(within(offer.closest('[role]')!).getByRole('button', { name: 'Turn on' }));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(window.localStorage.getItem('atelier.notifications.asked')).not.toBeNull();
  });
});
