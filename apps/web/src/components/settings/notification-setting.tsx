import { useEffect, useId, useState } from 'react';
import {
  notificationPermission,
  notificationsWanted,
  turnOffNotifications,
  turnOnNotifications,
} from '../layout/finish-notifier-preference';

function readState() {
  return { permission: notificationPermission(), on: notificationsWanted() };
}

/** The switch for browser notifications when work finishes while Atelier is in the background. */
export function NotificationSetting() {
  const hint = useId();
  const [state, setState] = useState(readState);
  const [asking, setAsking] = useState(false);

  // The person may change the browser's permission in another window: read it again on return.
  useEffect(() => {
    const reread = () => setState(readState());
    window.addEventListener('focus', reread);
    document.addEventListener('visibilitychange', reread);
    return () => {
      window.removeEventListener('focus', reread);
      document.removeEventListener('visibilitychange', reread);
    };
  }, []);

  const change = async (on: boolean) => {
    if (on) {
      setAsking(true);
      await turnOnNotifications();
      setAsking(false);
    } else {
      turnOffNotifications();
    }
    setState(readState());
  };

  const { permission } = state;
  const blocked = permission === 'denied' || permission === 'unsupported';
  return (
    <div className="notification-setting">
      <label className="check">
        <input
          type="checkbox"
          role="switch"
          checked={state.on}
          disabled={blocked || asking}
          aria-describedby={hint}
          onChange={(event) => void change(event.target.checked)}
        />
        <span>Notify me when work finishes while Atelier is in the background</span>
      </label>
      <p id={hint} className="field-hint">
        {permission === 'unsupported'
          ? 'This browser cannot show notifications.'
          : permission === 'denied'
            ? 'Your browser blocks notifications from Atelier. To allow them, click the icon at the left of the address bar, set Notifications to Allow, then come back to this page.'
            : permission === 'default'
              ? 'Turning this on asks your browser to let Atelier show notifications.'
              : 'Only in this browser. The tab title counts finished work either way.'}
      </p>
    </div>
  );
}
