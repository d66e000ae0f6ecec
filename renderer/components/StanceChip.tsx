import type { StanceValue } from '../../shared/domain/entities';

/**
 * A stance, always as colour + icon + word, identical everywhere (STYLE §9: never colour alone).
 * The icons differ in shape, not only colour: a check, a cross, a bar, a half-filled circle.
 */
export const STANCE_LABELS: Record<StanceValue, string> = {
  supports: 'Supports',
  opposes: 'Opposes',
  neutral: 'Neutral',
  mixed: 'Mixed',
};

function StanceIcon({ value }: { value: StanceValue }) {
  const common = { width: 12, height: 12, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;
  switch (value) {
    case 'supports':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round">
          <path d="M3 8.5l3.2 3.2L13 5" />
        </svg>
      );
    case 'opposes':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      );
    case 'neutral':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round">
          <path d="M3.5 8h9" />
        </svg>
      );
    case 'mixed':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth={1.8} />
          <path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor" />
        </svg>
      );
  }
}

export interface StanceChipProps {
  value: StanceValue;
  /** The topic the stance is toward; shown after the word ("Supports · Carbon tax"). */
  topic?: string;
  /** Older stance kept as history. */
  isHistory?: boolean;
}

export function StanceChip({ value, topic, isHistory = false }: StanceChipProps) {
  const label = STANCE_LABELS[value];
  return (
    <span
      className={`stance-chip stance-chip--${value}${isHistory ? ' stance-chip--history' : ''}`}
      data-stance={value}
      title={topic ? `${label} ${topic}${isHistory ? ' (earlier stance)' : ''}` : label}
    >
      <StanceIcon value={value} />
      <span className="stance-chip__word">{label}</span>
      {topic && <span className="stance-chip__topic">{topic}</span>}
    </span>
  );
}
