import type { ReactNode } from 'react';
import type { Article, ItemDetail, ItemType, Link, Quote } from '../../../shared/domain/entities';
import { Icon } from '../../components/Icon';
import { StanceChip } from '../../components/StanceChip';
import { formatDate, formatDateTime, hostOf, truncate } from '../../lib/format';
import { useStancesOf } from '../../lib/use-stances';
import { TagEditor } from './TagEditor';
import { CollectionEditor } from './CollectionEditor';
import { NoteBacklinks } from '../notes/NoteBacklinks';
import { LinkTools } from '../graph/LinkTools';
import { BACKLINK_LABELS, LINK_LABELS } from '../graph/link-labels';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel';

export interface InspectorProps {
  detail: ItemDetail | undefined;
  activeQuoteId: string | null;
  onActivateQuote(id: string): void;
  onOpenItem(id: string, type: ItemType): void;
}

/** Everything known about the selected article: metadata, tags, collections, quotes, stances, links. */
export function Inspector({ detail, activeQuoteId, onActivateQuote, onOpenItem }: InspectorProps) {
  if (!detail || detail.type !== 'article') {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="inspector__empty">Select an article to see its details, tags, quotes and links.</p>
      </aside>
    );
  }
  const article = detail.item as Article;
  return (
    <aside className="inspector" aria-label="Inspector">
      <Section title="Details">
        <ArticleDetails article={article} />
      </Section>
      <Section title="Tags">
        <TagEditor itemId={detail.id} tags={detail.tags} />
      </Section>
      <Section title="Collections">
        <CollectionEditor itemId={detail.id} collections={detail.collections} onOpenItem={onOpenItem} />
      </Section>
      <Section title="Quotes" count={detail.quotes.length}>
        <QuoteList quotes={detail.quotes} activeQuoteId={activeQuoteId} onActivate={onActivateQuote} />
      </Section>
      <SuggestionsPanel key={detail.id} articleId={detail.id} />
      <Section title="Stances" count={detail.stances.filter((s) => s.isCurrent).length}>
        {detail.stances.some((s) => s.isCurrent) ? (
          <ul className="plain-list">
            {detail.stances
              .filter((s) => s.isCurrent)
              .map((s) => (
                <li key={s.id}>
                  <StanceChip value={s.value} topic={s.topicTitle} />
                </li>
              ))}
          </ul>
        ) : (
          <p className="muted">No stance recorded for the article itself.</p>
        )}
      </Section>
      <Section title="Links" count={detail.links.length}>
        <LinkList links={detail.links} direction="outgoing" onOpenItem={onOpenItem} />
        <LinkTools itemId={detail.id} onOpenItem={onOpenItem} />
      </Section>
      <Section title="Backlinks" count={detail.backlinks.length}>
        <LinkList links={detail.backlinks} direction="incoming" onOpenItem={onOpenItem} />
      </Section>
      <NoteBacklinks itemId={detail.id} onOpenItem={onOpenItem} />
    </aside>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="inspector__section" aria-label={title}>
      <h2 className="inspector__heading">
        {title}
        {count !== undefined && count > 0 && <span className="inspector__count">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

function ArticleDetails({ article }: { article: Article }) {
  const rows: [string, ReactNode][] = [
    ['Authors', article.authors.join(', ')],
    ['Site', article.siteName ?? hostOf(article.url)],
    ['Published', formatDate(article.publishedAt)],
    ['Clipped', formatDateTime(article.clippedAt)],
    ['Words', article.wordCount.toLocaleString()],
    ['Source', article.sourceKind],
    [
      'Address',
      article.url ? (
        <a href={article.url} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" className="inspector__url">
          {hostOf(article.url) ?? article.url}
        </a>
      ) : null,
    ],
  ];
  return (
    <dl className="details">
      {rows
        .filter(([, value]) => value !== null && value !== '' && value !== undefined)
        .map(([label, value]) => (
          <div key={label} className="details__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function QuoteList({ quotes, activeQuoteId, onActivate }: { quotes: readonly Quote[]; activeQuoteId: string | null; onActivate(id: string): void }) {
  const stances = useStancesOf(quotes.map((q) => q.id));
  if (quotes.length === 0) return <p className="muted">No quotes yet.</p>;
  return (
    <ul className="plain-list quote-cards">
      {quotes.map((quote) => (
        <li key={quote.id}>
          <button
            type="button"
            className={`quote-card${quote.id === activeQuoteId ? ' is-active' : ''}`}
            aria-pressed={quote.id === activeQuoteId}
            onClick={() => onActivate(quote.id)}
          >
            <span className="quote-card__text">“{truncate(quote.text, 180)}”</span>
            <span className="quote-card__meta">
              <span>{quote.speakerName ?? 'Unattributed'}</span>
              {quote.anchorStatus === 'orphan' && <span className="badge badge--warning">Not found in text</span>}
            </span>
            {(stances.get(quote.id) ?? []).length > 0 && (
              <span className="chip-row">
                {(stances.get(quote.id) ?? []).map((s) => (
                  <StanceChip key={s.id} value={s.value} topic={s.topicTitle} />
                ))}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

function LinkList({ links, direction, onOpenItem }: { links: readonly Link[]; direction: 'outgoing' | 'incoming'; onOpenItem(id: string, type: ItemType): void }) {
  if (links.length === 0) {
    return <p className="muted">{direction === 'outgoing' ? 'This article links to nothing yet.' : 'Nothing links here yet.'}</p>;
  }
  return (
    <ul className="plain-list link-list">
      {links.map((link) => {
        const targetId = direction === 'outgoing' ? link.toId : link.fromId;
        const targetType = direction === 'outgoing' ? link.toType : link.fromType;
        const title = direction === 'outgoing' ? link.toTitle : link.fromTitle;
        return (
          <li key={link.id} className="link-list__item">
            <span className="link-list__type">{(direction === 'outgoing' ? LINK_LABELS : BACKLINK_LABELS)[link.type]}</span>
            {targetType === 'url' && link.toUrl ? (
              <a href={link.toUrl} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
                <Icon name="external" />
                {title || hostOf(link.toUrl) || link.toUrl}
              </a>
            ) : targetId && targetType !== 'url' ? (
              <button type="button" className="link-button" onClick={() => onOpenItem(targetId, targetType)}>
                {title}
              </button>
            ) : (
              <span>{title}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
