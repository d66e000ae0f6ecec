import { useCallback, useId, useState, type Ref } from 'react';
import type { ArticleList } from '../../../shared/api/schemas';
import type { ArticleSummary } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { PagedListPane } from '../../components/PagedListPane';
import { formatDate, hostOf, plural } from '../../lib/format';
import type { LibraryFilter } from '../shell/navigation';

const SORTS = {
  newest: { label: 'Newest clipped', sort: 'clippedAt', order: 'desc' },
  oldest: { label: 'Oldest clipped', sort: 'clippedAt', order: 'asc' },
  published: { label: 'Newest published', sort: 'publishedAt', order: 'desc' },
  title: { label: 'Title A–Z', sort: 'title', order: 'asc' },
  site: { label: 'Site A–Z', sort: 'siteName', order: 'asc' },
  longest: { label: 'Longest', sort: 'wordCount', order: 'desc' },
} as const satisfies Record<string, { label: string; sort: ArticleList['sort']; order: 'asc' | 'desc' }>;
type SortKey = keyof typeof SORTS;

const ROW_HEIGHT = 56;

export interface ArticleListPaneProps {
  filter: LibraryFilter;
  selectedId: string | null;
  onSelect(id: string | null): void;
  onOpen(): void;
  onNewArticle(): void;
  /** Ids just moved to the trash: their stale rows must not be selected again. */
  trashedIds: ReadonlySet<string>;
  listRef: Ref<HTMLDivElement>;
}

function filterTitle(filter: LibraryFilter): string {
  if (filter.kind === 'tag') return `Tag: ${filter.tag}`;
  if (filter.kind === 'collection') return filter.name;
  return 'All articles';
}

/** The middle pane: every article (or one tag's or collection's), 100k rows without a stutter. */
export function ArticleListPane({ filter, selectedId, onSelect, onOpen, onNewArticle, trashedIds, listRef }: ArticleListPaneProps) {
  const [sortKey, setSortKey] = useState<SortKey>('newest');
  const sortId = useId();
  const sort = SORTS[sortKey];
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('articles.list', {
        offset,
        limit,
        sort: sort.sort,
        order: sort.order,
        ...(contains ? { contains } : {}),
        ...(filter.kind === 'tag' ? { tag: filter.tag } : {}),
        ...(filter.kind === 'collection' ? { collectionId: filter.id } : {}),
      }),
    [filter, sort],
  );

  return (
    <PagedListPane<ArticleSummary>
      title={filterTitle(filter)}
      noun="article"
      label="Articles"
      fetchPage={fetchPage}
      filterLabel="Filter by title"
      resetKey={JSON.stringify([filter, sortKey])}
      getKey={(a) => a.id}
      rowHeight={ROW_HEIGHT}
      renderRow={(article) => <ArticleRow article={article} />}
      selectedId={selectedId}
      onSelect={onSelect}
      onOpen={onOpen}
      excludedKeys={trashedIds}
      listRef={listRef}
      empty={<ListEmptyState filter={filter} contains="" onNewArticle={onNewArticle} />}
      emptyFiltered={(contains) => <ListEmptyState filter={filter} contains={contains} onNewArticle={onNewArticle} />}
      controls={
        <>
          <label htmlFor={sortId} className="visually-hidden">
            Sort
          </label>
          <select id={sortId} className="select select--small" value={sortKey} onChange={(e) => setSortKey(e.target.value as SortKey)}>
            {Object.entries(SORTS).map(([key, s]) => (
              <option key={key} value={key}>
                {s.label}
              </option>
            ))}
          </select>
        </>
      }
    />
  );
}

function ArticleRow({ article }: { article: ArticleSummary }) {
  const site = article.siteName ?? hostOf(article.url);
  const date = formatDate(article.publishedAt ?? article.clippedAt);
  return (
    <div className="article-row">
      <span className="article-row__title">{article.title}</span>
      <span className="article-row__meta">
        {site && <span className="article-row__site">{site}</span>}
        <span>{date}</span>
        {article.quoteCount > 0 && (
          <span className="article-row__quotes" title={plural(article.quoteCount, 'quote')}>
            <Icon name="quote" size={12} />
            <span className="visually-hidden">Quotes:</span> {article.quoteCount}
          </span>
        )}
        {article.tags.slice(0, 3).map((tag) => (
          <span key={tag} className="mini-tag">
            {tag}
          </span>
        ))}
      </span>
    </div>
  );
}

function ListEmptyState({ filter, contains, onNewArticle }: { filter: LibraryFilter; contains: string; onNewArticle(): void }) {
  if (contains) {
    return (
      <EmptyState icon="search" title={`No articles match “${contains}”.`}>
        <p>The filter looks at titles only. Use the search field (/) to search the full text.</p>
      </EmptyState>
    );
  }
  if (filter.kind === 'tag') {
    return (
      <EmptyState icon="tag" title={`No articles tagged “${filter.tag}”.`}>
        <p>Tag an article in the inspector on the right.</p>
      </EmptyState>
    );
  }
  if (filter.kind === 'collection') {
    return (
      <EmptyState icon="collection" title="This collection is empty.">
        <p>Add an article to it from the Collections section of the inspector.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon="library"
      title="No articles yet."
      action={
        <button type="button" className="button button--primary" onClick={onNewArticle}>
          <Icon name="plus" />
          New article
        </button>
      }
    >
      <p>
        Paste an article with{' '}
        <span className="nowrap">
          <kbd>Ctrl</kbd>+<kbd>V</kbd>
        </span>{' '}
        or <span className="nowrap">New article (<kbd>N</kbd>).</span>
      </p>
    </EmptyState>
  );
}
