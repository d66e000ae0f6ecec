import { useEffect, useId, useRef, useState } from 'react';
import { isClipperPairRequest } from '../../../shared/api/events';
import type { ClipperClientInfo } from '../../../shared/api/methods-clip';
import { DEFAULT_CLIPPER_PORT } from '../../../shared/clipper/bookmarklet';
import { ApiError, call } from '../../api/client';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { onAppEvent } from '../../lib/events';
import { formatDateTime } from '../../lib/format';
import { primaryKeyLabel } from '../../lib/keyboard';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import './clipper.css';

/**
 * The browser clipper: the bookmarklet (to drag to the bookmarks bar, or copy) and the browsers
 * paired with this library, with Approve and Revoke. A browser that clicks the bookmarklet for the
 * first time asks to pair; its clips are refused until it is approved here.
 */
export function BrowserClipperPanel() {
  return (
    <div className="clipper">
      <Bookmarklet />
      <PairedBrowsers />
    </div>
  );
}

function Bookmarklet() {
  const id = useId();
  const { data, error, isLoading, reload } = useQuery(() => call('clipper.bookmarklet', {}), [], undefined);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const codeRef = useRef<HTMLTextAreaElement>(null);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [clickHint, setClickHint] = useState(false);
  const bookmarklet = data?.bookmarklet && data.bookmarklet.startsWith('javascript:') ? data.bookmarklet : null;

  // React refuses `javascript:` URLs in href (a guard against injected links); this one is the
  // app's own bookmarklet, checked above, so it is set on the element directly.
  useEffect(() => {
    if (bookmarklet) linkRef.current?.setAttribute('href', bookmarklet);
  }, [bookmarklet]);

  const copy = async () => {
    if (!bookmarklet) return;
    try {
      await navigator.clipboard.writeText(bookmarklet);
      setCopyState('copied');
    } catch {
      // No clipboard permission (an insecure context, a denied prompt): select the code instead.
      setCopyState('manual');
      if (detailsRef.current) detailsRef.current.open = true;
      requestAnimationFrame(() => {
        codeRef.current?.focus();
        codeRef.current?.select();
      });
    }
  };

  const isNoServer = error instanceof ApiError && error.code === 'not-found';
  const port = data?.origin ? new URL(data.origin).port : '';
  const isMovedPort = port !== '' && port !== String(DEFAULT_CLIPPER_PORT);
  return (
    <section className="clipper__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="clipper__heading">
        Clip from your web browser
      </h3>
      <p className="clipper__text">
        The bookmarklet saves the page you are reading in your browser into this library exactly as you see it, including pages behind a login. Text you select
        on the page becomes a quote.
      </p>
      <ol className="clipper__steps">
        <li>Drag the button below to your browser’s bookmarks bar (or copy it and make a bookmark with it as the address).</li>
        <li>On a page you want to keep, click the bookmark. A small Sourcebook window opens and clips the page.</li>
        <li>The first time, approve that browser below (a notification also asks you).</li>
      </ol>
      {isLoading && !data && !error && <p className="muted">Loading…</p>}
      {isNoServer && (
        <div className="banner banner--warning" role="note">
          <p>
            <strong>The browser clipper is not available in this session.</strong> It needs Sourcebook’s local server, which is not running (another copy of
            Sourcebook may be using its port). Quit the other copy and restart Sourcebook, or run <code>sourcebook serve</code>. Meanwhile, clip pages by their
            address in the URL tab.
          </p>
        </div>
      )}
      {error !== undefined && !isNoServer && (
        <p className="form__error" role="alert">
          Could not load the bookmarklet: {describeError(error)}
        </p>
      )}
      {bookmarklet && (
        <>
          <div className="clipper__bookmarklet-row">
            <a
              ref={linkRef}
              className="bookmarklet"
              draggable
              onClick={(event) => {
                event.preventDefault();
                setClickHint(true);
              }}
              title="Drag me to your bookmarks bar"
            >
              Clip to Sourcebook
            </a>
            <button type="button" className="button" onClick={() => void copy()}>
              Copy
            </button>
            <span className={`clipper__copy-status${copyState === 'manual' ? ' is-manual' : ''}`} role="status">
              {copyState === 'copied'
                ? 'Copied. Paste it as the address of a new bookmark.'
                : copyState === 'manual'
                  ? `The browser blocked copying: the code below is selected, press ${primaryKeyLabel}+C.`
                  : ''}
            </span>
          </div>
          {clickHint && (
            <p className="field__hint" role="status">
              Drag the button to your browser’s bookmarks bar; clicking it here does nothing.
            </p>
          )}
          <details ref={detailsRef} className="clipper__code">
            <summary>Show the bookmarklet’s code</summary>
            <label htmlFor={`${id}-code`} className="visually-hidden">
              Bookmarklet code
            </label>
            <textarea id={`${id}-code`} ref={codeRef} className="input textarea textarea--code" readOnly rows={4} value={bookmarklet} onFocus={(e) => e.currentTarget.select()} />
          </details>
          <p className="field__hint">
            It sends pages to <code>{data?.origin}</code>, on this computer only, and works while Sourcebook is running. It carries a secret of this library, so
            a website cannot clip itself into it; keep it to your own bookmarks.
          </p>
          {isMovedPort && (
            // A bookmarklet holds the port it was copied with; one saved for the usual port does not reach this session.
            <div className="banner banner--warning" role="note" aria-label="Clipper port">
              <p>
                This session’s clipper listens on port {port} instead of Sourcebook’s usual {DEFAULT_CLIPPER_PORT} (that port was busy when it started, or
                another was asked for). Bookmarklets saved for port {DEFAULT_CLIPPER_PORT} will not reach this library, and the one above works only while
                Sourcebook uses port {port}.
              </p>
            </div>
          )}
          <NewBookmarklet
            onMade={() => {
              setCopyState('idle');
              reload();
            }}
          />
        </>
      )}
    </section>
  );
}

