import type { AnchorStatus } from '../../../shared/domain/entities';
import './quotes.css';

/**
 * Whether a quote's words are still in its source, in plain words: found as saved ("exact", or
 * "moved" to another place in a re-clipped text) is verbatim; found only approximately ("fuzzy")
 * means the source changed; not found at all ("orphan") must be checked by hand.
 */
export const VERBATIM: Record<AnchorStatus, { label: string; tone: 'ok' | 'warning' | 'danger'; title: string }> = {
  exact: { label: 'Verbatim', tone: 'ok', title: 'The quoted words are in the article exactly where they were marked.' },
  moved: { label: 'Verbatim', tone: 'ok', title: 'The quoted words are in the article, at another place than when they were marked.' },
  fuzzy: { label: 'Changed in source', tone: 'warning', title: 'Only similar words were found: the article text changed since the quote was marked.' },
  orphan: { label: 'Not found in source', tone: 'danger', title: 'The quoted words are no longer in the article text.' },
};

export function VerbatimBadge({ status }: { status: AnchorStatus }) {
  const v = VERBATIM[status];
  return (
    <span className={`verbatim verbatim--${v.tone}`} title={v.title} data-anchor-status={status}>
      <svg width="10" height="10" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {v.tone === 'ok' ? (
          <path d="M3 8.5l3.2 3.2L13 5" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" strokeLinejoin="round" />
        ) : v.tone === 'warning' ? (
          <path d="M2 9c2-3 4-3 6 0s4 3 6 0" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" />
        ) : (
          <path d="M8 3v6M8 12.5v.5" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" />
        )}
      </svg>
      {v.label}
    </span>
  );
}
