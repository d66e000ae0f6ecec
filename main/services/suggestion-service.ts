import { AppError } from '../../shared/errors';
import type { SuggestedQuote, SuggestedSource } from '../../shared/domain/extraction';
import type { Link, Quote } from '../../shared/domain/entities';
import type { QuoteSuggestion, SourceSuggestion } from '../../shared/api/methods-clip';
import type { ServiceContext } from './context';
import type { QuoteService } from './quote-service';
import type { SpeakerService } from './speaker-service';
import type { LinkService } from './link-service';
import { suggestQuotes, suggestSources } from './suggest';
import { linksOfHtml } from './html-text';

type QRaw = { id: string; article_id: string; text: string; start_offset: number; end_offset: number; speaker: string | null; speaker_mention: string | null; speaker_role: string | null; status: QuoteSuggestion['status']; quote_id: string | null };
type SRaw = { id: string; article_id: string; name: string; url: string | null; status: SourceSuggestion['status']; link_id: string | null };
const toQuoteSuggestion = (r: QRaw): QuoteSuggestion => ({
  id: r.id, articleId: r.article_id, text: r.text, start: r.start_offset, end: r.end_offset, speaker: r.speaker, speakerMention: r.speaker_mention,
  speakerRole: r.speaker_role, status: r.status, quoteId: r.quote_id,
});
const toSourceSuggestion = (r: SRaw): SourceSuggestion => ({ id: r.id, articleId: r.article_id, name: r.name, url: r.url, status: r.status, linkId: r.link_id });

/**
 * Quote and source suggestions: computed offline when an article is clipped, stored with it, and
 * shown to the user to accept (which creates the quote, finding or creating its speaker), edit or
 * dismiss. Nothing is created behind the user's back.
 */
