import type { LinkType } from '../../../shared/domain/entities';
import type { GraphEdge } from '../../../shared/domain/analysis';

/** How a link reads from its source ("A contradicts B")… */
export const LINK_LABELS: Record<LinkType, string> = {
  cites: 'cites',
  'quotes-from': 'quotes from',
  supports: 'supports',
  contradicts: 'contradicts',
  'responds-to': 'responds to',
  'same-as': 'same as',
  updates: 'updates',
};

/** …and from its target ("B is contradicted by A"). */
export const BACKLINK_LABELS: Record<LinkType, string> = {
  cites: 'cited by',
  'quotes-from': 'quoted by',
  supports: 'supported by',
  contradicts: 'contradicted by',
  'responds-to': 'answered by',
  'same-as': 'same as',
  updates: 'updated by',
};

/** Edge labels in the graph: links, plus the structural "quote of" and "said by". */
export const EDGE_LABELS: Record<GraphEdge['type'], string> = {
  ...LINK_LABELS,
  'quote-of': 'quote in',
  'said-by': 'said by',
};
