import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { requestFailedMessage, sentence } from '../components/auth/form-errors';
import { useSession, useViewer } from '../components/auth/session';
import { Invites } from '../components/settings/invites';
import { UserAccess } from '../components/settings/user-access';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { useToast } from '../components/ui/toast';
import { graphql } from '../gql';
import type { AdminPage_UserFragment } from '../gql/graphql';
import { formatDateTime } from '../lib/time';
import '../components/settings/settings.css';
import './admin.css';

export const USERS_PAGE_SIZE = 50;

export const AdminPage_User = graphql(`
  fragment AdminPage_User on Account {
    id
    email
    displayName
    role
    disabled
    createdAt
    maxConcurrentJobs
    maxImagesPerDay
    usage {
      images
      imagesToday
      activeJobs
      jobs
    }
  }
`);

export const AdminPage_Users = graphql(`
  query AdminPage_Users($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AdminPage_User
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AdminPage_SetUserQuota = graphql(`
  mutation AdminPage_SetUserQuota($input: SetUserQuotaInput!) {
    setUserQuota(input: $input) {
      __typename
      ... on Account {
        ...AdminPage_User
      }
      ...FormErrors_Error
    }
  }
`);

export const AdminPage_SetSignupEnabled = graphql(`
  mutation AdminPage_SetSignupEnabled($enabled: Boolean!) {
    setSignupEnabled(enabled: $enabled)
  }
`);

/** "" → null (no limit); "12" → 12; anything else → an error message. */
export function parseLimit(text: string): { value: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 1) {
    return { error: 'Enter a whole number of 1 or more, or leave it empty for no limit.' };
  }
  return { value };
}

function SignupToggle() {
  const session = useSession();
  const [, setSignupEnabled] = useMutation(AdminPage_SetSignupEnabled);
  // Follows the click at once; the server's answer (which updates the session) replaces it.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const signupEnabled = wanted ?? session.signupEnabled;
  const toast = useToast();
  const hint = useId();

  const toggle = async (enabled: boolean) => {
    setWanted(enabled);
    const result = await setSignupEnabled({ enabled });
    setWanted(null);
    if (result.error || typeof result.data?.setSignupEnabled !== 'boolean') {
      toast.show({
        tone: 'error',
        message: `Could not change sign-up. ${requestFailedMessage(result.error)}`,
      });
    }
  };

  return (
    <div className="signup-toggle">
      <label className="check">
        <input
          type="checkbox"
          checked={signupEnabled}
          aria-describedby={hint}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <span>Allow sign-up</span>
      </label>
      <p id={hint} className="field-hint">
        {signupEnabled
          ? 'Anyone who can reach this server can create an account.'
          : 'Closed: nobody can create an account on the sign-up page; invite links still work.'}
      </p>
    </div>
  );
}

type LimitField = 'maxConcurrentJobs' | 'maxImagesPerDay';

function UserRow({ user, isViewer }: { user: AdminPage_UserFragment; isViewer: boolean }) {
  const [, setQuota] = useMutation(AdminPage_SetUserQuota);
  const [values, setValues] = useState<Record<LimitField, string>>({
    maxConcurrentJobs: user.maxConcurrentJobs?.toString() ?? '',
    maxImagesPerDay: user.maxImagesPerDay?.toString() ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<LimitField, string>>>({});
  const [status, setStatus] = useState<{ tone: 'done' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const ids = { maxConcurrentJobs: useId(), maxImagesPerDay: useId(), status: useId() };
  const formId = useId();

  const change = (field: LimitField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setStatus(null);
    if (errors[field]) setErrors(({ [field]: _removed, ...rest }) => rest);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const concurrent = parseLimit(values.maxConcurrentJobs);
    const daily = parseLimit(values.maxImagesPerDay);
    const found: Partial<Record<LimitField, string>> = {};
    if ('error' in concurrent) found.maxConcurrentJobs = concurrent.error;
    if ('error' in daily) found.maxImagesPerDay = daily.error;
    if ('error' in concurrent || 'error' in daily) {
      setErrors(found);
      setStatus({ tone: 'error', text: Object.values(found).join(' ') });
      return;
    }
    setErrors({});
    setPending(true);
    const result = await setQuota({
      input: { userId: user.id, maxConcurrentJobs: concurrent.value, maxImagesPerDay: daily.value },
    });
    setPending(false);
    const outcome = result.data?.setUserQuota;
    if (result.error || !outcome) {
      setStatus({ tone: 'error', text: requestFailedMessage(result.error) });
    } else if (outcome.__typename === 'Account') {
      setValues({
        maxConcurrentJobs: outcome.maxConcurrentJobs?.toString() ?? '',
        maxImagesPerDay: outcome.maxImagesPerDay?.toString() ?? '',
      });
      setStatus({ tone: 'done', text: 'Saved.' });
    } else if (outcome.__typename === 'InvalidInputError') {
      const fieldErrors: Partial<Record<LimitField, string>> = {};
      for (const issue of outcome.issues) {
        const field = issue.field.replace(/^input\./, '');
        if (field === 'maxConcurrentJobs' || field === 'maxImagesPerDay') {
          fieldErrors[field] = sentence(issue.message);
        }
      }
      setErrors(fieldErrors);
      const words = outcome.issues.map((issue) => sentence(issue.message)).join(' ');
      setStatus({ tone: 'error', text: words || sentence(outcome.message) });
    } else {
      setStatus({ tone: 'error', text: sentence(outcome.message) });
    }
  };

  const limitInput = (field: LimitField, label: string) => (
    <input
      id={ids[field]}
      form={formId}
      className="input input-small limit-input"
      type="number"
      inputMode="numeric"
      min={1}
      step={1}
      placeholder="No limit"
      aria-label={label}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={errors[field] ? ids.status : undefined}
      value={values[field]}
      onChange={(event) => change(field, event.target.value)}
    />
  );

  return (
    <tr>
      <th scope="row">
        <div className="user-cell">
          <span className="user-name">
            {user.displayName}
            {isViewer && <span className="muted"> (you)</span>}
          </span>
          <span className="user-email">{user.email ?? '—'}</span>
        </div>
      </th>
      <td>
        <UserAccess user={user} isViewer={isViewer} />
      </td>
      <td className="nowrap">{formatDateTime(user.createdAt)}</td>
      <td className="num">{user.usage.images}</td>
      <td className="num">{user.usage.imagesToday}</td>
      <td className="num">{user.usage.activeJobs}</td>
      <td>{limitInput('maxConcurrentJobs', 'Max concurrent jobs')}</td>
      <td>{limitInput('maxImagesPerDay', 'Max images per day')}</td>
      <td className="save-cell">
        <form id={formId} onSubmit={(event) => void save(event)} noValidate>
          <button type="submit" className="button button-small" aria-busy={pending || undefined}>
            Save
          </button>
        </form>
        <span id={ids.status} className={`row-status row-status-${status?.tone ?? 'none'}`} role="status">
          {status?.text ?? ''}
        </span>
      </td>
    </tr>
  );
}

function UsersTable() {
  const viewer = useViewer();
  const [after, setAfter] = useState<string | null>(null);
  const [result, reexecute] = useQuery({
    query: AdminPage_Users,
    variables: { first: USERS_PAGE_SIZE, after },
    requestPolicy: after ? 'cache-first' : 'cache-and-network',
  });
  const connection = result.data?.users;
  const users = useMemo(() => (connection?.edges ?? []).map((edge) => edge.node), [connection]);

  if (!connection) {
    if (result.error) {
      return (
        <ErrorState
          what="the users"
          error={result.error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      );
    }
    return <LoadingState label="Loading users…" />;
  }

  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Users, scrolls sideways">
        <table className="users-table">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role and access</th>
              <th scope="col">Joined</th>
              <th scope="col" className="num">
                Images
              </th>
              <th scope="col" className="num">
                Today
              </th>
              <th scope="col" className="num">
                Running
              </th>
              <th scope="col">Max concurrent jobs</th>
              <th scope="col">Max images per day</th>
              <th scope="col">
                <span className="visually-hidden">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} isViewer={user.id === viewer.id} />
            ))}
          </tbody>
        </table>
      </div>
      {connection.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={result.fetching}
          onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}
        >
          Load more users
        </button>
      )}
    </>
  );
}

/** Users, their usage and limits, and whether anyone may sign up. Admins only. */
export default function AdminPage() {
  const viewer = useViewer();
  if (viewer.role !== 'ADMIN') {
    return (
      <EmptyState title="Admin" level={1} className="page page-narrow">
        Only admins can open this page. Your own usage and limits are in <Link to="/settings">Settings</Link>.
      </EmptyState>
    );
  }
  return (
    <div className="page admin-page">
      <div className="page-header">
        <h1>Admin</h1>
      </div>
      <section className="settings-section" aria-labelledby="admin-signup">
        <h2 id="admin-signup" className="settings-title">
          Sign-up
        </h2>
        <SignupToggle />
      </section>
      <section className="settings-section" aria-labelledby="admin-invites">
        <h2 id="admin-invites" className="settings-title">
          Invites
        </h2>
        <Invites />
      </section>
      <section className="settings-section" aria-labelledby="admin-users">
        <h2 id="admin-users" className="settings-title">
          Users and limits
        </h2>
        <p className="muted">
          Limits apply per account. Leave a limit empty for no limit. Daily counts reset at midnight UTC.
        </p>
        <UsersTable />
      </section>
    </div>
  );
}
