import type { ItemType } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { formatDate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';

/**
 * The notes that embed or cite an item (for an article, also through its quotes): the inspector's
 * "Notes" section. Backed by `note_embeds`, kept in step with every note save.
 */
export function NoteBacklinks({ itemId, onOpenItem }: { itemId: string; onOpenItem(id: string, type: ItemType): void }) {
  const { revision } = useLibrary();
  const { data } = useQuery(() => call('notes.backlinks.list', { itemId }), [itemId, revision], 'Could not load the notes that cite this');
  const notes = data ?? [];
  return (
    <section className="inspector__section" aria-label="Notes citing this">
      <h2 className="inspector__heading">
        Notes
        {notes.length > 0 && <span className="inspector__count">{notes.length}</span>}
      </h2>
      {notes.length === 0 ? (
        <p className="muted">No note embeds this yet. In a note, type [[ to embed it.</p>
      ) : (
        <ul className="plain-list link-list">
          {notes.map((n) => {
            const quotes = n.via.filter((v) => v.type === 'quote' && v.id !== itemId).length;
            return (
              <li key={n.noteId} className="link-list__item">
                <Icon name="note" size={14} />
                <button type="button" className="link-button" onClick={() => onOpenItem(n.noteId, 'note')}>
                  {n.title || 'Untitled note'}
                </button>
                <span className="link-list__type">
                  {quotes > 0 ? `${quotes === 1 ? '1 quote' : `${quotes} quotes`} · ` : ''}
                  {formatDate(n.updatedAt)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
