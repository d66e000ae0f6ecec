import type { AnchorStatus, ItemType, LinkType, StanceValue } from './entities';

/** One piece of evidence for a stance: a quote (or an article or a direct speaker stance). */
export interface StanceEvidence {
  stanceId: string;
  value: StanceValue;
  subjectType: 'quote' | 'article' | 'speaker';
  subjectId: string;
  quoteText: string | null;
  /** A quote's: whether its words are still where they were marked in its source (null otherwise). */
  anchorStatus: AnchorStatus | null;
  articleId: string | null;
  articleTitle: string | null;
  siteName: string | null;
  /**
   * When the stance was held: a quote's said-at (as it is now; else its article's date), an
   * article's date, a speaker's given date; else when the stance was set.
   */
  date: string;
  note: string;
  /** False for a stance of the same subject that a later one replaced (kept as history). */
  isCurrent: boolean;
}

export interface StanceMatrixRow {
  /** A speaker id, or null for an outlet row. */
  speakerId: string | null;
  label: string;
  kind: 'speaker' | 'outlet';
  role: string | null;
  /** The current position: set directly, or derived from the newest evidence. */
  current: StanceValue;
  isDerived: boolean;
  counts: Record<StanceValue, number>;
  evidence: Record<StanceValue, StanceEvidence[]>;
}

export interface StanceMatrix {
  topicId: string;
  topicTitle: string;
  speakers: StanceMatrixRow[];
  outlets: StanceMatrixRow[];
  totals: Record<StanceValue, number>;
  /** Every piece of evidence by date, oldest first. */
  timeline: (StanceEvidence & { label: string })[];
}

export interface SpeakerTopicStance {
  topicId: string;
  topicTitle: string;
  current: StanceValue;
  isDerived: boolean;
  /** Oldest first: how the position moved over time. */
  history: StanceEvidence[];
}

export interface GraphNode {
  id: string;
  type: ItemType | 'url';
  title: string;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  type: LinkType | 'quote-of' | 'said-by';
}

export interface ItemGraph {
  center: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}
