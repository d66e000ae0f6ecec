import { useState } from 'react';
import type { ItemType, Note } from '../../../shared/domain/entities';
import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { CollectionEditor } from '../inspector/CollectionEditor';
import { TagEditor } from '../inspector/TagEditor';
import { PickerDialog } from './PickerDialog';

/**
 * What a note hangs off and belongs to: the article or quote it is attached to, the topics it is
 * about (notes' own table, see migration 0060), its collections (collections.addItems) and tags.
 */
export function NoteMeta({ note, onOpenItem, onNoteChanged }: { note: Note; onOpenItem(id: string, type: ItemType): void; onNoteChanged(note: Note): void }) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const [picker, setPicker] = useState<'topic' | 'attach' | null>(null);
  const { data: meta, reload } = useQuery(() => call('notes.meta.get', { id: note.id }), [note.id, revision, note.attachedId], 'Could not load the note’s topics');

  const setTopics = async (topicIds: string[]) => {
    try {
      await call('notes.topics.set', { id: note.id, topicIds });
      reload();
      invalidate();
    } catch (error) {
      toast.error(error, 'Could not change the note’s topics');
    }
  };
  const attach = async (entry: EmbedPickerEntry | null) => {
    try {
      // Attaching changes only attachedId; the text is the editor's business (no expectedUpdatedAt).
      const updated = await call('notes.update', { id: note.id, attachedId: entry ? entry.id : null });
      onNoteChanged(updated);
      invalidate();
    } catch (error) {
      toast.error(error, 'Could not attach the note');
    }
  };
  const topics = meta?.topics ?? [];

  return (
    <div className="note-meta" aria-label="About this note" role="group">
      <div className="note-meta__row">
        <span className="note-meta__label">Attached to</span>
        {meta?.attached ? (
          <span className="note-meta__value">
            <button type="button" className="link-button" onClick={() => onOpenItem(meta.attached!.id, meta.attached!.type)} disabled={meta.attached.isTrashed}>
              {meta.attached.title || meta.attached.type}
            </button>
            {meta.attached.isTrashed && <span className="badge badge--warning">in the trash</span>}
            <button type="button" className="icon-button" aria-label="Detach the note" title="Detach" onClick={() => void attach(null)}>
              <Icon name="close" size={12} />
            </button>
          </span>
        ) : (
          <button type="button" className="button button--ghost button--small" onClick={() => setPicker('attach')}>
            Attach to an article or quote…
          </button>
        )}
      </div>
      <div className="note-meta__row">
        <span className="note-meta__label">Topics</span>
        <span className="note-meta__value chip-row">
          {topics.map((t) => (
            <span key={t.id} className="chip">
              <button type="button" className="link-button" onClick={() => onOpenItem(t.id, 'topic')}>
                {t.title}
              </button>
              <button type="button" className="icon-button" aria-label={`Remove topic ${t.title}`} onClick={() => void setTopics(topics.filter((x) => x.id !== t.id).map((x) => x.id))}>
                <Icon name="close" size={12} />
              </button>
            </span>
          ))}
          <button type="button" className="button button--ghost button--small" onClick={() => setPicker('topic')}>
            <Icon name="plus" size={12} />
            Topic
          </button>
        </span>
      </div>
      <details className="note-meta__more">
        <summary>Collections and tags</summary>
        <div className="note-meta__grid">
          <CollectionEditor itemId={note.id} collections={meta?.collections ?? []} onOpenItem={onOpenItem} />
          <TagEditor itemId={note.id} tags={meta?.tags ?? note.tags} />
        </div>
      </details>
      {picker === 'topic' && (
        <PickerDialog title="Add a topic" types={['topic']} onClose={() => setPicker(null)} onPick={(e) => void setTopics([...topics.map((t) => t.id), e.id])} />
      )}
      {picker === 'attach' && <PickerDialog title="Attach the note to…" types={['article', 'quote']} onClose={() => setPicker(null)} onPick={(e) => void attach(e)} />}
    </div>
  );
}
