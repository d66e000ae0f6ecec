import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ToastProvider } from './components/Toasts';
import { startAppEvents } from './lib/events';
import { LibraryProvider } from './lib/library-context';
import './styles/tokens.css';
import './styles/base.css';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

startAppEvents();

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <ToastProvider>
        <LibraryProvider>
          <App />
        </LibraryProvider>
      </ToastProvider>
    </ErrorBoundary>
  </StrictMode>,
);
