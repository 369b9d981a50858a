import { useId } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ConnectedApps_AppFragment } from '../../gql/graphql';
import { formatDateTime, timeAgo } from '../../lib/time';
import { requestFailedMessage } from '../auth/form-errors';
import { useToast } from '../ui/toast';
import { InlineLoadError } from '../ui/view-state';
import './settings.css';

export const ConnectedApps_App = graphql(`
  fragment ConnectedApps_App on ConnectedApp {
    id
    name
    redirectHost
    scopes
    connectedAt
    lastUsedAt
  }
`);

export const ConnectedApps_Apps = graphql(`
  query ConnectedApps_Apps {
    connectedApps {
      ...ConnectedApps_App
    }
  }
`);

export const ConnectedApps_Revoke = graphql(`
  mutation ConnectedApps_Revoke($id: ID!) {
    revokeConnectedApp(id: $id) {
      __typename
      ... on ConnectedApp {
        id
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

/** What an app's name is, in words: the one it gave itself, or where it lives. */
export function appLabel(app: Pick<ConnectedApps_AppFragment, 'name' | 'redirectHost'>): string {
  return app.name ?? (app.redirectHost ? `An app at ${app.redirectHost}` : 'An unnamed app');
}

/**
 * Assistants connected through OAuth (the browser sign-in of an MCP client): what each may do,
 * when it was connected and last used, and Revoke, which ends its access at once.
 */
export function ConnectedApps() {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ConnectedApps_Apps,
    requestPolicy: 'cache-and-network',
  });
  const apps = data?.connectedApps ?? [];

  return (
    <div className="tokens">
      <p className="muted">
        Assistants you approved in the browser (Claude, ChatGPT, Cursor or another MCP client) use Atelier as
        you, with the scopes you approved. Revoke one to end its access at once.
      </p>
      {error && !data ? (
        <InlineLoadError
          what="your connected apps"
          message={requestFailedMessage(error)}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
        />
      ) : fetching && !data ? (
        <p className="muted">Loading connected apps…</p>
      ) : apps.length === 0 ? (
        <p className="muted">No connected apps. Add Atelier to an assistant with the URL below.</p>
      ) : null}
      <ul className="token-list" aria-label="Connected apps" hidden={apps.length === 0}>
        {apps.map((app) => (
          <ConnectedAppItem key={app.id} app={app} />
        ))}
      </ul>
      <p className="muted">
        Assistant URL: <code>{`${window.location.origin}/mcp`}</code>
      </p>
    </div>
  );
}

function ConnectedAppItem({ app }: { app: ConnectedApps_AppFragment }) {
  const [{ fetching }, revoke] = useMutation(ConnectedApps_Revoke);
  const toast = useToast();
  const metaId = useId();
  const label = appLabel(app);

  const onRevoke = async () => {
    const result = await revoke({ id: app.id });
    const outcome = result.data?.revokeConnectedApp;
    if (result.error || !outcome) {
      toast.show({
        tone: 'error',
        message: `Could not revoke “${label}”. ${requestFailedMessage(result.error)}`,
      });
    } else if (outcome.__typename !== 'ConnectedApp') {
      toast.show({ tone: 'error', message: `Could not revoke “${label}”: ${outcome.message}` });
    } else toast.show({ message: `“${label}” disconnected: its requests are refused from now on.` });
  };

  return (
    <li className="token-item">
      <div className="token-main">
        <span className="token-name">{label}</span>
        <span id={metaId} className="token-meta">
          {app.redirectHost && <>at {app.redirectHost} · </>}
          {app.scopes.join(', ')} · connected {formatDateTime(app.connectedAt)} ·{' '}
          {app.lastUsedAt ? (
            <span title={formatDateTime(app.lastUsedAt)}>last used {timeAgo(new Date(app.lastUsedAt))}</span>
          ) : (
            'never used'
          )}
        </span>
      </div>
      <button
        type="button"
        className="button button-small button-danger-ghost"
        aria-describedby={metaId}
        disabled={fetching}
        onClick={() => void onRevoke()}
      >
        Revoke
      </button>
    </li>
  );
}
