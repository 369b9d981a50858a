import { lazy } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { CACHE_OWNER_KEY } from '../components/auth/client-provider';
import { routeKind, SessionRoot } from '../components/auth/session';
import { RouteErrorBoundary } from './route-error';

// The signed-in frame, the signed-out one and each page are chunks of their own: the first load
// holds only what every screen needs (React, the router, urql and graphcache, the session).
const loadAppShell = () => import('../components/layout/app-shell');
const AppShell = lazy(() => loadAppShell().then((m) => ({ default: m.AppShell })));
const loadAuthLayout = () => import('../components/layout/auth-layout');
const AuthLayout = lazy(() => loadAuthLayout().then((m) => ({ default: m.AuthLayout })));
const loadCreatePage = () => import('../pages/create');
const loadGalleryPage = () => import('../pages/gallery');
const loadSignInPage = () => import('../pages/sign-in');

/**
 * Fetches the chunks the first screen will ask for alongside the session query instead of after its
 * answer: the studio's frame (and Create or Gallery) when someone was signed in on this device,
 * else the sign-in frame and page.
 */
function preloadFirstScreen() {
  try {
    const { pathname } = window.location;
    const kind = routeKind(pathname);
    const loaders: (() => Promise<unknown>)[] = [];
    if (kind === 'app' && window.localStorage.getItem(CACHE_OWNER_KEY)) {
      loaders.push(loadAppShell);
      if (pathname === '/') loaders.push(loadCreatePage);
      if (pathname === '/gallery') loaders.push(loadGalleryPage);
    } else if (kind !== 'shared') {
      loaders.push(loadAuthLayout);
      if (kind === 'app' || pathname === '/sign-in') loaders.push(loadSignInPage);
    }
    for (const load of loaders) void load().catch(() => {});
  } catch {
    // No storage (a private window that refuses it): each chunk loads when it renders.
  }
}
preloadFirstScreen();

const CreatePage = lazy(loadCreatePage);
const GalleryPage = lazy(loadGalleryPage);
const TrashPage = lazy(() => import('../pages/trash'));
const ImageDetailPage = lazy(() => import('../pages/image-detail'));
const ImageEditorPage = lazy(() => import('../pages/image-editor'));
const SettingsPage = lazy(() => import('../pages/settings'));
const AdminPage = lazy(() => import('../pages/admin'));
const NotFoundPage = lazy(() => import('../pages/not-found'));
const SetupPage = lazy(() => import('../pages/setup'));
const SignInPage = lazy(loadSignInPage);
const SignUpPage = lazy(() => import('../pages/sign-up'));
const SharedImagePage = lazy(() => import('../pages/shared-image'));
const BatchesPage = lazy(() => import('../pages/batches'));
const JobsPage = lazy(() => import('../pages/jobs'));
const NewBatchPage = lazy(() => import('../pages/batch-new'));
const BatchPage = lazy(() => import('../pages/batch'));
const CollectionsPage = lazy(() => import('../pages/collections'));
const CollectionPage = lazy(() => import('../pages/collection'));
const PromptsPage = lazy(() => import('../pages/prompts'));
const PresetsPage = lazy(() => import('../pages/presets'));
const InsightsPage = lazy(() => import('../pages/insights'));
const OAuthConsentPage = lazy(() => import('../pages/oauth-consent'));

/**
 * SessionRoot decides who sees what: /s/:token is public, /setup only while the instance has no
 * account, /sign-in and /sign-up only signed out, everything else only signed in.
 */
export const routes: RouteObject[] = [
  {
    element: (
      <RouteErrorBoundary>
        <SessionRoot />
      </RouteErrorBoundary>
    ),
    children: [
      { path: 's/:token', element: <SharedImagePage /> },
      {
        element: <AuthLayout />,
        children: [
          { path: 'setup', element: <SetupPage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'sign-up', element: <SignUpPage /> },
          // Signed in only (an "app" path to SessionRoot): signed out, it goes to sign-in and back.
          { path: 'oauth/consent/:uid', element: <OAuthConsentPage /> },
        ],
      },
      {
        path: '/',
        element: <AppShell />,
        children: [
          { index: true, element: <CreatePage /> },
          { path: 'gallery', element: <GalleryPage /> },
          { path: 'trash', element: <TrashPage /> },
          { path: 'images/:id', element: <ImageDetailPage /> },
          // Full screen over the frame (fixed), inside it for the job watcher and dialogs.
          { path: 'images/:id/edit', element: <ImageEditorPage /> },
          { path: 'collections', element: <CollectionsPage /> },
          { path: 'collections/:id', element: <CollectionPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'batches', element: <BatchesPage /> },
          { path: 'batches/new', element: <NewBatchPage /> },
          { path: 'batches/:id', element: <BatchPage /> },
          { path: 'prompts', element: <PromptsPage /> },
          { path: 'presets', element: <PresetsPage /> },
          { path: 'insights', element: <InsightsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'admin', element: <AdminPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

/**
 * The app's routes, in react-router's declarative mode (inside a `<BrowserRouter>`): the app has no
 * loaders or actions, and the data router costs about 16 KiB gzip more on the first load.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
