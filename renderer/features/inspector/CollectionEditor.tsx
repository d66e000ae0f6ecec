import { useState, type FormEvent } from 'react';
import { AddNameForm } from './AddNameForm';
import type { ItemType } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';

/** The collections an item belongs to; typing a new name creates the collection. */
export function CollectionEditor({
  itemId,
  collections,
  onOpenItem,
}: {
  itemId: string;
  collections: readonly { id: string; name: string }[];
  onOpenItem(id: string, type: ItemType): void;
}) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const [draft, setDraft] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const { data: all } = useQuery(() => call('collections.list', { limit: 1000, sort: 'name', order: 'asc' }), [revision], 'Could not load collections');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = draft.trim();
    if (!name) return;
    setIsBusy(true);
    try {
      const existing = all?.items.find((c) => c.name.toLowerCase() === name.toLowerCase());
      const collection = existing ?? (await call('collections.create', { name }));
      await call('collections.addItems', { collectionId: collection.id, itemIds: [itemId] });
      setDraft('');
      invalidate();
    } catch (error) {
      toast.error(error, `Could not add to the collection “${name}”`);
    } finally {
      setIsBusy(false);
    }
  };

  const remove = async (collection: { id: string; name: string }) => {
    try {
      await call('collections.removeItems', { collectionId: collection.id, itemIds: [itemId] });
      invalidate();
    } catch (error) {
      toast.error(error, `Could not remove from the collection “${collection.name}”`);
    }
  };

  return (
    <div className="tag-editor">
      {collections.length > 0 ? (
        <ul className="plain-list collection-list" aria-label="Collections of this item">
          {collections.map((c) => (
            <li key={c.id} className="collection-list__item">
              <Icon name="collection" />
              <button type="button" className="link-button" onClick={() => onOpenItem(c.id, 'collection')}>
                {c.name}
              </button>
              <button type="button" className="icon-button icon-button--small" aria-label={`Remove from collection ${c.name}`} onClick={() => void remove(c)}>
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">In no collection.</p>
      )}
      <AddNameForm
        label="Add to collection"
        value={draft}
        suggestions={(all?.items ?? []).filter((c) => !collections.some((mine) => mine.id === c.id))}
        isBusy={isBusy}
        onChange={setDraft}
        onSubmit={(e) => void add(e)}
      />
    </div>
  );
}
