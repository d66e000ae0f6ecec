import { useEffect, useId, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { Article, Quote } from '../../../shared/domain/entities';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { formatDate, hostOf, plural } from '../../lib/format';
import { buildSafeFragment } from './safe-html';
import { highlightQuotes } from './highlight';
import { ReaderClipTools } from './versions/ReaderClipTools';
import { ReaderSelection } from './selection/ReaderSelection';

export interface ReaderProps {
  article: Article | null;
  quotes: readonly Quote[];
  activeQuoteId: string | null;
  onQuoteActivate(id: string): void;
  onTrash(): void;
  isLoading: boolean;
  /** The scrolling region, focused by Enter in the list. */
  scrollRef?: Ref<HTMLDivElement>;
}

/** The selected article, set for long reading, with its quotes highlighted. */
export function Reader({ article, quotes, activeQuoteId, onQuoteActivate, onTrash, isLoading, scrollRef }: ReaderProps) {
  const titleId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [missing, setMissing] = useState<string[]>([]);

  // The body is built outside React: fresh allowlisted nodes (safe-html.ts), then quote marks.
  // It is rebuilt only when the content or the quotes' places change, not on every refetch (a tag
  // added in the inspector must not reset the reader or the user's text selection).
  const articleId = article?.id;
  const html = article?.html;
  const storedText = article?.text;
  const baseUrl = article?.url ?? null;
  const quotesKey = quotes.map((q) => `${q.id}:${q.start}:${q.end}:${q.anchorStatus}:${q.speakerName ?? ''}`).join('|');
  const quotesRef = useRef(quotes);
  quotesRef.current = quotes;
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    if (html === undefined || storedText === undefined) {
      body.replaceChildren();
      return;
    }
    const current = quotesRef.current;
    body.replaceChildren(buildSafeFragment(html, baseUrl));
    const placeable = current.filter((q) => q.anchorStatus !== 'orphan');
    const result = highlightQuotes(
      body,
      storedText,
      placeable.map((q) => ({ id: q.id, start: q.start, end: q.end, text: q.text, label: q.speakerName ? `Quote — ${q.speakerName}` : 'Quote' })),
    );
    setMissing([...current.filter((q) => q.anchorStatus === 'orphan').map((q) => q.id), ...result.missing]);
  }, [articleId, html, storedText, baseUrl, quotesKey]);

  // A new article starts at its top.
  useLayoutEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [articleId]);

  // Mark the active quote; scroll to it only when it becomes active (not on every refresh).
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    let first: HTMLElement | null = null;
    for (const mark of Array.from(body.querySelectorAll<HTMLElement>('mark.sb-quote'))) {
      const isActive = mark.dataset.quoteId === activeQuoteId;
      mark.classList.toggle('is-active', isActive);
      if (isActive && !first) first = mark;
    }
    if (first && scrolledTo.current !== activeQuoteId) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
    scrolledTo.current = first ? activeQuoteId : null;
  }, [activeQuoteId, articleId, html, quotesKey]);

  if (!article) {
    return (
      <section className="reader" aria-label="Reader">
        {isLoading ? (
          <p className="reader__loading" role="status">
            Loading…
          </p>
        ) : (
          <EmptyState icon="library" title="No article selected">
            <p>Choose an article in the list (↑/↓ or j/k) to read it here.</p>
          </EmptyState>
        )}
        <div ref={bodyRef} hidden />
      </section>
    );
  }

  const site = article.siteName ?? hostOf(article.url);
  const byline = [article.authors.join(', '), site, formatDate(article.publishedAt)].filter(Boolean).join(' · ');

  return (
    <section className="reader" aria-label="Reader" aria-busy={isLoading || undefined}>
      <div className="reader__toolbar">
        <span className="reader__meta">
          {plural(article.wordCount, 'word')} · {plural(quotes.length, 'quote')}
        </span>
        <span className="toolbar-spacer" />
        {article.url && (
          <a className="button button--ghost button--small" href={article.url} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
            <Icon name="external" />
            Open original
          </a>
        )}
        <ReaderClipTools article={article} />
        <button type="button" className="button button--ghost button--small" onClick={onTrash} aria-keyshortcuts="Delete">
          <Icon name="trash" />
          Move to trash
        </button>
      </div>
      <div
        className="reader__scroll"
        tabIndex={0}
        role="region"
        aria-labelledby={titleId}
        ref={(node) => {
          scrollerRef.current = node;
          if (typeof scrollRef === 'function') scrollRef(node);
          else if (scrollRef) scrollRef.current = node;
        }}
        onClick={(event) => {
          const mark = (event.target as Element).closest?.('mark.sb-quote');
          const id = mark instanceof HTMLElement ? mark.dataset.quoteId : undefined;
          if (id) onQuoteActivate(id);
        }}
      >
        <article className="reader__article" lang={article.lang ?? undefined}>
          <header className="reader__header">
            <h1 id={titleId} className="reader__title">
              {article.title}
            </h1>
            {byline && <p className="reader__byline">{byline}</p>}
          </header>
          {missing.length > 0 && (
            <p className="reader__notice" role="note">
              {plural(missing.length, 'quote')} could not be found in this text; they are listed in the inspector.
            </p>
          )}
          <div ref={bodyRef} className="reader__body" data-testid="reader-body" />
        </article>
      </div>
      <ReaderSelection article={article} bodyRef={bodyRef} scrollerRef={scrollerRef} onQuoteCreated={onQuoteActivate} />
    </section>
  );
}
