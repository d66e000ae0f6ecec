import { useCallback, useEffect, useRef, useState } from 'react';
import type { Article, ItemType, Link, Quote, Stance } from '../shared/domain/entities';
import { call } from './api/client';
import { ProgressRegion } from './components/ProgressRegion';
import { useToast } from './components/Toasts';
import { isEditableTarget, isPrimaryModifier } from './lib/keyboard';
import { ClipDialog } from './features/clip/ClipDialog';
import { ClipIntake } from './features/clip/ClipIntake';
import { ExchangeDialogs } from './features/exchange/ExchangeDialogs';
import type { ClipInitial } from './features/clip/clip-tabs';
import { LibraryView } from './features/library/LibraryView';
import { NotesView } from './features/notes/NotesView';
import { QuotesView } from './features/quotes/QuotesView';
import { QuickOpen } from './features/search/QuickOpen';
import { SearchView } from './features/search/SearchView';
import { Sidebar } from './features/shell/Sidebar';
import { TopBar } from './features/shell/TopBar';
import { ALL_ARTICLES, type SelectionKey, type View } from './features/shell/navigation';
import { SpeakersView } from './features/speakers/SpeakersView';
import { TopicsView } from './features/topics/TopicsView';
import { TrashView } from './features/trash/TrashView';

type Selections = Record<SelectionKey, string | null>;
const NO_SELECTION: Selections = { article: null, quote: null, speaker: null, topic: null, note: null };

/** Narrow windows hide the inspector by default; the top bar's toggle brings it back. */
const WIDE_ENOUGH_FOR_INSPECTOR = '(min-width: 1180px)';

/**
 * The shell: top bar, sidebar, the current view, the New article dialog, quick open, toasts and
 * progress. Global shortcuts live here: N new article, / or Ctrl+F search, Ctrl/Cmd+K quick open,
 * Ctrl+V (outside a text field) pastes a new article. Delete is handled by the library view.
 */
