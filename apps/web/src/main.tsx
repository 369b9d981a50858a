// The base first: tokens and resets, then the design system's controls; feature styles come after.
import './styles/global.css';
import './components/ui/controls.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ClientProvider, type ClientFactory } from './components/auth/client-provider';
import { ToastProvider } from './components/ui/toast';
import { createUrqlClient } from './lib/urql';
import { replayRefusals } from './lib/offline/replay-refusals';
import { registerServiceWorker } from './lib/offline/service-worker';
import { applyTheme, initialTheme } from './lib/theme';
import { AppRoutes } from './routes/router';

applyTheme(initialTheme());

const createClient: ClientFactory = (onAuthError) =>
  createUrqlClient({ onAuthError, onReplayRefused: replayRefusals.emit });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ToastProvider>
      <ClientProvider create={createClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </ClientProvider>
    </ToastProvider>
  </StrictMode>,
);

registerServiceWorker();
