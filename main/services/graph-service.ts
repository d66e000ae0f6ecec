import { AppError } from '../../shared/errors';
import type { GraphEdge, GraphNode, ItemGraph } from '../../shared/domain/analysis';
import { findItem } from '../db/repositories/items';
import type { ServiceContext } from './context';

const MAX_NODES = 150;

/**
 * One item's neighbourhood for the graph view: its typed links both ways, and the structural
 * edges a researcher expects to click through (an article's quotes, a quote's speaker).
 */
export class GraphService {
  constructor(private readonly ctx: ServiceContext) {}

  async neighbourhood(id: string, depth: number): Promise<ItemGraph> {
    const center = findItem(this.ctx.db, id);
    if (!center || center.deletedAt) throw new AppError('not-found', `No item with id ${id}.`, { id });
    const nodes = new Map<string, GraphNode>([[id, { id, type: center.type, title: center.title }]]);
    const edges = new Map<string, GraphEdge>();
    let frontier = [id];
    for (let level = 0; level < depth && frontier.length > 0 && nodes.size < MAX_NODES; level++) {
      const next: string[] = [];
      for (const nodeId of frontier) {
        for (const edge of this.edgesOf(nodeId)) {
          for (const endpoint of [edge.from, edge.to]) {
            if (nodes.has(endpoint) || nodes.size >= MAX_NODES) continue;
            const node = this.node(endpoint);
            if (!node) continue;
            nodes.set(endpoint, node);
            if (node.type !== 'url') next.push(endpoint);
          }
          if (nodes.has(edge.from) && nodes.has(edge.to)) edges.set(edge.id, edge);
        }
      }
      frontier = next;
    }
    return { center: id, nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  private node(id: string): GraphNode | null {
    if (id.startsWith('url:')) return { id, type: 'url', title: id.slice(4) };
    const item = findItem(this.ctx.db, id);
    return item && !item.deletedAt ? { id, type: item.type, title: item.title } : null;
  }

  private edgesOf(id: string): GraphEdge[] {
    const db = this.ctx.db;
    const links = db
      .prepare('SELECT id, type, from_id, to_id, to_url FROM links WHERE deleted_at IS NULL AND (from_id = ? OR to_id = ?) LIMIT 200')
      .all(id, id) as { id: string; type: GraphEdge['type']; from_id: string; to_id: string | null; to_url: string | null }[];
    const edges: GraphEdge[] = links.map((l) => ({ id: l.id, from: l.from_id, to: l.to_id ?? `url:${l.to_url}`, type: l.type }));
    const quotesOfArticle = db.prepare('SELECT id FROM quotes WHERE article_id = ? AND deleted_at IS NULL LIMIT 100').all(id) as { id: string }[];
    for (const q of quotesOfArticle) edges.push({ id: `quote-of:${q.id}`, from: q.id, to: id, type: 'quote-of' });
    const quote = db.prepare('SELECT article_id, speaker_id FROM quotes WHERE id = ?').get(id) as { article_id: string; speaker_id: string | null } | undefined;
    if (quote) {
      edges.push({ id: `quote-of:${id}`, from: id, to: quote.article_id, type: 'quote-of' });
      if (quote.speaker_id) edges.push({ id: `said-by:${id}`, from: id, to: quote.speaker_id, type: 'said-by' });
    }
    const quotesBySpeaker = db.prepare('SELECT id FROM quotes WHERE speaker_id = ? AND deleted_at IS NULL LIMIT 100').all(id) as { id: string }[];
    for (const q of quotesBySpeaker) edges.push({ id: `said-by:${q.id}`, from: q.id, to: id, type: 'said-by' });
    return edges;
  }
}
