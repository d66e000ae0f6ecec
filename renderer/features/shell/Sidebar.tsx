import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { call } from '../../api/client';
import { Icon, type IconName } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { ExchangeNav } from '../exchange/ExchangeNav';
import { ALL_ARTICLES, sameView, type View } from './navigation';

/** The left pane: the library's sections, its collections and tags, and the trash. */
export function Sidebar({ view, onNavigate }: { view: View; onNavigate(view: View): void }) {
  const { revision } = useLibrary();
  const { data: info } = useQuery(() => call('library.info', {}), [revision], 'Could not read the library');
  const { data: collections } = useQuery(() => call('collections.list', { limit: 1000, sort: 'name', order: 'asc' }), [revision], 'Could not load collections');
  const { data: tags } = useQuery(() => call('tags.list', {}), [revision], 'Could not load tags');
  const collectionsHeading = useId();
  const tagsHeading = useId();
  const counts = info?.counts;

  const item = (target: View, icon: IconName, label: string, count?: number) => (
    <NavItem icon={icon} label={label} count={count} isCurrent={sameView(view, target)} onClick={() => onNavigate(target)} />
  );

  return (
    <nav className="sidebar" aria-label="Library">
      <ul className="sidebar__list">
        {item(ALL_ARTICLES, 'library', 'All articles', counts?.articles)}
        {item({ kind: 'quotes' }, 'quote', 'Quotes', counts?.quotes)}
        {item({ kind: 'speakers' }, 'speaker', 'Speakers', counts?.speakers)}
        {item({ kind: 'topics' }, 'topic', 'Topics', counts?.topics)}
        {item({ kind: 'notes' }, 'note', 'Notes', counts?.notes)}
      </ul>

      <div className="sidebar__group-header">
        <h2 id={collectionsHeading} className="sidebar__heading">
          Collections
        </h2>
        <NewCollection onCreated={(id, name) => onNavigate({ kind: 'library', filter: { kind: 'collection', id, name } })} />
      </div>
      <ul className="sidebar__list" aria-labelledby={collectionsHeading}>
        {(collections?.items ?? []).map((c) =>
          item({ kind: 'library', filter: { kind: 'collection', id: c.id, name: c.name } }, 'collection', c.name, c.itemCount),
        )}
        {collections && collections.items.length === 0 && <li className="sidebar__hint">None yet.</li>}
      </ul>

      <h2 id={tagsHeading} className="sidebar__heading">
        Tags
      </h2>
      <ul className="sidebar__list" aria-labelledby={tagsHeading}>
        {(tags ?? []).map((t) => item({ kind: 'library', filter: { kind: 'tag', tag: t.name } }, 'tag', t.name, t.count))}
        {tags && tags.length === 0 && <li className="sidebar__hint">Tag an article in the inspector.</li>}
      </ul>

      <ul className="sidebar__list sidebar__list--bottom">{item({ kind: 'trash' }, 'trash', 'Trash', counts?.trash)}</ul>
      <ExchangeNav />
    </nav>
  );
}

function NavItem({ icon, label, count, isCurrent, onClick }: { icon: IconName; label: string; count?: number | undefined; isCurrent: boolean; onClick(): void }) {
  return (
    <li>
      <button type="button" className={`nav-item${isCurrent ? ' is-current' : ''}`} aria-current={isCurrent ? 'page' : undefined} onClick={onClick}>
        <Icon name={icon} className="nav-item__icon" />
        <span className="nav-item__label">{label}</span>
        {count !== undefined && count > 0 && (
          <span className="nav-item__count">{count.toLocaleString()}</span>
        )}
      </button>
    </li>
  );
}

function NewCollection({ onCreated }: { onCreated(id: string, name: string): void }) {
  const { invalidate } = useLibrary();
  const toast = useToast();
  const [isEditing, setIsEditing] = useState(false);
  const [name, setName] = useState('');
  const inputId = useId();

  const create = async () => {
    const clean = name.trim();
    if (!clean) {
      setIsEditing(false);
      return;
    }
    try {
      const collection = await call('collections.create', { name: clean });
      invalidate();
      setName('');
      setIsEditing(false);
      onCreated(collection.id, collection.name);
    } catch (error) {
      toast.error(error, `Could not create the collection “${clean}”`);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void create();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setName('');
      setIsEditing(false);
    }
  };

  let content: ReactNode;
  if (isEditing) {
    content = (
      <>
        <label htmlFor={inputId} className="visually-hidden">
          Collection name
        </label>
        <input
          id={inputId}
          className="input input--small sidebar__new-input"
          value={name}
          // The field appears because the user asked for it, so it takes the focus.
          autoFocus
          placeholder="Name, then Enter"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (!name.trim()) setIsEditing(false);
          }}
        />
      </>
    );
  } else {
    content = (
      <button type="button" className="icon-button icon-button--small" aria-label="New collection" title="New collection" onClick={() => setIsEditing(true)}>
        <Icon name="plus" size={14} />
      </button>
    );
  }
  return <div className="sidebar__new">{content}</div>;
}
