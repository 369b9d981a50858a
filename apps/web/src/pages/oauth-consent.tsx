import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useViewer, type Viewer } from '../components/auth/session';
import { LoadingState } from '../components/ui/view-state';
import './oauth-consent.css';

export interface ConsentDetails {
  client: { id: string; name: string | null; uri: string | null; redirectHost: string | null };
  scopes: string[];
}

const SCOPE_WORDS: Record<string, { title: string; detail: string }> = {
  read: { title: 'See your work', detail: 'Your images, collections, prompts, templates and jobs.' },
  generate: {
    title: 'Make and change images',
    detail: 'Generate, vary, edit, file and share images. This spends your provider credits.',
  },
};

const CSRF = { 'x-atelier-csrf': '1' };

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; details: ConsentDetails }
  | { kind: 'leaving'; approved: boolean };

async function answerOf(
  response: Response,
): Promise<{ message?: string; redirectTo?: string } & Partial<ConsentDetails>> {
  try {
    return (await response.json()) as { message?: string };
  } catch {
    return {};
  }
}

const FAILED = 'Atelier did not answer. Check your connection, then start again from the assistant.';

/**
 * An assistant asks to use Atelier as the signed-in person: who asks (the name it gave itself,
 * and the host it will be sent back to), what it may do, and Approve or Deny. Either answer sends
 * the browser back to the assistant.
 */
export function ConsentRequest({
  uid,
  viewer,
  navigate = (url) => window.location.assign(url),
}: {
  uid: string;
  viewer: Pick<Viewer, 'displayName' | 'email'>;
  navigate?: (url: string) => void;
}) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const base = `/oauth/consent/${encodeURIComponent(uid)}`;

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const response = await fetch(`${base}/details`, { headers: CSRF, credentials: 'same-origin' });
        const body = await answerOf(response);
        if (!live) return;
        if (response.ok && body.client) setState({ kind: 'ready', details: body as ConsentDetails });
        else setState({ kind: 'failed', message: body.message ?? FAILED });
      } catch {
        if (live) setState({ kind: 'failed', message: FAILED });
      }
    })();
    return () => {
      live = false;
    };
  }, [base]);

  const decide = async (approve: boolean) => {
    setState({ kind: 'leaving', approved: approve });
    try {
      const response = await fetch(`${base}/decision`, {
        method: 'POST',
        headers: { ...CSRF, 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ approve }),
      });
      const body = await answerOf(response);
      if (response.ok && body.redirectTo) navigate(body.redirectTo);
      else setState({ kind: 'failed', message: body.message ?? FAILED });
    } catch {
      setState({ kind: 'failed', message: FAILED });
    }
  };

  if (state.kind === 'loading') return <LoadingState label="Loading the request…" spinner />;
  if (state.kind === 'failed') {
    return (
      <>
        <h1>Could not connect the assistant</h1>
        <p className="form-error" role="alert">
          {state.message}
        </p>
      </>
    );
  }
  if (state.kind === 'leaving') {
    return (
      <LoadingState
        label={state.approved ? 'Approved. Back to the assistant…' : 'Denied. Back to the assistant…'}
        spinner
      />
    );
  }

  const { client, scopes } = state.details;
  const name = client.name ?? 'An app';
  if (scopes.length === 0) {
    return (
      <div className="consent">
        <h1>{name} asks for nothing Atelier offers</h1>
        <p className="form-error" role="alert">
          It must ask for “read” or “generate”. Tell the assistant’s makers, or use an API token instead.
        </p>
        <button type="button" className="button" onClick={() => void decide(false)}>
          Back to the assistant
        </button>
      </div>
    );
  }
  return (
    <div className="consent">
      <h1>Connect {name} to Atelier?</h1>
      <p className="auth-lead">
        Signed in as <strong>{viewer.displayName}</strong>
        {viewer.email && <> ({viewer.email})</>}.
      </p>
      {client.redirectHost && (
        <p className="consent-host">
          It will be sent back to <strong>{client.redirectHost}</strong>. Approve only if you started this
          from that assistant: the name is what the app calls itself.
        </p>
      )}
      <ul className="consent-scopes" aria-label="It asks to">
        {scopes.map((scope) => (
          <li key={scope}>
            <strong>{SCOPE_WORDS[scope]?.title ?? scope}</strong>
            <span className="muted">{SCOPE_WORDS[scope]?.detail}</span>
          </li>
        ))}
      </ul>
      <p className="muted">You can revoke it at any time in Settings → Connected apps.</p>
      <div className="consent-actions">
        <button type="button" className="button" onClick={() => void decide(false)}>
          Deny
        </button>
        <button type="button" className="button button-primary" onClick={() => void decide(true)}>
          Approve
        </button>
      </div>
    </div>
  );
}

/** `/oauth/consent/:uid`: reached only signed in (SessionRoot sends others to sign in and back). */
export default function OAuthConsentPage() {
  const { uid = '' } = useParams();
  const viewer = useViewer();
  return <ConsentRequest uid={uid} viewer={viewer} />;
}
