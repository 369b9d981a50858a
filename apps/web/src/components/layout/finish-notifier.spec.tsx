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

const settingsFixtures = {
  SettingsPage_Account: () => ({ viewer: ada }),
  ApiTokens_Tokens: () => ({ apiTokens: [] }),
  ConnectedApps_Apps: () => ({ connectedApps: [] }),
  Webhooks_Webhooks: () => ({ webhooks: [] }),
};
const SWITCH = 'Notify me when work finishes while Atelier is in the background';

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
  return FakeNotification;
}

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

async function startWithRunningJob(path = '/gallery') {
  const app = renderApp(path, { ...fixtures, ...settingsFixtures }, { owner: ada.id });
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

// The first render of Settings loads its lazy page; on a busy machine that alone can take seconds.
describe('the notification switch in Settings', { timeout: 15_000 }, () => {
  it('asks the browser when turned on, and then notifies of a finish in a hidden tab', async () => {
    const FakeNotification = fakeNotifications('default');
    requestPermission.mockImplementationOnce(async () => {
      FakeNotification.permission = 'granted';
      return 'granted';
    });
    const app = await startWithRunningJob('/settings');
    const toggle = await screen.findByRole<HTMLInputElement>('switch', { name: SWITCH }, { timeout: 5000 });
    expect(toggle.checked).toBe(false);

    await app.user.click(toggle);
    expect(requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(toggle.checked).toBe(true));
    expect(window.localStorage.getItem('atelier.notifications.asked')).toBe('on');

    setVisibility('hidden');
    act(() => app.clients[0]!.emit('JobWatcher_JobUpdated', { jobUpdated: done }));
    await waitFor(() =>
      expect(shown).toEqual([{ title: expect.stringMatching(/ready$/), body: 'a lighthouse at dusk' }]),
    );
  });

  it('shows none once turned off, though the browser allows them (the tab title still counts)', async () => {
    fakeNotifications('granted');
    const app = await startWithRunningJob('/settings');
    const toggle = await screen.findByRole<HTMLInputElement>('switch', { name: SWITCH }, { timeout: 5000 });
    expect(toggle.checked).toBe(true);

    await app.user.click(toggle);
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(requestPermission).not.toHaveBeenCalled();

    setVisibility('hidden');
    act(() => app.clients[0]!.emit('JobWatcher_JobUpdated', { jobUpdated: done }));
    await waitFor(() => expect(document.title).toBe('(1) Atelier'));
    expect(shown).toEqual([]);
  });

  it('is disabled, saying how to allow them, when the browser has blocked notifications', async () => {
    fakeNotifications('denied');
    renderApp('/settings', { ...fixtures, ...settingsFixtures }, { owner: ada.id });
    const toggle = await screen.findByRole<HTMLInputElement>('switch', { name: SWITCH }, { timeout: 5000 });
    expect(toggle.disabled).toBe(true);
    expect(toggle.checked).toBe(false);
    const hint = document.getElementById(toggle.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/browser blocks notifications from Atelier/);
    expect(hint?.textContent).toMatch(/set Notifications to Allow/);
  });
});
