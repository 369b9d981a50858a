import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { requestFailedMessage, sentence, type TypedErrorLike } from '../auth/form-errors';
import { Modal } from '../ui/modal';
import { TemporaryPassword } from './temporary-password';

export const UserAccess_SetRole = graphql(`
  mutation UserAccess_SetRole($input: SetUserRoleInput!) {
    setUserRole(input: $input) {
      __typename
      ... on Account {
        id
        role
      }
      ...FormErrors_Error
    }
  }
`);

export const UserAccess_SetDisabled = graphql(`
  mutation UserAccess_SetDisabled($input: SetUserDisabledInput!) {
    setUserDisabled(input: $input) {
      __typename
      ... on Account {
        id
        disabled
      }
      ...FormErrors_Error
    }
  }
`);

interface Person {
  id: string;
  displayName: string;
  role: Role;
  disabled: boolean;
}

function refusal(outcome: TypedErrorLike): string {
  const words = outcome.issues?.map((issue) => sentence(issue.message)).join(' ');
  return words || sentence(outcome.message ?? 'Refused');
}

/** An admin's say over another person's access: their role, and whether the account works at all. */
export function UserAccess({ user, isViewer }: { user: Person; isViewer: boolean }) {
  const [, setRole] = useMutation(UserAccess_SetRole);
  const [, setDisabled] = useMutation(UserAccess_SetDisabled);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const statusId = useId();

  const changeRole = async (role: Role) => {
    setError(null);
    const result = await setRole({ input: { userId: user.id, role } });
    const outcome = result.data?.setUserRole;
    if (result.error || !outcome) setError(requestFailedMessage(result.error));
    else if (outcome.__typename !== 'Account') setError(refusal(outcome));
  };

  const changeDisabled = async (disabled: boolean) => {
    setConfirming(false);
    setError(null);
    const result = await setDisabled({ input: { userId: user.id, disabled } });
    const outcome = result.data?.setUserDisabled;
    if (result.error || !outcome) setError(requestFailedMessage(result.error));
    else if (outcome.__typename !== 'Account') setError(refusal(outcome));
  };

  if (isViewer) {
    return <span className="muted">{user.role === 'ADMIN' ? 'Admin' : 'User'}</span>;
  }
  return (
    <div className="user-access">
      <select
        className="input input-small"
        aria-label={`Role of ${user.displayName}`}
        aria-describedby={error ? statusId : undefined}
        value={user.role}
        onChange={(event) => void changeRole(event.target.value as Role)}
      >
        <option value="USER">User</option>
        <option value="ADMIN">Admin</option>
      </select>
      {user.disabled ? (
        <button type="button" className="button button-small" onClick={() => void changeDisabled(false)}>
          Enable
        </button>
      ) : (
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => setConfirming(true)}
        >
          Disable
        </button>
      )}
      <TemporaryPassword user={user} />
      {user.disabled && <span className="user-disabled">Disabled</span>}
      {error && (
        <span id={statusId} className="row-status row-status-error" role="alert">
          {error}
        </span>
      )}
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Disable ${user.displayName}?`}
        role="alertdialog"
      >
        <p>
          They are signed out at once, their API tokens and connected apps stop working, and they cannot sign
          in until you enable the account again. Nothing of theirs is deleted.
        </p>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={() => void changeDisabled(true)}>
            Disable account
          </button>
        </div>
      </Modal>
    </div>
  );
}
