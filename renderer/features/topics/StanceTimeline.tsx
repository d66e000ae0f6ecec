import { useId, useMemo } from 'react';
import type { StanceMatrix } from '../../../shared/domain/analysis';
import { STANCE_VALUES, type StanceValue } from '../../../shared/domain/entities';
import { STANCE_LABELS, StanceChip } from '../../components/StanceChip';
import { formatDate, plural, truncate } from '../../lib/format';
import type { OpenItem } from '../shell/navigation';
import { evidenceText } from './StanceMatrixTable';

type Entry = StanceMatrix['timeline'][number];

const WIDTH = 720;
const LANE = 30;
const LEFT = 92;
const RIGHT = 24;
const TOP = 10;
const AXIS = 28;
const DAY = 86_400_000;

/** The same glyphs as StanceChip (check, cross, bar, half circle), drawn at a point. */
function Glyph({ value }: { value: StanceValue }) {
  switch (value) {
    case 'supports':
      return <path d="M-3.5 0.3l2.3 2.3 4.7-4.8" fill="none" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />;
    case 'opposes':
      return <path d="M-3 -3l6 6M3 -3l-6 6" fill="none" strokeWidth={1.8} strokeLinecap="round" />;
    case 'neutral':
      return <path d="M-3.5 0h7" fill="none" strokeWidth={1.8} strokeLinecap="round" />;
    case 'mixed':
      return <path d="M0 -4a4 4 0 0 1 0 8z" strokeWidth={0} className="timeline-point__fill" />;
  }
}

function ticksFor(min: number, max: number): { t: number; label: string }[] {
  const span = max - min;
  const count = 5;
  const byYear = span > 3 * 365 * DAY;
  return Array.from({ length: count }, (_, i) => {
    const t = min + (span * i) / (count - 1);
    const iso = new Date(t).toISOString();
    return { t, label: byYear ? iso.slice(0, 4) : formatDate(iso.slice(0, 10)) };
  });
}

/**
 * When each piece of evidence was said (or set), in one lane per stance: a small SVG with the
 * stance glyphs (never colour alone), and the same events as a dated list for screen readers
 * and for reading the details.
 */
export function StanceTimeline({ timeline, onOpenItem }: { timeline: readonly Entry[]; onOpenItem: OpenItem }) {
  const titleId = useId();
  const points = useMemo(() => timeline.map((e) => ({ e, t: Date.parse(e.date) })).filter((p) => Number.isFinite(p.t)), [timeline]);
  if (points.length === 0) return <p className="muted">No dated evidence yet. Quotes with a said-at date appear here.</p>;

  let min = Math.min(...points.map((p) => p.t));
  let max = Math.max(...points.map((p) => p.t));
  if (max - min < 2 * DAY) {
    min -= 15 * DAY;
    max += 15 * DAY;
  }
  const height = TOP + LANE * STANCE_VALUES.length + AXIS;
  const x = (t: number) => LEFT + ((t - min) / (max - min)) * (WIDTH - LEFT - RIGHT);
  const laneY = (v: StanceValue) => TOP + LANE * STANCE_VALUES.indexOf(v) + LANE / 2;
  // Points on the same day in the same lane fan out a little instead of hiding each other.
  const seen = new Map<string, number>();
  const placed = points.map((p) => {
    const px = x(p.t);
    const bucket = `${p.e.value}:${Math.round(px / 6)}`;
    const n = seen.get(bucket) ?? 0;
    seen.set(bucket, n + 1);
    return { ...p, px: px + (n % 2 === 0 ? 1 : -1) * Math.ceil(n / 2) * 13, py: laneY(p.e.value) };
  });
  const first = new Date(min).toISOString();
  const last = new Date(max).toISOString();
  const sorted = [...timeline].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <div className="stance-timeline-chart">
      <svg
        className="timeline-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={titleId}
        data-testid="topic-timeline"
      >
        <title id={titleId}>{`Timeline: ${plural(points.length, 'piece', 'pieces')} of evidence between ${formatDate(first.slice(0, 10))} and ${formatDate(last.slice(0, 10))}, by stance. The list below has each one.`}</title>
        {STANCE_VALUES.map((v) => (
          <g key={v} className={`timeline-lane timeline-lane--${v}`}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={laneY(v)} y2={laneY(v)} className="timeline-lane__line" />
            <text x={LEFT - 12} y={laneY(v)} textAnchor="end" dominantBaseline="central" className="timeline-lane__label">
              {STANCE_LABELS[v]}
            </text>
          </g>
        ))}
        {ticksFor(min, max).map((tick, i) => (
          <g key={i} className="timeline-tick">
            <line x1={x(tick.t)} x2={x(tick.t)} y1={TOP} y2={height - AXIS + 4} />
            <text x={x(tick.t)} y={height - 8} textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}>
              {tick.label}
            </text>
          </g>
        ))}
        {placed.map(({ e, px, py }) => (
          <g key={e.stanceId} className={`timeline-point timeline-point--${e.value}`} transform={`translate(${px.toFixed(1)} ${py})`}>
            <title>{`${formatDate(e.date)} — ${e.label}: ${STANCE_LABELS[e.value]} — ${truncate(evidenceText(e), 120)}`}</title>
            <circle r={8} />
            <Glyph value={e.value} />
          </g>
        ))}
      </svg>
      <details className="timeline-list">
        <summary>Timeline as a list ({sorted.length})</summary>
        <ol className="plain-list timeline-list__items">
          {sorted.map((e) => (
            <li key={e.stanceId} className="timeline-list__item">
              <time dateTime={e.date} className="timeline-list__date">
                {formatDate(e.date)}
              </time>
              <StanceChip value={e.value} isHistory={!e.isCurrent} />
              <span className="timeline-list__who">{e.label}</span>
              {e.subjectType === 'quote' ? (
                <button type="button" className="link-button timeline-list__what" onClick={() => onOpenItem(e.subjectId, 'quote')}>
                  {truncate(evidenceText(e), 140)}
                </button>
              ) : (
                <span className="timeline-list__what muted">{truncate(evidenceText(e), 140)}</span>
              )}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
