import { useClient } from 'urql';
import { SessionRoot_Session, useSession } from '../auth/session';
import { ChangePassword } from './change-password';
import './settings.css';

/**
 * An admin set this person's password: before anything else they choose their own. Once changed,
 * the session is read again and the app opens.
 */
export function PasswordChangeRequired() {
  const client = useClient();
  const { signOut } = useSession();
  return (
    <main id="main" className="page page-narrow password-required">
      <h1>Choose a new password</h1>
      <p>
        An admin gave you a temporary password. Choose your own to go on: enter the temporary one as your
        current password.
      </p>
      <ChangePassword
        onChanged={() =>
          void client.query(SessionRoot_Session, {}, { requestPolicy: 'network-only' }).toPromise()
        }
      />
      <button type="button" className="button button-ghost" onClick={() => void signOut()}>
        Sign out
      </button>
    </main>
  );
}
