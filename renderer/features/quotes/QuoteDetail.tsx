import type { Quote } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { StanceChip } from '../../components/StanceChip';
import { formatDate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import type { OpenItem } from '../shell/navigation';
import { LinksSection } from '../graph/LinksSection';
import { NoteBacklinks } from '../notes/NoteBacklinks';
import { StanceForm } from './StanceForm';
import { VERBATIM, VerbatimBadge } from './VerbatimBadge';

const KIND_LABELS: Record<Quote['kind'], string> = {
  direct: 'Direct quote',
  indirect: 'Indirect quote',
  paraphrase: 'Paraphrase',
  highlight: 'Highlight',
};

/** One quote: its words, speaker, source article and stances, with a form to record a stance. */
export function QuoteDetail({ id, onOpenItem }: { id: string | null; onOpenItem: OpenItem }) {
  const { revision } = useLibrary();
  const { data } = useQuery(id ? () => call('items.get', { id }) : null, [id, revision], 'Could not open the quote');
  const detail = data && data.id === id && data.type === 'quote' ? data : undefined;
  if (!id || !detail) {
    return (
      <section className="detail-pane" aria-label="Quote">
        <EmptyState icon="quote" title={id ? 'Loading…' : 'No quote selected'}>
          {!id && <p>Choose a quote in the list to see its source and stances.</p>}
        </EmptyState>
      </section>
    );
  }
  const quote = detail.item as Quote;
  const current = detail.stances.filter((s) => s.isCurrent);
  const history = detail.stances.filter((s) => !s.isCurrent);
  return (
    <section className="detail-pane" aria-label="Quote">
      <div className="detail-pane__scroll">
        <blockquote className="quote-detail__text">“{quote.text}”</blockquote>
        <p className="quote-detail__attribution">
          —{' '}
          {quote.speakerId ? (
            <button type="button" className="link-button" onClick={() => onOpenItem(quote.speakerId!, 'speaker')}>
              {quote.speakerName}
            </button>
          ) : (
            <span className="muted">Unattributed</span>
          )}
          {quote.speakerRole && <span className="muted">, {quote.speakerRole}</span>}
        </p>
        <dl className="details">
          <div className="details__row">
            <dt>Kind</dt>
            <dd>{KIND_LABELS[quote.kind]}</dd>
          </div>
          {quote.saidAt && (
            <div className="details__row">
              <dt>Said</dt>
              <dd>{formatDate(quote.saidAt)}</dd>
            </div>
          )}
          <div className="details__row">
            <dt>Source</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => onOpenItem(quote.id, 'quote')}>
                <Icon name="library" size={12} /> {quote.articleTitle}
              </button>
            </dd>
          </div>
          <div className="details__row">
            <dt>In source</dt>
            <dd className="quote-detail__verbatim">
              <VerbatimBadge status={quote.anchorStatus} />
              <span className="muted">{VERBATIM[quote.anchorStatus].title}</span>
            </dd>
          </div>
          {quote.note && (
            <div className="details__row">
              <dt>Note</dt>
              <dd className="prewrap">{quote.note}</dd>
            </div>
          )}
        </dl>
        <h2 className="detail-pane__heading">Stances</h2>
        {current.length > 0 ? (
          <ul className="plain-list stance-list">
            {current.map((s) => (
              <li key={s.id}>
                <StanceChip value={s.value} topic={s.topicTitle} />
                {s.note && <span className="muted"> — {s.note}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No stance recorded yet.</p>
        )}
        {history.length > 0 && (
          <details className="history">
            <summary>Earlier stances ({history.length})</summary>
            <ul className="plain-list stance-list">
              {history.map((s) => (
                <li key={s.id}>
                  {/* When it was set: a quote's stances all share its said-at, the order of setting is what tells them apart. */}
                  <StanceChip value={s.value} topic={s.topicTitle} isHistory /> <span className="muted">set {formatDate(s.createdAt)}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
        <StanceForm subjectType="quote" subjectId={quote.id} />
        <LinksSection itemId={quote.id} links={detail.links} backlinks={detail.backlinks} onOpenItem={onOpenItem} />
        <NoteBacklinks itemId={quote.id} onOpenItem={onOpenItem} />
      </div>
    </section>
  );
}
