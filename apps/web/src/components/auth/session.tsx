import { createContext, Suspense, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate, type Location } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SessionRoot_ViewerFragment } from '../../gql/graphql';
import { ErrorState, LoadingState } from '../ui/view-state';
import { useToast } from '../ui/toast';
import { useAppClient } from './client-provider';
import './auth.css';

export const SessionRoot_Viewer = graphql(`
  fragment SessionRoot_Viewer on Account {
    id
    email
    displayName
    role
    mustChangePassword
  }
`);

export const SessionRoot_Session = graphql(`
  query SessionRoot_Session {
    instance {
      needsSetup
      signupEnabled
    }
    viewer {
      ...SessionRoot_Viewer
    }
  }
`);

export const SessionRoot_SignOut = graphql(`
  mutation SessionRoot_SignOut {
    signOut
  }
`);

export type Viewer = SessionRoot_ViewerFragment;

interface Session {
  viewer: Viewer | null;
  needsSetup: boolean;
  signupEnabled: boolean;
  /** Ends this browser session; the cache is wiped as soon as the server agrees. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs the SessionRoot route');
  return session;
}

/** The signed-in account on pages that are only reachable signed in. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer outside the signed-in app');
  return viewer;
}

export type RouteKind = 'shared' | 'setup' | 'auth' | 'app';

export function routeKind(pathname: string): RouteKind {
  if (pathname.startsWith('/s/')) return 'shared';
  if (pathname === '/setup') return 'setup';
  if (pathname === '/sign-in' || pathname === '/sign-up') return 'auth';
  return 'app';
}

/** Only paths inside this app: never another origin ("//evil.example") or a scheme. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (routeKind(new URL(next, 'http://x').pathname) !== 'app') return null;
  return next;
}

/** `/sign-in`, remembering where the person was going (when it was somewhere in the app). */
export function signInHref(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}

interface SessionData {
  needsSetup: boolean;
  signedIn: boolean;
}

/** Where a path must go instead, given the session; null when it may be shown. */
export function redirectFor(location: Location, session: SessionData): string | null {
  const kind = routeKind(location.pathname);
  if (kind === 'shared') return null;
  if (session.needsSetup) return kind === 'setup' ? null : '/setup';
  if (kind === 'setup') return session.signedIn ? '/' : '/sign-in';
  if (kind === 'auth') {
    return session.signedIn ? (safeNext(new URLSearchParams(location.search).get('next')) ?? '/') : null;
  }
  return session.signedIn ? null : signInHref(location);
}

function Loading({ label }: { label: string }) {
  return <LoadingState label={label} spinner labelHidden className="page-loading session-loading" />;
}

/**
 * The root of every route. Asks the server who is signed in (and whether the instance still needs
 * its first account), sends each page where it belongs — /setup, /sign-in with the way back, or
 * on — and keeps the cache owned by whoever is signed in: the moment the session names another
 * account (sign-in, sign-out, expiry, another tab), the cache is wiped before anything is shown.
 * Share pages (/s/…) are public and always render.
 */
export function SessionRoot({ children }: { children?: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const toast = useToast();
  const { owner, wipe, onAuthError } = useAppClient();
  const [{ data, error, stale }, refetch] = useQuery({
    query: SessionRoot_Session,
    requestPolicy: 'network-only',
  });
  const [, signOutMutation] = useMutation(SessionRoot_SignOut);

  const viewer = data?.viewer ?? null;
  const viewerId = data ? (viewer?.id ?? null) : undefined;
  // Data from the previous person's cache (or for another person) is never rendered.
  const mismatch = viewerId !== undefined && viewerId !== owner;

  useEffect(() => {
    if (mismatch && !stale) void wipe(viewerId);
  }, [mismatch, stale, viewerId, wipe]);

  useEffect(
    () =>
      onAuthError((code) => {
        if (code === 'UNAUTHENTICATED') refetch({ requestPolicy: 'network-only' });
        else {
          toast.show({
            tone: 'error',
            message: 'You are not allowed to do that. Ask an admin if you need access.',
          });
        }
      }),
    [onAuthError, refetch, toast],
  );

  const signOut = useCallback(async () => {
    const result = await signOutMutation({});
    if (result.error || !result.data?.signOut) {
      toast.show({
        tone: 'error',
        message: 'Could not sign out: the server did not answer. Check your connection and try again.',
      });
      return;
    }
    // The updater set `viewer` to null: the cache is wiped, and this goes to the sign-in page.
    void navigate('/sign-in', { replace: true });
  }, [signOutMutation, navigate, toast]);

  const session = useMemo<Session | null>(
    () =>
      data
        ? {
            viewer,
            needsSetup: data.instance.needsSetup,
            signupEnabled: data.instance.signupEnabled,
            signOut,
          }
        : null,
    [data, viewer, signOut],
  );

  const kind = routeKind(location.pathname);
  const content = children ?? (
    <Suspense fallback={<Loading label="Loading…" />}>
      <Outlet />
    </Suspense>
  );

  if (kind === 'shared' && !mismatch) {
    const fallback = { viewer: null, needsSetup: false, signupEnabled: false, signOut };
    return <SessionContext.Provider value={session ?? fallback}>{content}</SessionContext.Provider>;
  }
  if (!session) {
    if (error) {
      return (
        <div className="page">
          <ErrorState
            what="Atelier"
            error={error}
            onRetry={() => refetch({ requestPolicy: 'network-only' })}
          />
        </div>
      );
    }
    return <Loading label="Loading…" />;
  }
  if (mismatch) return <Loading label="Switching account…" />;

  const target = redirectFor(location, { needsSetup: session.needsSetup, signedIn: !!viewer });
  if (target) return <Navigate to={target} replace />;
  return <SessionContext.Provider value={session}>{content}</SessionContext.Provider>;
}
