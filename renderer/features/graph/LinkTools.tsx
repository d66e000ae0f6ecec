import { useId, useState, type FormEvent } from 'react';
import { LINK_TYPES, type ItemType, type LinkType } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { useLibrary } from '../../lib/library-context';
import { GraphDialog } from './GraphDialog';
import { ItemPicker, isHttpUrl, type LinkTarget } from './ItemPicker';
import { LINK_LABELS } from './link-labels';
import './graph.css';

export interface LinkToolsProps {
  itemId: string;
  onOpenItem(id: string, type: ItemType): void;
}

/** "Add link" (type + target found by quick search, or a URL) and "Graph" for any item. */
export function LinkTools({ itemId, onOpenItem }: LinkToolsProps) {
  const [isAdding, setIsAdding] = useState(false);
  const [isGraphOpen, setIsGraphOpen] = useState(false);
  return (
    <div className="link-tools">
      {isAdding ? (
        <AddLinkForm itemId={itemId} onDone={() => setIsAdding(false)} />
      ) : (
        <div className="link-tools__buttons">
          <button type="button" className="button button--small" onClick={() => setIsAdding(true)}>
            <Icon name="plus" size={14} />
            Add link
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => setIsGraphOpen(true)}>
            <Icon name="link" size={14} />
            Graph
          </button>
        </div>
      )}
      {isGraphOpen && (
        <GraphDialog
          itemId={itemId}
          onClose={() => setIsGraphOpen(false)}
          onOpenItem={(id, type) => {
            setIsGraphOpen(false);
            onOpenItem(id, type);
          }}
        />
      )}
    </div>
  );
}

function AddLinkForm({ itemId, onDone }: { itemId: string; onDone(): void }) {
  const id = useId();
  const toast = useToast();
  const { invalidate } = useLibrary();
  const [type, setType] = useState<LinkType>('cites');
  const [text, setText] = useState('');
  const [target, setTarget] = useState<LinkTarget | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const save = async () => {
    const chosen: LinkTarget | null = target ?? (isHttpUrl(text) ? { kind: 'url', url: text.trim() } : null);
    if (!chosen) {
      setError(text.trim() ? 'Choose an item from the list (↓ then Enter), or paste an http(s) address.' : 'Search for the item to link to, or paste an http(s) address.');
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      const link = await call('links.create', {
        type,
        fromId: itemId,
        ...(chosen.kind === 'url' ? { toUrl: chosen.url } : { toId: chosen.id }),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      invalidate();
      toast.info(`Linked: ${LINK_LABELS[link.type]} “${link.toTitle || link.toUrl || ''}”.`);
      onDone();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsSaving(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form
      className="add-link"
      aria-label="Add link"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-type`} className="field__label">
          This item…
        </label>
        <select
          id={`${id}-type`}
          className="select select--small"
          // The form opens because the user asked for it, so it takes the focus.
          autoFocus
          value={type} onChange={(e) => setType(e.target.value as LinkType)}>
          {LINK_TYPES.map((t) => (
            <option key={t} value={t}>
              {LINK_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-target`} className="field__label">
          Target
        </label>
        <ItemPicker
          id={`${id}-target`}
          excludeId={itemId}
          value={text}
          onValueChange={(next) => {
            setText(next);
            if (target) setTarget(null);
            if (error) setError(null);
          }}
          onPick={(picked) => {
            setTarget(picked);
            setText(picked.kind === 'url' ? picked.url : picked.title);
          }}
          onEnter={() => void save()}
          isInvalid={error !== null}
          describedBy={error ? `${id}-error` : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`} className="field__label">
          Note <span className="field__optional">(optional)</span>
        </label>
        <input id={`${id}-note`} className="input input--small" value={note} onChange={(e) => setNote(e.target.value)} maxLength={10_000} />
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="add-link__actions">
        <button type="button" className="button button--small button--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" disabled={isSaving}>
          {isSaving ? 'Linking…' : 'Add link'}
        </button>
      </div>
    </form>
  );
}