export function App() {
  const toast = useToast();
  const [view, setView] = useState<View>(ALL_ARTICLES);
  const [selections, setSelections] = useState<Selections>(NO_SELECTION);
  const [activeQuoteId, setActiveQuoteId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [isSearchOpen, setIsSearchOpen] = useState(false);
  const [clip, setClip] = useState<{ initial?: ClipInitial } | null>(null);
  const [isQuickOpen, setIsQuickOpen] = useState(false);
  const [isInspectorOpen, setIsInspectorOpen] = useState(() => window.matchMedia(WIDE_ENOUGH_FOR_INSPECTOR).matches);
  const searchRef = useRef<HTMLInputElement>(null);

  const select = useCallback((key: SelectionKey, id: string | null) => setSelections((s) => (s[key] === id ? s : { ...s, [key]: id })), []);
  const selectArticle = useCallback((id: string | null) => select('article', id), [select]);
  const selectQuote = useCallback((id: string | null) => select('quote', id), [select]);
  const selectSpeaker = useCallback((id: string | null) => select('speaker', id), [select]);
  const selectTopic = useCallback((id: string | null) => select('topic', id), [select]);
  const selectNote = useCallback((id: string | null) => select('note', id), [select]);

  const navigate = useCallback((next: View) => {
    setView(next);
    setIsSearchOpen(false);
  }, []);

  /** Show any item where it lives: an article in the reader, a quote highlighted in its article… */
  const openItem = useCallback(
    async (id: string, type: ItemType) => {
      setIsSearchOpen(false);
      setIsQuickOpen(false);
      try {
        switch (type) {
          case 'article':
            setView((v) => (v.kind === 'library' ? v : ALL_ARTICLES));
            setActiveQuoteId(null);
            select('article', id);
            return;
          case 'quote': {
            const quote = (await call('items.get', { id })).item as Quote;
            setView((v) => (v.kind === 'library' ? v : ALL_ARTICLES));
            select('article', quote.articleId);
            setActiveQuoteId(id);
            return;
          }
          case 'speaker':
            setView({ kind: 'speakers' });
            select('speaker', id);
            return;
          case 'topic':
            setView({ kind: 'topics' });
            select('topic', id);
            return;
          case 'note':
            setView({ kind: 'notes' });
            select('note', id);
            return;
          case 'collection':
          case 'tag': {
            const detail = await call('items.get', { id });
            setView({ kind: 'library', filter: type === 'tag' ? { kind: 'tag', tag: detail.title } : { kind: 'collection', id, name: detail.title } });
            return;
          }
          case 'link': {
            const link = (await call('items.get', { id })).item as Link;
            await openItem(link.fromId, link.fromType);
            return;
          }
          case 'stance': {
            const stance = (await call('items.get', { id })).item as Stance;
            await openItem(stance.subjectId, stance.subjectType);
            return;
          }
        }
      } catch (error) {
        toast.error(error, 'Could not open the item');
      }
    },
    [select, toast],
  );
  const openItemSync = useCallback((id: string, type: ItemType) => void openItem(id, type), [openItem]);

  const onArticleCreated = useCallback(
    (article: Article, message?: string) => {
      setClip(null);
      setIsSearchOpen(false);
      setActiveQuoteId(null);
      // The new article is in "All articles"; a tag or collection view might not show it.
      setView(ALL_ARTICLES);
      select('article', article.id);
      toast.info(message ?? `Added “${article.title}”.`);
    },
    [select, toast],
  );

  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);

  // Quick open owns its keys while the focus is inside it (the dialog check below); the New
  // article dialog is modal, so nothing global applies while it is open.
  const isModalOpen = clip !== null;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // Ctrl/Cmd+K works everywhere, even in a text field (as in Linear or VS Code).
      if (isPrimaryModifier(event) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (!isModalOpen) setIsQuickOpen((open) => !open);
        return;
      }
      if (isModalOpen || (event.target instanceof Element && event.target.closest('dialog, [role="dialog"]'))) return;
      if (isPrimaryModifier(event) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        focusSearch();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isEditableTarget(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        focusSearch();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        setClip({});
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [focusSearch, isModalOpen]);

  // Ctrl+V anywhere but a text field opens New article with the clipboard's content: HTML when
  // the clipboard has some (a selection copied from a web page), else plain text.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isModalOpen || isEditableTarget(event.target) || !event.clipboardData) return;
      const html = event.clipboardData.getData('text/html');
      const text = event.clipboardData.getData('text/plain');
      if (!html.trim() && !text.trim()) return;
      event.preventDefault();
      setClip({ initial: html.trim() ? { format: 'html', content: html } : { format: 'text', content: text } });
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [isModalOpen]);

  const workspace = (() => {
    if (isSearchOpen && query.trim()) {
      return (
        <div className="search-workspace">
          <SearchView
            query={query}
            onQueryChange={(q) => {
              setQuery(q);
              setIsSearchOpen(q.trim() !== '');
            }}
            onOpenItem={openItemSync}
          />
        </div>
      );
    }
    switch (view.kind) {
      case 'library':
        return (
          <LibraryView
            filter={view.filter}
            selectedId={selections.article}
            onSelect={selectArticle}
            activeQuoteId={activeQuoteId}
            onActivateQuote={setActiveQuoteId}
            onOpenItem={openItemSync}
            onNewArticle={() => setClip({})}
            isInspectorOpen={isInspectorOpen}
          />
        );
      case 'quotes':
        return <QuotesView selectedId={selections.quote} onSelect={selectQuote} onOpenItem={openItemSync} />;
      case 'speakers':
        return <SpeakersView selectedId={selections.speaker} onSelect={selectSpeaker} onOpenItem={openItemSync} />;
      case 'topics':
        return <TopicsView selectedId={selections.topic} onSelect={selectTopic} onOpenItem={openItemSync} />;
      case 'notes':
        return <NotesView selectedId={selections.note} onSelect={selectNote} onOpenItem={openItemSync} />;
      case 'trash':
        return <TrashView />;
    }
  })();

  return (
    <div className="app">
      <TopBar
        query={query}
        onQueryChange={setQuery}
        onSearchOpen={() => setIsSearchOpen(true)}
        onSearchClose={() => setIsSearchOpen(false)}
        onNewArticle={() => setClip({})}
        isInspectorOpen={isInspectorOpen}
        onToggleInspector={() => setIsInspectorOpen((open) => !open)}
        searchRef={searchRef}
      />
      <Sidebar view={view} onNavigate={navigate} />
      <main className="workspace" aria-label="Workspace">
        {workspace}
      </main>
      <ProgressRegion />
      <ClipIntake onClipped={onArticleCreated} onOpenClip={(initial) => setClip({ initial })} />
      {clip && <ClipDialog onClose={() => setClip(null)} onCreated={onArticleCreated} {...(clip.initial ? { initial: clip.initial } : {})} />}
      <ExchangeDialogs selectedArticleId={selections.article} />
      <QuickOpen isOpen={isQuickOpen} onClose={() => setIsQuickOpen(false)} onOpenItem={openItemSync} />
    </div>
  );
}
