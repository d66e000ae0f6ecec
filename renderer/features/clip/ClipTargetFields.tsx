import { useId, useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { parseTags, type ClipTarget } from './clip-result';

/** The Tags and Collection fields every clipping tab shares, as text the user types. */
export function useClipTargetFields() {
  const [tagsText, setTagsText] = useState('');
  const [collection, setCollection] = useState('');
  const target = useMemo<ClipTarget>(() => ({ tags: parseTags(tagsText), collection: collection.trim() }), [tagsText, collection]);
  return { tagsText, setTagsText, collection, setCollection, target };
}

type Fields = ReturnType<typeof useClipTargetFields>;

/** Tags (comma-separated) and a collection (existing ones suggested; a new name creates one). */
export function ClipTargetFields({ fields, disabled = false, appliesTo }: { fields: Fields; disabled?: boolean; appliesTo: string }) {
  const id = useId();
  const { revision } = useLibrary();
  const { data: collections } = useQuery(() => call('collections.list', { limit: 1000, sort: 'name', order: 'asc' }), [revision], 'Could not load collections');
  return (
    <div className="clip-target">
      <div className="field">
        <label htmlFor={`${id}-tags`} className="field__label">
          Tags <span className="field__optional">(optional)</span>
        </label>
        <input
          id={`${id}-tags`}
          className="input"
          value={fields.tagsText}
          onChange={(e) => fields.setTagsText(e.target.value)}
          placeholder="climate, EU policy"
          aria-describedby={`${id}-hint`}
          disabled={disabled}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-collection`} className="field__label">
          Collection <span className="field__optional">(optional)</span>
        </label>
        <input
          id={`${id}-collection`}
          className="input"
          value={fields.collection}
          onChange={(e) => fields.setCollection(e.target.value)}
          list={`${id}-collections`}
          placeholder="Choose or type a new name"
          aria-describedby={`${id}-hint`}
          disabled={disabled}
          autoComplete="off"
        />
        <datalist id={`${id}-collections`}>
          {(collections?.items ?? []).map((c) => (
            <option key={c.id} value={c.name} />
          ))}
        </datalist>
      </div>
      <p id={`${id}-hint`} className="field__hint clip-target__hint">
        Commas separate tags. Both apply to {appliesTo}, including articles already in your library.
      </p>
    </div>
  );
}
