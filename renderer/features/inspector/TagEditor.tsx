import { useState, type FormEvent } from 'react';
import { AddNameForm } from './AddNameForm';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';

/** Tags of one item: remove with the × on a chip, add by typing (existing tags are suggested). */
export function TagEditor({ itemId, tags }: { itemId: string; tags: readonly string[] }) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const [draft, setDraft] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const { data: allTags } = useQuery(() => call('tags.list', {}), [revision], 'Could not load tags');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    setIsBusy(true);
    try {
      await call('tags.add', { itemId, tag });
      setDraft('');
      invalidate();
    } catch (error) {
      toast.error(error, `Could not add the tag “${tag}”`);
    } finally {
      setIsBusy(false);
    }
  };

  const remove = async (tag: string) => {
    try {
      await call('tags.remove', { itemId, tag });
      invalidate();
    } catch (error) {
      toast.error(error, `Could not remove the tag “${tag}”`);
    }
  };

  return (
    <div className="tag-editor">
      {tags.length > 0 ? (
        <ul className="chip-row plain-list" aria-label="Tags of this item">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>{tag}</span>
              <button type="button" className="tag-chip__remove" aria-label={`Remove tag ${tag}`} onClick={() => void remove(tag)}>
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags.</p>
      )}
      <AddNameForm
        label="Add tag"
        value={draft}
        suggestions={(allTags ?? []).filter((t) => !tags.includes(t.name))}
        isBusy={isBusy}
        onChange={setDraft}
        onSubmit={(e) => void add(e)}
      />
    </div>
  );
}
