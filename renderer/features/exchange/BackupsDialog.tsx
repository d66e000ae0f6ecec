import { useState } from 'react';
import type { BackupEntry } from '../../../shared/api/methods-exchange';
import { call } from '../../api/client';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { ExchangeError } from './exchange-error';
import './exchange.css';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function BackupsDialog({ onClose }: { onClose(): void }) {
  const [nonce, setNonce] = useState(0);
  const { data, isLoading } = useQuery(() => call('backup.list', {}), [nonce], 'Could not list the backups');
  const [isBusy, setIsBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [toRestore, setToRestore] = useState<BackupEntry | null>(null);
  const { invalidate } = useLibrary();

  const act = async (work: () => Promise<string>) => {
    setIsBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
      setNonce((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setIsBusy(false);
    }
  };

  const backUpNow = () =>
    act(async () => {
      const r = await call('backup.auto', { keep: 7 });
      return r.created ? `Backed up to ${r.created}.` : 'Nothing changed since the last backup; no new backup was needed.';
    });

  const restore = (entry: BackupEntry) => {
    setToRestore(null);
    void act(async () => {
      const r = await call('backup.restore', { name: entry.name });
      // Main wrote the backup into the open library, so the app goes on with it: every view refetches.
      invalidate();
      return r.message;
    });
  };

  return (
    <>
      <Dialog
        title="Backups"
        onClose={onClose}
        description={data ? <>Backups are kept in <code>{data.dir}</code>.</> : 'Copies of the library, made automatically and on request.'}
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button button--primary" onClick={() => void backUpNow()} disabled={isBusy}>
              Back up now
            </button>
          </>
        }
      >
        <div className="form" aria-busy={isBusy || isLoading}>
          {data && data.backups.length === 0 && <p className="muted">No backups yet. “Back up now” makes one.</p>}
          {data && data.backups.length > 0 && (
            <ul className="exchange__backups" aria-label="Backups">
              {data.backups.map((b) => (
                <li key={b.path} className="exchange__backup">
                  <span className="exchange__backup-name">
                    {b.name}
                    <span className="muted">
                      {' '}
                      · {new Date(b.modifiedAt).toLocaleString()} · {size(b.bytes)} · {b.kind}
                    </span>
                  </span>
                  <button type="button" className="button button--small" disabled={isBusy} onClick={() => setToRestore(b)} aria-label={`Restore ${b.name}`}>
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div role="status" aria-live="polite" aria-label="Backup progress">
            {isBusy && <p className="field__hint">Working…</p>}
            {message && <p className="exchange__result">{message}</p>}
          </div>
          {error !== null && <ExchangeError error={error} />}
        </div>
      </Dialog>
      {toRestore && (
        <ConfirmDialog
          title="Restore this backup?"
          description={
            <>
              The library will be replaced by “{toRestore.name}”. The current library is kept as a backup first, and Sourcebook goes on with the restored
              one.
            </>
          }
          confirmLabel="Restore"
          onConfirm={() => restore(toRestore)}
          onClose={() => setToRestore(null)}
        />
      )}
    </>
  );
}
