import { useCallback } from 'react';
import type { Topic } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { PagedListPane } from '../../components/PagedListPane';
import { plural, truncate } from '../../lib/format';
import type { OpenItem } from '../shell/navigation';
import { TopicPage } from './TopicPage';

/** Topics, and who stands where on each. */
export function TopicsView({ selectedId, onSelect, onOpenItem }: { selectedId: string | null; onSelect(id: string | null): void; onOpenItem: OpenItem }) {
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('topics.list', { offset, limit, sort: 'title', order: 'asc', ...(contains ? { contains } : {}) }),
    [],
  );
  return (
    <div className="split-view">
      <PagedListPane<Topic>
        title="Topics"
        noun="topic"
        label="Topics"
        filterLabel="Filter topics"
        fetchPage={fetchPage}
        resetKey="topics"
        getKey={(t) => t.id}
        rowHeight={52}
        selectedId={selectedId}
        onSelect={onSelect}
        renderRow={(topic) => (
          <div className="article-row">
            <span className="article-row__title">{topic.title}</span>
            <span className="article-row__meta">
              <span>{plural(topic.stanceCount, 'stance')}</span>
              {topic.description && <span>{truncate(topic.description, 60)}</span>}
            </span>
          </div>
        )}
        empty={
          <EmptyState icon="topic" title="No topics yet.">
            <p>A topic is created when you record a stance toward it: give a quote a stance in the quote form (Q in the reader) or on the quote’s page.</p>
          </EmptyState>
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No topics match “${text}”.`} />}
      />
      <TopicPage id={selectedId} onOpenItem={onOpenItem} />
    </div>
  );
}
