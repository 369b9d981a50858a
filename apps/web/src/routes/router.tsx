import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AuthLayout } from '../components/layout/auth-layout';
import { SessionRoot } from '../components/auth/session';
import { AppShell } from '../components/layout/app-shell';
import { RouteError } from './route-error';

// Each page is its own chunk; the shell paints before any of them arrives.
const CreatePage = lazy(() => import('../pages/create'));
const GalleryPage = lazy(() => import('../pages/gallery'));
const TrashPage = lazy(() => import('../pages/trash'));
const ImageDetailPage = lazy(() => import('../pages/image-detail'));
const SettingsPage = lazy(() => import('../pages/settings'));
const AdminPage = lazy(() => import('../pages/admin'));
const NotFoundPage = lazy(() => import('../pages/not-found'));
const SetupPage = lazy(() => import('../pages/setup'));
const SignInPage = lazy(() => import('../pages/sign-in'));
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
const OAuthConsentPage = lazy(() => import('../pages/oauth-consent'));

/**
 * SessionRoot decides who sees what: /s/:token is public, /setup only while the instance has no
 * account, /sign-in and /sign-up only signed out, everything else only signed in.
 */
export const routes: RouteObject[] = [
  {
    element: <SessionRoot />,
    errorElement: <RouteError />,
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
          { path: 'collections', element: <CollectionsPage /> },
          { path: 'collections/:id', element: <CollectionPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'batches', element: <BatchesPage /> },
          { path: 'batches/new', element: <NewBatchPage /> },
          { path: 'batches/:id', element: <BatchPage /> },
          { path: 'prompts', element: <PromptsPage /> },
          { path: 'presets', element: <PresetsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'admin', element: <AdminPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
