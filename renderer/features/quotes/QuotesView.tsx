import { useCallback, useId, useState } from 'react';
import type { Quote } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { PagedListPane } from '../../components/PagedListPane';
import { StanceChip } from '../../components/StanceChip';
import { truncate } from '../../lib/format';
import { useStanceIndex } from '../../lib/use-stances';
import type { OpenItem } from '../shell/navigation';
import { QuoteDetail } from './QuoteDetail';
import { VerbatimBadge } from './VerbatimBadge';

type QuoteFilter = 'all' | 'orphans';

/** Every quote in the library: who said it, where, and with which stance. */
export function QuotesView({ selectedId, onSelect, onOpenItem }: { selectedId: string | null; onSelect(id: string | null): void; onOpenItem: OpenItem }) {
  const stances = useStanceIndex();
  const [filter, setFilter] = useState<QuoteFilter>('all');
  const filterId = useId();
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('quotes.list', { offset, limit, sort: 'createdAt', order: 'desc', ...(contains ? { contains } : {}), ...(filter === 'orphans' ? { orphansOnly: true } : {}) }),
    [filter],
  );
  return (
    <div className="split-view">
      <PagedListPane<Quote>
        title={filter === 'orphans' ? 'Not found in source' : 'Quotes'}
        noun="quote"
        label="Quotes"
        filterLabel="Filter quotes"
        fetchPage={fetchPage}
        resetKey={`quotes:${filter}`}
        headerActions={
          <>
            <label htmlFor={filterId} className="visually-hidden">
              Show
            </label>
            <select id={filterId} className="select select--small" value={filter} onChange={(e) => setFilter(e.target.value as QuoteFilter)}>
              <option value="all">All quotes</option>
              <option value="orphans">Not found in source</option>
            </select>
          </>
        }
        getKey={(q) => q.id}
        rowHeight={84}
        selectedId={selectedId}
        onSelect={onSelect}
        renderRow={(quote) => (
          <div className="quote-row">
            <span className="quote-row__text">“{truncate(quote.text, 220)}”</span>
            <span className="quote-row__meta">
              <VerbatimBadge status={quote.anchorStatus} />
              <span className="quote-row__speaker">{quote.speakerName ?? 'Unattributed'}</span>
              <span className="quote-row__article">{quote.articleTitle}</span>
            </span>
            <span className="chip-row chip-row--nowrap">
              {(stances.get(quote.id) ?? []).map((s) => (
                <StanceChip key={s.id} value={s.value} topic={s.topicTitle} />
              ))}
            </span>
          </div>
        )}
        empty={
          filter === 'orphans' ? (
            <EmptyState icon="check" title="Every quote is still in its source.">
              <p>Quotes whose words can no longer be found in their article (after a re-clip changed the text) are listed here.</p>
            </EmptyState>
          ) : (
            <EmptyState icon="quote" title="No quotes yet.">
              <p>Select words in an article and press Q to record who said them; quotes from every article gather here.</p>
            </EmptyState>
          )
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No quotes contain “${text}”.`} />}
      />
      <QuoteDetail id={selectedId} onOpenItem={onOpenItem} />
    </div>
  );
}
