import { useId, useMemo, useState } from 'react';
import type { GraphEdge, GraphNode, ItemGraph } from '../../../shared/domain/analysis';
import type { ItemType } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { hostOf, plural, truncate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { radialLayout } from './layout';
import { EDGE_LABELS } from './link-labels';
import './graph.css';

type NodeType = GraphNode['type'];

export const NODE_TYPE_LABELS: Record<NodeType, string> = {
  article: 'Article',
  quote: 'Quote',
  speaker: 'Speaker',
  topic: 'Topic',
  note: 'Note',
  collection: 'Collection',
  tag: 'Tag',
  link: 'Link',
  stance: 'Stance',
  url: 'Web page',
};

/** One letter inside each node: the shape of the information, not only its colour. */
const NODE_GLYPHS: Record<NodeType, string> = {
  article: 'A',
  quote: '“',
  speaker: 'S',
  topic: 'T',
  note: 'N',
  collection: 'C',
  tag: '#',
  link: 'L',
  stance: '±',
  url: '↗',
};

const CENTER_R = 22;
const NODE_R = 14;
/** Above this many nodes, only the centre and the hovered node carry a label (the list has them all). */
const MAX_LABELLED = 32;

export interface GraphDialogProps {
  itemId: string;
  onClose(): void;
  onOpenItem(id: string, type: ItemType): void;
}

/**
 * One item's neighbourhood (links, plus "quote in" and "said by"), depth 1 or 2, drawn radially.
 * Clicking a node re-centres the graph on it; the list beside the drawing is its keyboard and
 * screen-reader equivalent (each entry re-centres too), and "Open" goes to the centred item.
 */
export function GraphDialog({ itemId, onClose, onOpenItem }: GraphDialogProps) {
  const { revision } = useLibrary();
  const [centerId, setCenterId] = useState(itemId);
  const [trail, setTrail] = useState<string[]>([]);
  const [depth, setDepth] = useState<1 | 2>(1);
  const [hovered, setHovered] = useState<string | null>(null);
  const depthName = useId();
  const captionId = useId();
  const { data, error } = useQuery(() => call('items.graph', { id: centerId, depth }), [centerId, depth, revision], 'Could not load the graph');
  const graph = data && data.center === centerId ? data : undefined;
  const center = graph?.nodes.find((n) => n.id === graph.center);

  const recenter = (id: string) => {
    if (id === centerId) return;
    setTrail((t) => [...t, centerId]);
    setCenterId(id);
  };
  const back = () => {
    const previous = trail[trail.length - 1];
    if (previous === undefined) return;
    setTrail((t) => t.slice(0, -1));
    setCenterId(previous);
  };

  return (
    <Dialog title={center ? `Graph: ${truncate(center.title, 60)}` : 'Graph'} onClose={onClose} size="large">
      <div className="graph-view">
        <div className="graph-view__toolbar">
          <fieldset className="segmented graph-view__depth">
            <legend className="visually-hidden">Depth</legend>
            <span className="graph-view__depth-label" aria-hidden="true">
              Depth
            </span>
            <div className="segmented__options">
              {([1, 2] as const).map((d) => (
                <label key={d} className={`segmented__option${depth === d ? ' is-checked' : ''}`}>
                  <input type="radio" name={depthName} value={d} checked={depth === d} onChange={() => setDepth(d)} aria-label={d === 1 ? 'Depth 1: direct neighbours' : 'Depth 2: their neighbours too'} />
                  {d}
                </label>
              ))}
            </div>
          </fieldset>
          <span className="toolbar-spacer" />
          <button type="button" className="button button--small button--ghost" onClick={back} disabled={trail.length === 0}>
            <Icon name="arrowLeft" size={14} />
            Back
          </button>
          {center && center.type !== 'url' && (
            <button type="button" className="button button--small button--primary" onClick={() => onOpenItem(center.id, center.type as ItemType)}>
              Open {NODE_TYPE_LABELS[center.type].toLowerCase()}
            </button>
          )}
        </div>
        {!graph ? (
          <p className="graph-view__status" role="status">
            {error ? 'The graph could not be loaded; the error is shown at the bottom right.' : 'Loading…'}
          </p>
        ) : (
          <div className="graph-view__body">
            <GraphDrawing graph={graph} captionId={captionId} hovered={hovered} onHover={setHovered} onRecenter={recenter} />
            <NodeList graph={graph} onRecenter={recenter} onHover={setHovered} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** Labels sit outside their node, away from the centre: beside it on the sides, below or above it at the bottom or top. */
function labelPlacement(angle: number, r: number, isCenter: boolean): { x: number; y: number; textAnchor: 'start' | 'middle' | 'end' } {
  if (isCenter) return { x: 0, y: r + 16, textAnchor: 'middle' };
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  if (Math.abs(cos) < 0.4) return sin > 0 ? { x: 0, y: r + 15, textAnchor: 'middle' } : { x: 0, y: -r - 7, textAnchor: 'middle' };
  return { x: cos > 0 ? r + 6 : -r - 6, y: 4, textAnchor: cos > 0 ? 'start' : 'end' };
}

function edgeLabel(edge: GraphEdge, fromId: string): string {
  const label = EDGE_LABELS[edge.type];
  return edge.from === fromId ? label : `← ${label}`;
}

function GraphDrawing({
  graph,
  captionId,
  hovered,
  onHover,
  onRecenter,
}: {
  graph: ItemGraph;
  captionId: string;
  hovered: string | null;
  onHover(id: string | null): void;
  onRecenter(id: string): void;
}) {
  const layout = useMemo(() => radialLayout(graph), [graph]);
  const center = graph.nodes.find((n) => n.id === graph.center);
  const showAllLabels = graph.nodes.length <= MAX_LABELLED;
  const markerId = useId().replace(/:/g, '');
  return (
    <figure className="graph-view__figure">
      <svg
        className="graph-svg"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby={captionId}
        data-testid="graph-svg"
      >
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0 L10 5 L0 10 z" className="graph-svg__arrow" />
          </marker>
        </defs>
        {layout.radii.slice(1).map((r, i) => (
          <circle key={i} cx={layout.width / 2} cy={layout.height / 2} r={r} className="graph-svg__ring" />
        ))}
        {graph.edges.map((edge) => {
          const a = layout.positions.get(edge.from);
          const b = layout.positions.get(edge.to);
          if (!a || !b) return null;
          const ra = edge.from === graph.center ? CENTER_R : NODE_R;
          const rb = edge.to === graph.center ? CENTER_R : NODE_R;
          const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const ux = (b.x - a.x) / len;
          const uy = (b.y - a.y) / len;
          const isLit = hovered !== null && (edge.from === hovered || edge.to === hovered);
          return (
            <g key={edge.id} className={`graph-svg__edge graph-svg__edge--${edge.type}${isLit ? ' is-lit' : ''}`}>
              <line x1={a.x + ux * ra} y1={a.y + uy * ra} x2={b.x - ux * (rb + 2)} y2={b.y - uy * (rb + 2)} markerEnd={`url(#${markerId})`} />
              {(isLit || (showAllLabels && (edge.from === graph.center || edge.to === graph.center))) && (
                <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} className="graph-svg__edge-label" textAnchor="middle">
                  {EDGE_LABELS[edge.type]}
                </text>
              )}
            </g>
          );
        })}
        {graph.nodes.map((node) => {
          const p = layout.positions.get(node.id);
          if (!p) return null;
          const isCenter = node.id === graph.center;
          const r = isCenter ? CENTER_R : NODE_R;
          const canRecenter = node.type !== 'url' && !isCenter;
          return (
            <g
              key={node.id}
              className={`graph-node graph-node--${node.type}${isCenter ? ' is-center' : ''}${hovered === node.id ? ' is-hovered' : ''}${canRecenter ? ' is-clickable' : ''}`}
              transform={`translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`}
              data-node-id={node.id}
              onClick={canRecenter ? () => onRecenter(node.id) : undefined}
              onMouseEnter={() => onHover(node.id)}
              onMouseLeave={() => onHover(null)}
            >
              <title>{`${NODE_TYPE_LABELS[node.type]}: ${node.title}${canRecenter ? ' (click to centre the graph here)' : ''}`}</title>
              <circle r={r} className="graph-node__circle" />
              <text className="graph-node__glyph" textAnchor="middle" dominantBaseline="central">
                {NODE_GLYPHS[node.type]}
              </text>
              {(showAllLabels || isCenter || hovered === node.id) && (
                <text className="graph-node__label" {...labelPlacement(p.angle, r, isCenter)}>
                  {truncate(node.type === 'url' ? (hostOf(node.title) ?? node.title) : node.title, isCenter ? 48 : 30)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption id={captionId} className="graph-view__caption">
        {center ? `${NODE_TYPE_LABELS[center.type]} “${truncate(center.title, 80)}” and ${plural(graph.nodes.length - 1, 'connected item')}, ${plural(graph.edges.length, 'connection')}. ` : ''}
        Click a node to centre the graph on it; the list beside it has the same items.
      </figcaption>
    </figure>
  );
}

function NodeList({ graph, onRecenter, onHover }: { graph: ItemGraph; onRecenter(id: string): void; onHover(id: string | null): void }) {
  const headingId = useId();
  const others = graph.nodes.filter((n) => n.id !== graph.center);
  /** How each node relates to the centre (its direct connections; depth-2 nodes: "via …"). */
  const relation = (node: GraphNode): string => {
    const direct = graph.edges.filter((e) => (e.from === graph.center && e.to === node.id) || (e.to === graph.center && e.from === node.id));
    if (direct.length) return direct.map((e) => edgeLabel(e, graph.center)).join(', ');
    const via = graph.edges.find((e) => e.from === node.id || e.to === node.id);
    const other = via ? graph.nodes.find((n) => n.id === (via.from === node.id ? via.to : via.from)) : undefined;
    return via && other ? `${EDGE_LABELS[via.type]} · via ${truncate(other.title, 30)}` : '';
  };
  return (
    <nav className="graph-view__list" aria-labelledby={headingId}>
      <h3 id={headingId} className="graph-view__list-heading">
        Connected items ({others.length})
      </h3>
      {others.length === 0 ? (
        <p className="muted">Nothing is connected to this item yet. Add a link from its Links section.</p>
      ) : (
        <ul className="plain-list graph-view__items">
          {others.map((node) => (
            <li key={node.id} className="graph-view__item" onMouseEnter={() => onHover(node.id)} onMouseLeave={() => onHover(null)}>
              <span className="graph-view__item-meta">
                <span className={`graph-type graph-type--${node.type}`}>{NODE_TYPE_LABELS[node.type]}</span>
                <span className="graph-view__relation">{relation(node)}</span>
              </span>
              {node.type === 'url' ? (
                <a href={node.title} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" className="graph-view__item-title">
                  {hostOf(node.title) ?? node.title}
                </a>
              ) : (
                <button
                  type="button"
                  className="link-button graph-view__item-title"
                  onClick={() => onRecenter(node.id)}
                  onFocus={() => onHover(node.id)}
                  onBlur={() => onHover(null)}
                  aria-label={`Centre on ${NODE_TYPE_LABELS[node.type].toLowerCase()} ${node.title}`}
                >
                  {truncate(node.title, 90)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
