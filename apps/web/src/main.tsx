import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { Provider as UrqlProvider } from 'urql';
import { JobSessionProvider } from './components/job/job-session';
import { ToastProvider } from './components/ui/toast';
import { createUrqlClient } from './lib/urql';
import { applyTheme, initialTheme } from './lib/theme';
import { createRouter } from './routes/router';
import './styles/global.css';

applyTheme(initialTheme());

const client = createUrqlClient();
const router = createRouter();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <UrqlProvider value={client}>
      <ToastProvider>
        <JobSessionProvider>
          <RouterProvider router={router} />
        </JobSessionProvider>
      </ToastProvider>
    </UrqlProvider>
  </StrictMode>,
);
