import { useState } from 'react';
import type { TrashEntry } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { formatDateTime, plural } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';

const PAGE = 200;
/** trash.list answers at most 1000 rows per call. */
const MAX_LIMIT = 1000;

const TYPE_LABELS: Partial<Record<TrashEntry['type'], string>> = {
  article: 'Article', quote: 'Quote', speaker: 'Speaker', topic: 'Topic', note: 'Note', collection: 'Collection', link: 'Link', stance: 'Stance',
};

/**
 * Trashed items, one row per batch (an article with its quotes is one row). Restore brings the
 * batch back; Delete forever asks first, because it cannot be undone.
 */
export function TrashView() {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const [limit, setLimit] = useState(PAGE);
  const [purging, setPurging] = useState<TrashEntry | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const { data, isLoading } = useQuery(() => call('trash.list', { limit, offset: 0 }), [limit, revision], 'Could not load the trash');

  const restore = async (entry: TrashEntry) => {
    setBusyId(entry.id);
    try {
      await call('items.restore', { id: entry.id });
      invalidate();
      toast.info(`Restored “${entry.title}”.`);
    } catch (error) {
      toast.error(error, `Could not restore “${entry.title}”`);
    } finally {
      setBusyId(null);
    }
  };

  const purge = async (entry: TrashEntry) => {
    setBusyId(entry.id);
    try {
      const result = await call('trash.purge', { id: entry.id });
      invalidate();
      toast.info(`Deleted “${entry.title}” forever (${plural(result.count, 'item')}).`);
      setPurging(null);
    } catch (error) {
      toast.error(error, `Could not delete “${entry.title}”`);
    } finally {
      setBusyId(null);
    }
  };

  const entries = data?.items ?? [];
  return (
    <div className="trash-view">
      <section className="list-pane list-pane--wide" aria-labelledby="trash-heading">
        <header className="list-pane__header">
          <div className="list-pane__title-row">
            <h1 id="trash-heading" className="list-pane__title">
              Trash
            </h1>
            <span className="list-pane__count">{data ? plural(data.total, 'item') : ''}</span>
          </div>
        </header>
        {!data ? (
          <p className="list-pane__loading" role="status">
            {isLoading ? 'Loading…' : 'The trash could not be loaded.'}
          </p>
        ) : entries.length === 0 ? (
          <EmptyState icon="trash" title="The trash is empty.">
            <p>Items you move to the trash (Delete key) wait here until you restore them or delete them forever.</p>
          </EmptyState>
        ) : (
          <div className="trash-list__scroll">
            <ul className="plain-list trash-list" aria-label="Trashed items">
              {entries.map((entry) => (
                <li key={entry.id} className="trash-list__item" aria-label={entry.title}>
                  <div className="trash-list__main">
                    <span className="trash-list__title">{entry.title}</span>
                    <span className="trash-list__meta">
                      <span className="badge">{TYPE_LABELS[entry.type] ?? entry.type}</span>
                      <span>Trashed {formatDateTime(entry.deletedAt)}</span>
                      {entry.batchSize > 0 && <span>with {plural(entry.batchSize, 'related item')}</span>}
                    </span>
                  </div>
                  <button type="button" className="button button--small" onClick={() => void restore(entry)} disabled={busyId === entry.id}>
                    <Icon name="restore" />
                    Restore
                  </button>
                  <button type="button" className="button button--small button--danger-ghost" onClick={() => setPurging(entry)} disabled={busyId === entry.id}>
                    <Icon name="trash" />
                    Delete forever
                  </button>
                </li>
              ))}
            </ul>
            {data.total > entries.length && limit < MAX_LIMIT && (
              <button type="button" className="button button--ghost trash-list__more" onClick={() => setLimit((l) => Math.min(MAX_LIMIT, l + PAGE))}>
                Show more ({plural(data.total - entries.length, 'item')} not shown)
              </button>
            )}
          </div>
        )}
      </section>
      {purging && (
        <ConfirmDialog
          title="Delete forever?"
          description={
            <>
              “{purging.title}”{purging.batchSize > 0 ? ` and ${plural(purging.batchSize, 'related item')} trashed with it` : ''} will be deleted from
              the library. This cannot be undone.
            </>
          }
          confirmLabel="Delete forever"
          isBusy={busyId === purging.id}
          onConfirm={() => void purge(purging)}
          onClose={() => setPurging(null)}
        />
      )}
    </div>
  );
}
