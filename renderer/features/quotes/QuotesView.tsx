import { useCallback } from 'react';
import type { Quote } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { PagedListPane } from '../../components/PagedListPane';
import { StanceChip } from '../../components/StanceChip';
import { truncate } from '../../lib/format';
import { useStanceIndex } from '../../lib/use-stances';
import type { OpenItem } from '../shell/navigation';
import { QuoteDetail } from './QuoteDetail';

/** Every quote in the library: who said it, where, and with which stance. */
export function QuotesView({ selectedId, onSelect, onOpenItem }: { selectedId: string | null; onSelect(id: string | null): void; onOpenItem: OpenItem }) {
  const stances = useStanceIndex();
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('quotes.list', { offset, limit, sort: 'createdAt', order: 'desc', ...(contains ? { contains } : {}) }),
    [],
  );
  return (
    <div className="split-view">
      <PagedListPane<Quote>
        title="Quotes"
        noun="quote"
        label="Quotes"
        filterLabel="Filter quotes"
        fetchPage={fetchPage}
        resetKey="quotes"
        getKey={(q) => q.id}
        rowHeight={84}
        selectedId={selectedId}
        onSelect={onSelect}
        renderRow={(quote) => (
          <div className="quote-row">
            <span className="quote-row__text">“{truncate(quote.text, 220)}”</span>
            <span className="quote-row__meta">
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
          <EmptyState icon="quote" title="No quotes yet.">
            <p>Open an article and mark who said what; quotes from every article gather here.</p>
          </EmptyState>
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No quotes contain “${text}”.`} />}
      />
      <QuoteDetail id={selectedId} onOpenItem={onOpenItem} />
    </div>
  );
}