/**
 * A new bookmarklet secret, for when a copy went where it should not (a shared bookmarks folder, or
 * a site it was clicked on that may have kept it). Every bookmarklet copied before stops working —
 * its window says to copy it again —, so this asks first.
 */
function NewBookmarklet({ onMade }: { onMade(): void }) {
  const id = useId();
  const toast = useToast();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  const make = async () => {
    setIsBusy(true);
    try {
      await call('clipper.rotateSecret', {});
      setIsConfirming(false);
      toast.info('Made a new bookmarklet. Bookmarklets saved earlier no longer work: put this one in your browsers’ bookmarks instead.');
      onMade();
    } catch (failure) {
      toast.error(failure, 'Could not make a new bookmarklet');
    } finally {
      setIsBusy(false);
    }
  };

  if (!isConfirming) {
    return (
      <div>
        <button type="button" className="button button--small" onClick={() => setIsConfirming(true)}>
          Make a new bookmarklet (old ones stop working)
        </button>
      </div>
    );
  }
  return (
    <div className="clipper__confirm" role="group" aria-labelledby={`${id}-confirm`}>
      <p id={`${id}-confirm`}>
        Make a new bookmarklet? Every copy of the current one, in every browser, stops working; you then add the new one to your bookmarks again. Paired
        browsers stay paired.
      </p>
      <div className="clipper__confirm-actions">
        <button type="button" className="button button--small button--danger" disabled={isBusy} onClick={() => void make()}>
          Make a new bookmarklet
        </button>
        <button type="button" className="button button--small" disabled={isBusy} onClick={() => setIsConfirming(false)} autoFocus>
          Cancel
        </button>
      </div>
    </div>
  );
}

const STATUS_LABELS: Record<ClipperClientInfo['status'], string> = { pending: 'Waiting for approval', approved: 'Approved', revoked: 'Revoked' };

function PairedBrowsers() {
  const id = useId();
  const toast = useToast();
  const { revision, invalidate } = useLibrary();
  const [nonce, setNonce] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const { data: clients, error } = useQuery(() => call('clipper.list', {}), [revision, nonce], 'Could not list the paired browsers');

  // A browser asking to pair shows up at once.
  useEffect(
    () =>
      onAppEvent((event) => {
        if (isClipperPairRequest(event)) setNonce((n) => n + 1);
      }),
    [],
  );

  const act = async (client: ClipperClientInfo, action: 'approve' | 'revoke') => {
    setBusyId(client.id);
    try {
      await call(action === 'approve' ? 'clipper.approve' : 'clipper.revoke', { clientId: client.id });
      toast.info(action === 'approve' ? `Approved “${client.name}”: it can clip into this library now.` : `Revoked “${client.name}”: its clips are refused from now on.`);
      invalidate();
      setNonce((n) => n + 1);
    } catch (failure) {
      toast.error(failure, action === 'approve' ? `Could not approve “${client.name}”` : `Could not revoke “${client.name}”`);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="clipper__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="clipper__heading">
        Paired browsers
      </h3>
      {error !== undefined && !clients && (
        <p className="form__error" role="alert">
          Could not list the paired browsers: {describeError(error)}
        </p>
      )}
      {clients && clients.length === 0 && (
        <p className="muted">No browser is paired yet. Click the bookmarklet in your browser; its request to pair appears here for you to approve.</p>
      )}
      {clients && clients.length > 0 && (
        <ul className="clipper__clients" aria-labelledby={`${id}-heading`}>
          {clients.map((client) => (
            <li key={client.id} className="clipper__client" aria-label={client.name}>
              <span className="clipper__client-main">
                <span className="clipper__client-name">{client.name}</span>
                <span className="clipper__client-meta">
                  <span className={`clipper__status clipper__status--${client.status}`}>{STATUS_LABELS[client.status]}</span>
                  {' · '}
                  {client.status === 'pending'
                    ? `asked ${formatDateTime(client.createdAt)}`
                    : client.lastUsedAt
                      ? `last clip ${formatDateTime(client.lastUsedAt)}`
                      : `approved ${formatDateTime(client.approvedAt ?? client.createdAt)}`}
                </span>
              </span>
              {client.status === 'pending' && (
                <>
                  <button type="button" className="button button--small button--primary" disabled={busyId === client.id} onClick={() => void act(client, 'approve')}>
                    Approve
                  </button>
                  <button type="button" className="button button--small button--ghost" disabled={busyId === client.id} onClick={() => void act(client, 'revoke')}>
                    Deny
                  </button>
                </>
              )}
              {client.status === 'approved' && (
                <button type="button" className="button button--small button--danger-ghost" disabled={busyId === client.id} onClick={() => void act(client, 'revoke')}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
