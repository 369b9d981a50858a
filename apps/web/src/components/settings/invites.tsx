import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { formatDateTime } from '../../lib/time';
import { requestFailedMessage, sentence } from '../auth/form-errors';
import { CopyField } from '../ui/copy-field';
import { SelectField } from '../ui/select-field';

export const Invites_List = graphql(`
  query Invites_List {
    invites {
      id
      role
      createdAt
      expiresAt
    }
  }
`);

export const Invites_Create = graphql(`
  mutation Invites_Create($input: CreateInviteInput!) {
    createInvite(input: $input) {
      __typename
      ... on CreatedInvite {
        token
        invite {
          id
          role
          createdAt
          expiresAt
        }
      }
      ...FormErrors_Error
    }
  }
`);

export const Invites_Revoke = graphql(`
  mutation Invites_Revoke($id: ID!) {
    revokeInvite(id: $id) {
      __typename
      ... on Invite {
        id
      }
      ...FormErrors_Error
    }
  }
`);

const roles = [
  { value: 'USER', label: 'User' },
  { value: 'ADMIN', label: 'Admin' },
] as const;
const expiries = [
  { value: '1', label: '1 day' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
] as const;

/** The sign-up link an invite's secret makes on this server. */
export function inviteLink(token: string): string {
  return `${window.location.origin}/sign-up?invite=${encodeURIComponent(token)}`;
}

/** One-time links that let a person sign up (also while sign-up is closed), and the open ones. */
export function Invites() {
  const [{ data }, refetch] = useQuery({ query: Invites_List, requestPolicy: 'cache-and-network' });
  const [, create] = useMutation(Invites_Create);
  const [, revoke] = useMutation(Invites_Revoke);
  const [role, setRole] = useState<Role>('USER');
  const [days, setDays] = useState<(typeof expiries)[number]['value']>('7');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setPending(true);
    const result = await create({ input: { role, expiresInDays: Number(days) } });
    setPending(false);
    const outcome = result.data?.createInvite;
    if (result.error || !outcome) setError(requestFailedMessage(result.error));
    else if (outcome.__typename === 'CreatedInvite') {
      setLink(inviteLink(outcome.token));
      refetch({ requestPolicy: 'network-only' });
    } else setError(sentence(outcome.message));
  };

  const withdraw = async (id: string) => {
    const result = await revoke({ id });
    if (result.error || result.data?.revokeInvite?.__typename !== 'Invite') {
      setError(requestFailedMessage(result.error));
    }
    refetch({ requestPolicy: 'network-only' });
  };

  const open = data?.invites ?? [];
  return (
    <div className="invites">
      <form className="invite-form" noValidate onSubmit={(event) => void submit(event)}>
        <SelectField label="Role" value={role} options={roles} onChange={setRole} />
        <SelectField label="Expires after" value={days} options={expiries} onChange={setDays} />
        <button type="submit" className="button button-primary" aria-busy={pending || undefined}>
          Create invite link
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <CopyField
          label="Invite link"
          value={link}
          copyLabel="Copy invite link"
          hint="Shown once. It signs up one person, even while sign-up is closed."
        />
      )}
      {open.length > 0 && (
        <ul className="invite-list" aria-label="Open invites">
          {open.map((invite) => (
            <li key={invite.id} className="invite-item">
              <span>
                {invite.role === 'ADMIN' ? 'Admin' : 'User'} · expires {formatDateTime(invite.expiresAt)}
              </span>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => void withdraw(invite.id)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
