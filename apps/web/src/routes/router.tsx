import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AuthLayout } from '../components/auth/auth-layout';
import { SessionRoot } from '../components/auth/session';
import { AppShell } from '../components/ui/app-shell';
import { RouteError } from './route-error';

// Each page is its own chunk; the shell paints before any of them arrives.
const CreatePage = lazy(() => import('../pages/create'));
const GalleryPage = lazy(() => import('../pages/gallery'));
const ImageDetailPage = lazy(() => import('../pages/image-detail'));
const SettingsPage = lazy(() => import('../pages/settings'));
const AdminPage = lazy(() => import('../pages/admin'));
const NotFoundPage = lazy(() => import('../pages/not-found'));
const SetupPage = lazy(() => import('../pages/setup'));
const SignInPage = lazy(() => import('../pages/sign-in'));
const SignUpPage = lazy(() => import('../pages/sign-up'));
const SharedImagePage = lazy(() => import('../pages/shared-image'));

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
        ],
      },
      {
        path: '/',
        element: <AppShell />,
        children: [
          { index: true, element: <CreatePage /> },
          { path: 'gallery', element: <GalleryPage /> },
          { path: 'images/:id', element: <ImageDetailPage /> },
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
