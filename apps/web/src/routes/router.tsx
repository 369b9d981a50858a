import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from '../components/ui/app-shell';
import { RouteError } from './route-error';

// Each page is its own chunk; the shell paints before any of them arrives.
const CreatePage = lazy(() => import('../pages/create'));
const GalleryPage = lazy(() => import('../pages/gallery'));
const ImageDetailPage = lazy(() => import('../pages/image-detail'));
const NotFoundPage = lazy(() => import('../pages/not-found'));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <CreatePage /> },
      { path: 'gallery', element: <GalleryPage /> },
      { path: 'images/:id', element: <ImageDetailPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
