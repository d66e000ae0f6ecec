import { useCallback } from 'react';
import { STANCE_VALUES, type ItemType, type Stance, type Topic } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { PagedListPane } from '../../components/PagedListPane';
import { StanceChip } from '../../components/StanceChip';
import { formatDate, plural, truncate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import type { OpenItem } from '../shell/navigation';

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
            <p>A topic is created when you record a stance toward it — select a quote and use “Record a stance”.</p>
          </EmptyState>
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No topics match “${text}”.`} />}
      />
      <TopicDetail id={selectedId} onOpenItem={onOpenItem} />
    </div>
  );
}

const SUBJECT_LABELS: Record<Stance['subjectType'], string> = { quote: 'Quote', article: 'Article', speaker: 'Speaker' };
const MAX_TITLES = 100;

function TopicDetail({ id, onOpenItem }: { id: string | null; onOpenItem: OpenItem }) {
  const { revision } = useLibrary();
  const { data } = useQuery(id ? () => call('items.get', { id }) : null, [id, revision], 'Could not open the topic');
  const detail = data && data.id === id && data.type === 'topic' ? data : undefined;
  const current = detail?.stances.filter((s) => s.isCurrent) ?? [];
  // A stance names its subject by id only; the titles come from one items.get each (first 100).
  const subjectKey = current.slice(0, MAX_TITLES).map((s) => s.subjectId).join(',');
  const { data: titles } = useQuery(
    current.length === 0
      ? null
      : async () => {
          const entries = await Promise.all(
            current.slice(0, MAX_TITLES).map(async (s) => [s.subjectId, (await call('items.get', { id: s.subjectId })).title] as const),
          );
          return new Map(entries);
        },
    [subjectKey, revision],
    'Could not load what the stances are about',
  );

  if (!id || !detail) {
    return (
      <section className="detail-pane" aria-label="Topic">
        <EmptyState icon="topic" title={id ? 'Loading…' : 'No topic selected'}>
          {!id && <p>Choose a topic to see who supports or opposes it.</p>}
        </EmptyState>
      </section>
    );
  }
  const topic = detail.item as Topic;
  const counts = STANCE_VALUES.map((value) => ({ value, count: current.filter((s) => s.value === value).length }));
  return (
    <section className="detail-pane" aria-label="Topic">
      <div className="detail-pane__scroll">
        <h2 className="detail-pane__title">{topic.title}</h2>
        {topic.description && <p className="prewrap">{topic.description}</p>}
        <ul className="plain-list stance-summary" aria-label="Stances by value">
          {counts.map(({ value, count }) => (
            <li key={value} className="stance-summary__item">
              <StanceChip value={value} />
              <span className="stance-summary__count">{count}</span>
            </li>
          ))}
        </ul>
        <h3 className="detail-pane__heading">Current stances ({current.length})</h3>
        {current.length === 0 ? (
          <p className="muted">No stances toward this topic yet.</p>
        ) : (
          <ul className="plain-list stance-rows">
            {current.map((s) => (
              <li key={s.id} className="stance-rows__item">
                <StanceChip value={s.value} />
                <span className="muted">{SUBJECT_LABELS[s.subjectType]}</span>
                <button type="button" className="link-button stance-rows__subject" onClick={() => onOpenItem(s.subjectId, s.subjectType as ItemType)}>
                  {truncate(titles?.get(s.subjectId) ?? '…', 140)}
                </button>
                <span className="muted">{formatDate(s.setAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