export class SuggestionService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly quotes: QuoteService,
    private readonly speakers: SpeakerService,
    private readonly links: LinkService,
  ) {}

  /** Run the suggestion engines over an article's text, using the speakers the library knows. */
  compute(text: string, links: { href: string; text: string }[]): { quotes: SuggestedQuote[]; sources: SuggestedSource[] } {
    const known = this.ctx.db
      .prepare(`SELECT s.name, (SELECT group_concat(alias, char(31)) FROM speaker_aliases a WHERE a.speaker_id = s.id) AS aliases FROM speakers s WHERE s.deleted_at IS NULL LIMIT 5000`)
      .all() as { name: string; aliases: string | null }[];
    const knownSpeakers = known.map((k) => ({ name: k.name, aliases: k.aliases ? k.aliases.split('\u001f') : [] }));
    return { quotes: suggestQuotes(text, { knownSpeakers }), sources: suggestSources(text, links) };
  }

  /** Store suggestions for an article, replacing its pending ones (inside the caller's transaction). */
  storeInTransaction(articleId: string, found: { quotes: SuggestedQuote[]; sources: SuggestedSource[] }): void {
    const db = this.ctx.db;
    db.prepare("DELETE FROM quote_suggestions WHERE article_id = ? AND status = 'pending'").run(articleId);
    db.prepare("DELETE FROM source_suggestions WHERE article_id = ? AND status = 'pending'").run(articleId);
    const taken = new Set((db.prepare("SELECT start_offset || ':' || end_offset AS k FROM quote_suggestions WHERE article_id = ?").all(articleId) as { k: string }[]).map((r) => r.k));
    const insertQuote = db.prepare(
      'INSERT INTO quote_suggestions (id, article_id, text, start_offset, end_offset, speaker, speaker_mention, speaker_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const now = this.ctx.now();
    for (const q of found.quotes) {
      if (taken.has(`${q.start}:${q.end}`)) continue;
      insertQuote.run(this.ctx.newId(), articleId, q.text, q.start, q.end, q.speaker, q.speakerMention, q.speakerRole ?? null, now);
    }
    const insertSource = db.prepare('INSERT INTO source_suggestions (id, article_id, name, url, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const s of found.sources) insertSource.run(this.ctx.newId(), articleId, s.name, s.url, now);
  }

  async list(articleId: string, includeDone: boolean): Promise<{ quotes: QuoteSuggestion[]; sources: SourceSuggestion[] }> {
    const status = includeDone ? '' : "AND status = 'pending'";
    return {
      quotes: (this.ctx.db.prepare(`SELECT * FROM quote_suggestions WHERE article_id = ? ${status} ORDER BY start_offset`).all(articleId) as QRaw[]).map(toQuoteSuggestion),
      sources: (this.ctx.db.prepare(`SELECT * FROM source_suggestions WHERE article_id = ? ${status} ORDER BY name`).all(articleId) as SRaw[]).map(toSourceSuggestion),
    };
  }

  /** `sourcebook suggest ID`: run the engines again over a stored article. */
  async rerun(articleId: string, article: { text: string; html: string }): Promise<{ quotes: QuoteSuggestion[]; sources: SourceSuggestion[] }> {
    const found = this.compute(article.text, linksOfHtml(article.html));
    this.ctx.write(() => this.storeInTransaction(articleId, found));
    return this.list(articleId, false);
  }

  async accept(id: string, edits: { speaker?: string | null; kind?: Quote['kind'] }): Promise<Quote> {
    const s = this.requireQuoteSuggestion(id);
    const quoteId = this.ctx.write(() => {
      const speaker = edits.speaker === undefined ? s.speaker : edits.speaker;
      const created = this.quotes.createInTransaction({
        articleId: s.articleId, text: s.text, start: s.start, kind: edits.kind ?? 'direct', origin: 'suggestion',
        ...(speaker ? { speaker } : {}), ...(s.speakerRole ? { speakerRole: s.speakerRole } : {}),
      });
      this.ctx.db.prepare("UPDATE quote_suggestions SET status = 'accepted', quote_id = ? WHERE id = ?").run(created, id);
      return created;
    });
    return this.quotes.require(quoteId);
  }

  /** Accepting a source makes a `cites` link: to its URL when known, else to the outlet as an organisation. */
  async acceptSource(id: string): Promise<Link> {
    const r = this.ctx.db.prepare('SELECT * FROM source_suggestions WHERE id = ?').get(id) as SRaw | undefined;
    if (!r) throw new AppError('not-found', `No source suggestion ${id}.`, { id });
    let target: { toUrl: string } | { toId: string };
    if (r.url) target = { toUrl: r.url };
    else {
      const existing = this.speakers.findByName(r.name);
      const speakerId = existing?.id ?? (await this.speakers.create({ name: r.name, kind: 'organization' })).id;
      target = { toId: speakerId };
    }
    let link: Link;
    try {
      link = await this.links.create({ type: 'cites', fromId: r.article_id, ...target });
    } catch (error) {
      // Already linked: accepting again just marks the suggestion done.
      if ((error as AppError).code !== 'conflict') throw error;
      const existingId = ((error as AppError).details?.id as string) ?? null;
      this.ctx.write(() => this.ctx.db.prepare("UPDATE source_suggestions SET status = 'accepted', link_id = ? WHERE id = ?").run(existingId, id));
      return (await this.links.outgoing(r.article_id)).find((l) => l.id === existingId)!;
    }
    this.ctx.write(() => this.ctx.db.prepare("UPDATE source_suggestions SET status = 'accepted', link_id = ? WHERE id = ?").run(link.id, id));
    return link;
  }

  async dismiss(id: string): Promise<{ id: string }> {
    const changed = this.ctx.write(
      () =>
        this.ctx.db.prepare("UPDATE quote_suggestions SET status = 'dismissed' WHERE id = ?").run(id).changes +
        this.ctx.db.prepare("UPDATE source_suggestions SET status = 'dismissed' WHERE id = ?").run(id).changes,
    );
    if (!changed) throw new AppError('not-found', `No suggestion ${id}.`, { id });
    return { id };
  }

  private requireQuoteSuggestion(id: string): QuoteSuggestion {
    const r = this.ctx.db.prepare('SELECT * FROM quote_suggestions WHERE id = ?').get(id) as QRaw | undefined;
    if (!r) throw new AppError('not-found', `No quote suggestion ${id}.`, { id });
    if (r.status === 'accepted') throw new AppError('conflict', 'That suggestion was already accepted.', { id, quoteId: r.quote_id });
    return toQuoteSuggestion(r);
  }
}
