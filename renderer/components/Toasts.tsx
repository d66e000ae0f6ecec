import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../lib/errors';
import { Icon } from './Icon';

/**
 * App-wide messages. Errors go to a `role="alert"` live region and stay until dismissed (an error
 * the user did not get to read is a swallowed error); confirmations go to a polite `role="status"`
 * region and fade on their own. A toast may carry one action (e.g. Undo after Move to trash).
 */
export interface ToastAction {
  label: string;
  run(): void;
}

interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  action?: ToastAction;
}

interface ToastApi {
  error(error: unknown, context?: string): void;
  info(message: string, action?: ToastAction): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const INFO_MS = 6000;
const MAX_VISIBLE = 5;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer !== undefined) window.clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((list) => {
        // The same error twice in a row (a retried load, say) is shown once.
        if (list.some((t) => t.kind === toast.kind && t.message === toast.message)) return list;
        return [...list, { ...toast, id }].slice(-MAX_VISIBLE);
      });
      if (toast.kind === 'info') timers.current.set(id, window.setTimeout(() => dismiss(id), INFO_MS));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      error: (error, context) => {
        const message = describeError(error);
        push({ kind: 'error', message: context ? `${context}: ${message}` : message });
      },
      info: (message, action) => push(action ? { kind: 'info', message, action } : { kind: 'info', message }),
    }),
    [push],
  );

  const errors = toasts.filter((t) => t.kind === 'error');
  const infos = toasts.filter((t) => t.kind === 'info');

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label="Notifications">
        <div role="alert" aria-live="assertive" className="toasts__group">
          {errors.map((t) => (
            <ToastView key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="status" aria-live="polite" className="toasts__group">
          {infos.map((t) => (
            <ToastView key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss(id: number): void }) {
  return (
    <div className={`toast toast--${toast.kind}`}>
      <Icon name={toast.kind === 'error' ? 'alert' : 'check'} className="toast__icon" />
      <p className="toast__message">{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          className="button button--small button--ghost toast__action"
          onClick={() => {
            toast.action?.run();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="icon-button toast__close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        <Icon name="close" />
      </button>
    </div>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}
