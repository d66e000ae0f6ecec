import { useCallback, useEffect, useRef, useState } from 'react';
import type { Article, ItemDetail } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { useToast } from '../../components/Toasts';
import { isEditableTarget } from '../../lib/keyboard';
import { useLibrary } from '../../lib/library-context';
import { useDebounced } from '../../lib/use-debounced';
import { useQuery } from '../../lib/use-query';
import { Inspector } from '../inspector/Inspector';
import { Reader } from '../reader/Reader';
import type { LibraryFilter, OpenItem } from '../shell/navigation';
import { ArticleListPane } from './ArticleListPane';

export interface LibraryViewProps {
  filter: LibraryFilter;
  selectedId: string | null;
  onSelect(id: string | null): void;
  activeQuoteId: string | null;
  onActivateQuote(id: string | null): void;
  onOpenItem: OpenItem;
  onNewArticle(): void;
  isInspectorOpen: boolean;
}

/** Zotero's three panes: the article list, the reader, the inspector. */
export function LibraryView({ filter, selectedId, onSelect, activeQuoteId, onActivateQuote, onOpenItem, onNewArticle, isInspectorOpen }: LibraryViewProps) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const listRef = useRef<HTMLDivElement>(null);
  const readerRef = useRef<HTMLDivElement>(null);
  const [trashedIds, setTrashedIds] = useState<ReadonlySet<string>>(() => new Set());

  // Holding j/k moves through rows faster than articles need to load; load where the user stops.
  const settledId = useDebounced(selectedId, 60);
  // Only the settled selection loads: a selection just cleared (the article was trashed) must not
  // be fetched again by the refresh that follows the trashing.
  const loadId = settledId === selectedId ? settledId : null;
  const detail = useQuery(loadId ? () => call('items.get', { id: loadId }) : null, [loadId, revision], 'Could not open the article');
  const loaded = detail.data && detail.data.id === selectedId && detail.data.type === 'article' ? detail.data : undefined;
  // While the next article loads, the previous one stays on screen (no flash of an empty reader,
  // and the reader keeps the focus when Enter moved it there).
  const previous = useRef<ItemDetail | undefined>(undefined);
  if (loaded) previous.current = loaded;
  // …unless there is nothing to wait for: no selection, or the selected article failed to load.
  if (selectedId === null || (detail.error !== undefined && !detail.isLoading)) previous.current = undefined;
  // …and never an article just moved to the trash: the selection can jump from it straight to the
  // next one (no render in between), and the reader and inspector would go on asking for it.
  if (previous.current && trashedIds.has(previous.current.id)) previous.current = undefined;
  const current = loaded ?? previous.current;
  const article = current ? (current.item as Article) : null;

  const trash = useCallback(
    async (id: string, title: string) => {
      setTrashedIds((prev) => new Set(prev).add(id));
      onSelect(null);
      try {
        const result = await call('items.trash', { id });
        invalidate();
        const extra = result.count > 1 ? ` with ${result.count - 1} quote${result.count === 2 ? '' : 's'}` : '';
        toast.info(`Moved “${title}” to the trash${extra}.`, {
          label: 'Undo',
          run: () => {
            call('items.restore', { id })
              .then(() => {
                setTrashedIds((prev) => {
                  const next = new Set(prev);
                  next.delete(id);
                  return next;
                });
                invalidate();
                onSelect(id);
              })
              .catch((error: unknown) => toast.error(error, 'Could not restore the article'));
          },
        });
      } catch (error) {
        setTrashedIds((prev) => {
          const next = new Set(prev);
          next.delete(id);
          return next;
        });
        toast.error(error, `Could not move “${title}” to the trash`);
      }
    },
    [invalidate, onSelect, toast],
  );

  const trashSelected = useCallback(() => {
    if (!selectedId) return;
    void trash(selectedId, loaded?.title ?? 'the article');
  }, [loaded, selectedId, trash]);

  // Delete (or ⌘⌫ on a Mac) trashes the selected article, unless the user is typing or in a dialog.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const isDeleteKey = (event.key === 'Delete' && !event.ctrlKey && !event.altKey) || (event.key === 'Backspace' && event.metaKey);
      if (!isDeleteKey || event.defaultPrevented || isEditableTarget(event.target)) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      event.preventDefault();
      trashSelected();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [trashSelected]);

  return (
    <div className={`library-view${isInspectorOpen ? '' : ' library-view--no-inspector'}`}>
      <ArticleListPane
        filter={filter}
        selectedId={selectedId}
        onSelect={(id) => {
          onActivateQuote(null);
          onSelect(id);
        }}
        onOpen={() => readerRef.current?.focus()}
        onNewArticle={onNewArticle}
        trashedIds={trashedIds}
        listRef={listRef}
      />
      <Reader
        article={article}
        quotes={current?.quotes ?? []}
        activeQuoteId={activeQuoteId}
        onQuoteActivate={onActivateQuote}
        onTrash={trashSelected}
        isLoading={selectedId !== null && !loaded}
        scrollRef={readerRef}
      />
      {isInspectorOpen && <Inspector detail={current} activeQuoteId={activeQuoteId} onActivateQuote={onActivateQuote} onOpenItem={onOpenItem} />}
    </div>
  );
}
