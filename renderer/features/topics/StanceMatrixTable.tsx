import { Fragment, useId, useState } from 'react';
import type { StanceEvidence, StanceMatrixRow } from '../../../shared/domain/analysis';
import { STANCE_VALUES, type StanceValue } from '../../../shared/domain/entities';
import { STANCE_LABELS, StanceChip } from '../../components/StanceChip';
import { formatDate, truncate } from '../../lib/format';
import type { OpenItem } from '../shell/navigation';
import { VerbatimBadge } from '../quotes/VerbatimBadge';

export interface StanceMatrixTableProps {
  caption: string;
  rows: readonly StanceMatrixRow[];
  /** Name of the row header column ("Speaker", "Outlet"). */
  rowHeader: string;
  onOpenItem: OpenItem;
  /** Speaker rows get a "Set stance" action. */
  onSetStance?(row: StanceMatrixRow): void;
}

const rowKey = (row: StanceMatrixRow) => row.speakerId ?? `outlet:${row.label}`;

/**
 * Who stands where: one row per speaker (or outlet), one column per stance with the number of
 * pieces of evidence; a count opens the evidence (quotes with speaker, article and date) under
 * its row. A real table, so a screen reader reads "Alvarez, Opposes, 2".
 */
export function StanceMatrixTable({ caption, rows, rowHeader, onOpenItem, onSetStance }: StanceMatrixTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const idBase = useId();
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const colSpan = STANCE_VALUES.length + 2 + (onSetStance ? 1 : 0);
  return (
    <table className="stance-matrix">
      <caption className="stance-matrix__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="stance-matrix__row-header">
            {rowHeader}
          </th>
          <th scope="col">Position</th>
          {STANCE_VALUES.map((v) => (
            <th key={v} scope="col" className="stance-matrix__count-header" aria-label={STANCE_LABELS[v]}>
              <StanceChip value={v} />
            </th>
          ))}
          {onSetStance && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = rowKey(row);
          const opened = STANCE_VALUES.filter((v) => open.has(`${key}|${v}`));
          return (
            <Fragment key={key}>
              <tr className="stance-matrix__row" data-row={row.label}>
                <th scope="row" className="stance-matrix__label">
                  {row.speakerId ? (
                    <button type="button" className="link-button" onClick={() => onOpenItem(row.speakerId!, 'speaker')}>
                      {row.label}
                    </button>
                  ) : (
                    <span>{row.label}</span>
                  )}
                  {row.role && <span className="stance-matrix__role">{truncate(row.role, 60)}</span>}
                </th>
                <td className="stance-matrix__position">
                  <StanceChip value={row.current} />
                  <span className="stance-matrix__source">{row.isDerived ? 'from evidence' : 'set directly'}</span>
                </td>
                {STANCE_VALUES.map((v) => {
                  const count = row.counts[v];
                  const cellKey = `${key}|${v}`;
                  const panelId = `${idBase}-${encodeURIComponent(key)}-${v}`;
                  return (
                    <td key={v} className={`stance-matrix__cell stance-matrix__cell--${v}${count > 0 ? ' has-count' : ''}`}>
                      {count > 0 ? (
                        <button
                          type="button"
                          className={`stance-matrix__count stance-matrix__count--${v}`}
                          aria-expanded={open.has(cellKey)}
                          aria-controls={open.has(cellKey) ? panelId : undefined}
                          aria-label={`${row.label}: ${count} ${STANCE_LABELS[v].toLowerCase()}. ${open.has(cellKey) ? 'Hide' : 'Show'} evidence`}
                          onClick={() => toggle(cellKey)}
                        >
                          {count}
                        </button>
                      ) : (
                        <span className="stance-matrix__zero" aria-label={`${row.label}: none ${STANCE_LABELS[v].toLowerCase()}`}>
                          0
                        </span>
                      )}
                    </td>
                  );
                })}
                {onSetStance && (
                  <td className="stance-matrix__actions">
                    {row.speakerId && (
                      <button type="button" className="button button--ghost button--small" onClick={() => onSetStance(row)}>
                        Set stance
                      </button>
                    )}
                  </td>
                )}
              </tr>
              {opened.map((v) => (
                <tr key={v} className="stance-matrix__evidence-row" id={`${idBase}-${encodeURIComponent(key)}-${v}`}>
                  <td colSpan={colSpan}>
                    <EvidenceList
                      label={`${row.label} — ${STANCE_LABELS[v]}`}
                      speaker={row.kind === 'speaker' ? row.label : null}
                      value={v}
                      evidence={row.evidence[v]}
                      onOpenItem={onOpenItem}
                    />
                  </td>
                </tr>
              ))}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

export function evidenceText(e: StanceEvidence): string {
  if (e.subjectType === 'quote') return `“${e.quoteText ?? ''}”`;
  if (e.subjectType === 'speaker') return 'Stance set directly';
  return e.articleTitle ?? 'The article as a whole';
}

function EvidenceList({
  label,
  speaker,
  value,
  evidence,
  onOpenItem,
}: {
  label: string;
  /** Who said it (speaker rows); an outlet row's evidence has many speakers. */
  speaker: string | null;
  value: StanceValue;
  evidence: readonly StanceEvidence[];
  onOpenItem: OpenItem;
}) {
  return (
    <div className="evidence">
      <p className="evidence__title">
        <StanceChip value={value} /> <span>{label}</span>
      </p>
      <ul className="plain-list evidence__list" aria-label={`Evidence: ${label}`}>
        {[...evidence]
          .sort((a, b) => b.date.localeCompare(a.date))
          .map((e) => (
            <li key={e.stanceId} className="evidence__item">
              <span className={e.subjectType === 'quote' ? 'evidence__quote' : 'evidence__other'}>{truncate(evidenceText(e), 320)}</span>
              <span className="evidence__meta">
                {speaker && e.subjectType === 'quote' && <span className="evidence__speaker">— {speaker}</span>}
                {e.articleId && e.articleTitle && (
                  <button type="button" className="link-button" onClick={() => onOpenItem(e.subjectType === 'quote' ? e.subjectId : e.articleId!, e.subjectType === 'quote' ? 'quote' : 'article')}>
                    {truncate(e.articleTitle, 80)}
                  </button>
                )}
                {e.siteName && <span>{e.siteName}</span>}
                <time dateTime={e.date}>{formatDate(e.date)}</time>
                {e.anchorStatus && <VerbatimBadge status={e.anchorStatus} />}
              </span>
              {e.note && <span className="evidence__note">{e.note}</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
