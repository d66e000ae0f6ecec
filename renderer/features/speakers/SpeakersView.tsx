import { useCallback } from 'react';
import type { Quote, Speaker } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { PagedListPane } from '../../components/PagedListPane';
import { StanceChip } from '../../components/StanceChip';
import { formatDate, plural, truncate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { useStancesOf } from '../../lib/use-stances';
import type { OpenItem } from '../shell/navigation';

/** People and organizations quoted in the library, with what they said. */
export function SpeakersView({ selectedId, onSelect, onOpenItem }: { selectedId: string | null; onSelect(id: string | null): void; onOpenItem: OpenItem }) {
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('speakers.list', { offset, limit, sort: 'name', order: 'asc', ...(contains ? { contains } : {}) }),
    [],
  );
  return (
    <div className="split-view">
      <PagedListPane<Speaker>
        title="Speakers"
        noun="speaker"
        label="Speakers"
        filterLabel="Filter speakers"
        fetchPage={fetchPage}
        resetKey="speakers"
        getKey={(s) => s.id}
        rowHeight={52}
        selectedId={selectedId}
        onSelect={onSelect}
        renderRow={(speaker) => (
          <div className="article-row">
            <span className="article-row__title">{speaker.name}</span>
            <span className="article-row__meta">
              <span>{[speaker.role, speaker.affiliation].filter(Boolean).join(', ') || (speaker.kind === 'organization' ? 'Organization' : 'Person')}</span>
              <span>{plural(speaker.quoteCount, 'quote')}</span>
            </span>
          </div>
        )}
        empty={
          <EmptyState icon="speaker" title="No speakers yet.">
            <p>Speakers appear when you attribute a quote to someone.</p>
          </EmptyState>
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No speakers match “${text}”.`} />}
      />
      <SpeakerDetail id={selectedId} onOpenItem={onOpenItem} />
    </div>
  );
}

function SpeakerDetail({ id, onOpenItem }: { id: string | null; onOpenItem: OpenItem }) {
  const { revision } = useLibrary();
  const { data } = useQuery(id ? () => call('items.get', { id }) : null, [id, revision], 'Could not open the speaker');
  const detail = data && data.id === id && data.type === 'speaker' ? data : undefined;
  const quoteStances = useStancesOf(detail?.quotes.map((q) => q.id) ?? []);
  if (!id || !detail) {
    return (
      <section className="detail-pane" aria-label="Speaker">
        <EmptyState icon="speaker" title={id ? 'Loading…' : 'No speaker selected'}>
          {!id && <p>Choose a speaker to see everything they said, and their stances over time.</p>}
        </EmptyState>
      </section>
    );
  }
  const speaker = detail.item as Speaker;
  return (
    <section className="detail-pane" aria-label="Speaker">
      <div className="detail-pane__scroll">
        <h2 className="detail-pane__title">{speaker.name}</h2>
        <p className="muted">
          {[speaker.kind === 'organization' ? 'Organization' : 'Person', speaker.role, speaker.affiliation].filter(Boolean).join(' · ')}
        </p>
        {speaker.aliases.length > 0 && <p className="muted">Also known as {speaker.aliases.join(', ')}</p>}
        {speaker.description && <p className="prewrap">{speaker.description}</p>}
        {detail.stances.some((s) => s.isCurrent) && (
          <>
            <h3 className="detail-pane__heading">Own stances</h3>
            <ul className="plain-list stance-list">
              {detail.stances
                .filter((s) => s.isCurrent)
                .map((s) => (
                  <li key={s.id}>
                    <StanceChip value={s.value} topic={s.topicTitle} />
                  </li>
                ))}
            </ul>
          </>
        )}
        <h3 className="detail-pane__heading">Quotes ({detail.quotes.length})</h3>
        {detail.quotes.length === 0 ? (
          <p className="muted">No quotes attributed yet.</p>
        ) : (
          <ul className="plain-list quote-cards">
            {detail.quotes.map((quote: Quote) => (
              <li key={quote.id}>
                <button type="button" className="quote-card" onClick={() => onOpenItem(quote.id, 'quote')}>
                  <span className="quote-card__text">“{truncate(quote.text, 240)}”</span>
                  <span className="quote-card__meta">
                    <span>{quote.articleTitle}</span>
                    {quote.saidAt && <span>{formatDate(quote.saidAt)}</span>}
                  </span>
                  {(quoteStances.get(quote.id) ?? []).length > 0 && (
                    <span className="chip-row">
                      {(quoteStances.get(quote.id) ?? []).map((s) => (
                        <StanceChip key={s.id} value={s.value} topic={s.topicTitle} />
                      ))}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
