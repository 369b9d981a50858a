// The base first: tokens and resets, then the design system's controls; feature styles come after.
import './styles/global.css';
import './components/ui/controls.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ClientProvider, type ClientFactory } from './components/auth/client-provider';
import { ToastProvider } from './components/ui/toast';
import { createUrqlClient } from './lib/urql';
import { applyTheme, initialTheme } from './lib/theme';
import { createRouter } from './routes/router';

applyTheme(initialTheme());

const createClient: ClientFactory = (onAuthError) => createUrqlClient({ onAuthError });
const router = createRouter();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ToastProvider>
      <ClientProvider create={createClient}>
        <RouterProvider router={router} />
      </ClientProvider>
    </ToastProvider>
  </StrictMode>,
);
