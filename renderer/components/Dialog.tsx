import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Icon } from './Icon';

/**
 * A modal dialog on the platform's own <dialog>: `showModal()` makes the rest of the page inert
 * (so screen readers and the mouse cannot leave it), puts it in the top layer and turns Esc into a
 * `cancel` event. On top of that: Tab wraps inside the dialog (in Electron there is no browser
 * chrome to tab out to, but the focus must not leave either way), the opener gets its focus back,
 * and the dialog is labelled by its heading. Using the element avoids a dependency for a primitive
 * Chromium and Electron both implement fully.
 */
export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons row at the bottom. */
  footer?: ReactNode;
  /** `alertdialog` for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog';
  size?: 'small' | 'medium' | 'large';
  /** A sentence under the heading, also the dialog's accessible description. */
  description?: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const focusablesIn = (root: HTMLElement): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0);

/** Mount it to open it; unmount it to close it. */
export function Dialog({ title, onClose, children, footer, role = 'dialog', size = 'medium', description }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // Our own close() on unmount also fires `close`; that one must not call onClose again.
  const isUnmounting = useRef(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    isUnmounting.current = false;
    if (!dialog.open) dialog.showModal();
    // First the element marked data-autofocus, else the first control; never the close button.
    const preferred = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusablesIn(dialog).find((el) => !el.classList.contains('dialog__close'));
    preferred?.focus();
    return () => {
      isUnmounting.current = true;
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Esc fires `cancel`; we keep control of closing so React state stays the source of truth.
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    // Chromium may close a dialog without `cancel` (repeated Esc without user activation); follow it.
    const onNativeClose = () => {
      if (!isUnmounting.current) onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
    };
  }, []);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusablesIn(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={trapTab}
    >
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="icon-button dialog__close" aria-label="Close" onClick={() => onCloseRef.current()}>
          <Icon name="close" />
        </button>
      </header>
      {description && (
        <p id={descriptionId} className="dialog__description">
          {description}
        </p>
      )}
      <div className="dialog__body">{children}</div>
      {footer && <footer className="dialog__footer">{footer}</footer>}
    </dialog>
  );
}

/** "Are you sure?" for destructive actions; the safe choice has the focus. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onClose,
  isBusy = false,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
  isBusy?: boolean;
}) {
  return (
    <Dialog
      title={title}
      role="alertdialog"
      size="small"
      description={description}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={onConfirm} disabled={isBusy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
