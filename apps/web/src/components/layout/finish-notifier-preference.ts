/*
 * Whether a job finishing while the tab is hidden may show a browser notification: the browser's
 * permission, and the person's own choice (Settings, or the offer after a first finished job),
 * kept in this browser's localStorage under one key.
 */

/**
 * Named when it only recorded that the offer was made (its value then is a date); it now also
 * holds the person's choice, 'on' or 'off'. Any value means the offer is not made again.
 */
const NOTIFY_KEY = 'atelier.notifications.asked';

export type NotifyPermission = NotificationPermission | 'unsupported';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function stored(): string | null {
  try {
    return window.localStorage.getItem(NOTIFY_KEY);
  } catch {
    return null;
  }
}

function store(value: string): void {
  try {
    window.localStorage.setItem(NOTIFY_KEY, value);
  } catch {
    // Only means the choice (or the offer) is not remembered in this browser.
  }
}

/** True when a notification would be shown: the browser allows them and the person has not turned them off. */
export function notificationsWanted(): boolean {
  return notificationPermission() === 'granted' && stored() !== 'off';
}

/** True once per browser: the offer to notify is made after a first finished job, never on load. */
export function mayOfferNotifications(): boolean {
  return notificationPermission() === 'default' && stored() === null;
}

export function rememberOffered(): void {
  if (stored() === null) store(new Date().toISOString());
}

/** Asks the browser when it has not been asked yet; remembers 'on' once it allows notifications. */
export async function turnOnNotifications(): Promise<NotifyPermission> {
  let permission = notificationPermission();
  if (permission === 'default') {
    try {
      permission = await Notification.requestPermission();
    } catch {
      permission = notificationPermission();
    }
  }
  if (permission === 'granted') store('on');
  else rememberOffered();
  return permission;
}

export function turnOffNotifications(): void {
  store('off');
}
