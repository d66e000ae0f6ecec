import { AppError } from '../../shared/errors';
import type { SuggestedQuote, SuggestedSource } from '../../shared/domain/extraction';
import type { Link, Quote } from '../../shared/domain/entities';
import type { QuoteSuggestion, SourceSuggestion } from '../../shared/api/methods-clip';
import type { ServiceContext } from './context';
import type { QuoteService } from './quote-service';
import type { SpeakerService } from './speaker-service';
import type { LinkService } from './link-service';
import { suggestQuotes, suggestSources } from './suggest';
import { DecidedSources, quoteKey, quoteTaking, type Span } from './suggest/decided';
import { linksOfHtml } from './html-text';
import { locateQuote } from './anchoring';

type QRaw = { id: string; article_id: string; text: string; start_offset: number; end_offset: number; speaker: string | null; speaker_mention: string | null; speaker_role: string | null; status: QuoteSuggestion['status']; quote_id: string | null };
type SRaw = { id: string; article_id: string; name: string; url: string | null; status: SourceSuggestion['status']; link_id: string | null };
const toQuoteSuggestion = (r: QRaw): QuoteSuggestion => ({
  id: r.id, articleId: r.article_id, text: r.text, start: r.start_offset, end: r.end_offset, speaker: r.speaker, speakerMention: r.speaker_mention,
  speakerRole: r.speaker_role, status: r.status, quoteId: r.quote_id,
});
const toSourceSuggestion = (r: SRaw): SourceSuggestion => ({ id: r.id, articleId: r.article_id, name: r.name, url: r.url, status: r.status, linkId: r.link_id });

/** What the user may change when accepting a suggested quotation. */
export interface QuoteSuggestionEdits {
  /** Another speaker, or null for none. */
  speaker?: string | null;
  kind?: Quote['kind'];
  /** A shorter passage from within the suggested one. */
  text?: string;
  /** Where `text` starts in the article, a hint when the words occur twice in the passage. */
  start?: number;
}

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
      .prepare(
        `SELECT s.name, s.kind, (SELECT group_concat(alias, char(31)) FROM speaker_aliases a WHERE a.speaker_id = s.id) AS aliases
         FROM speakers s WHERE s.deleted_at IS NULL LIMIT 5000`,
      )
      .all() as { name: string; kind: 'person' | 'organization'; aliases: string | null }[];
    const knownSpeakers = known.map((k) => ({
      name: k.name,
      aliases: k.aliases ? k.aliases.split('\u001f') : [],
      kind: k.kind === 'organization' ? ('org' as const) : ('person' as const),
    }));
    return { quotes: suggestQuotes(text, { knownSpeakers }), sources: suggestSources(text, links) };
  }

  /**
   * Store suggestions for an article, replacing its pending ones (inside the caller's transaction).
   * What the user already decided stays decided, also for a new version of the article: a
   * quotation accepted or dismissed before (by its words), a passage an existing quote already
   * takes, and an outlet accepted, dismissed or already linked as cited (by name or URL).
   */
  storeInTransaction(articleId: string, found: { quotes: SuggestedQuote[]; sources: SuggestedSource[] }): void {
    const db = this.ctx.db;
    db.prepare("DELETE FROM quote_suggestions WHERE article_id = ? AND status = 'pending'").run(articleId);
    db.prepare("DELETE FROM source_suggestions WHERE article_id = ? AND status = 'pending'").run(articleId);
    const now = this.ctx.now();

    const decidedQuotes = new Set((db.prepare('SELECT text FROM quote_suggestions WHERE article_id = ?').all(articleId) as { text: string }[]).map((r) => quoteKey(r.text)));
    const quotes = this.quoteSpans(articleId);
    const insertQuote = db.prepare(
      'INSERT INTO quote_suggestions (id, article_id, text, start_offset, end_offset, speaker, speaker_mention, speaker_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const q of found.quotes) {
      if (decidedQuotes.has(quoteKey(q.text)) || quoteTaking(q, quotes)) continue;
      insertQuote.run(this.ctx.newId(), articleId, q.text, q.start, q.end, q.speaker, q.speakerMention, q.speakerRole ?? null, now);
    }

    const decided = new DecidedSources();
    for (const r of db.prepare('SELECT name, url FROM source_suggestions WHERE article_id = ?').all(articleId) as { name: string; url: string | null }[]) decided.add(r.name, r.url);
    const linked = db
      .prepare(
        `SELECT l.to_url AS url, s.name AS name, a.url AS articleUrl, a.canonical_url AS canonicalUrl FROM links l
         LEFT JOIN speakers s ON s.id = l.to_id LEFT JOIN articles a ON a.id = l.to_id
         WHERE l.from_id = ? AND l.type = 'cites' AND l.deleted_at IS NULL`,
      )
      .all(articleId) as { url: string | null; name: string | null; articleUrl: string | null; canonicalUrl: string | null }[];
    for (const l of linked) {
      decided.add(l.name, l.url);
      decided.add(null, l.articleUrl);
      decided.add(null, l.canonicalUrl);
    }
    const insertSource = db.prepare('INSERT INTO source_suggestions (id, article_id, name, url, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const s of found.sources) {
      if (decided.has(s)) continue;
      decided.add(s.name, s.url);
      insertSource.run(this.ctx.newId(), articleId, s.name, s.url, now);
    }
  }

  /**
   * An article's suggestions. A pending quotation that a quote made since already takes (the user
   * marked it in the reader) is not offered; nothing is recorded for it, as the user decided
   * nothing, so trashing that quote offers the suggestion again.
   */
  async list(articleId: string, includeDone: boolean): Promise<{ quotes: QuoteSuggestion[]; sources: SourceSuggestion[] }> {
    const status = includeDone ? '' : "AND status = 'pending'";
    const quotes = this.quoteSpans(articleId);
    return {
      quotes: (this.ctx.db.prepare(`SELECT * FROM quote_suggestions WHERE article_id = ? ${status} ORDER BY start_offset`).all(articleId) as QRaw[])
        .map(toQuoteSuggestion)
        .filter((q) => q.status !== 'pending' || !quoteTaking(q, quotes)),
      sources: (this.ctx.db.prepare(`SELECT * FROM source_suggestions WHERE article_id = ? ${status} ORDER BY name`).all(articleId) as SRaw[]).map(toSourceSuggestion),
    };
  }

  /** The article's live quotes where they stand now (an orphan's offsets point nowhere). */
  private quoteSpans(articleId: string): (Span & { id: string })[] {
    return this.ctx.db
      .prepare("SELECT id, start_offset AS start, end_offset AS end FROM quotes WHERE article_id = ? AND deleted_at IS NULL AND anchor_status <> 'orphan'")
      .all(articleId) as (Span & { id: string })[];
  }

  /** `sourcebook suggest ID`: run the engines again over a stored article. */
  async rerun(articleId: string, article: { text: string; html: string }): Promise<{ quotes: QuoteSuggestion[]; sources: SourceSuggestion[] }> {
    const found = this.compute(article.text, linksOfHtml(article.html));
    this.ctx.write(() => this.storeInTransaction(articleId, found));
    return this.list(articleId, false);
  }

  /**
   * Accept a suggested quotation, as suggested or edited: another speaker (or none), another kind,
   * or a shorter passage (`text`, with its `start` as a hint) taken from within the suggested one.
   * When a quote of the article already takes the passage, that quote is the answer and no
   * duplicate is made.
   */
  async accept(id: string, edits: QuoteSuggestionEdits): Promise<Quote> {
    const quoteId = this.ctx.write(() => {
      const s = this.requireQuoteSuggestion(id);
      const span = this.editedSpan(s, edits);
      const existing = quoteTaking(span, this.quoteSpans(s.articleId));
      if (existing) {
        this.ctx.db.prepare("UPDATE quote_suggestions SET status = 'accepted', quote_id = ? WHERE id = ?").run(existing.id, id);
        return existing.id;
      }
      const speaker = edits.speaker === undefined ? s.speaker : edits.speaker;
      // The suggested role describes the suggested speaker; another speaker does not inherit it.
      const role = speaker && s.speaker && speaker.toLowerCase() === s.speaker.toLowerCase() ? s.speakerRole : null;
      const created = this.quotes.createInTransaction({
        articleId: s.articleId, text: span.text, start: span.start, kind: edits.kind ?? 'direct', origin: 'suggestion',
        ...(speaker ? { speaker } : {}), ...(role ? { speakerRole: role } : {}),
      });
      this.ctx.db.prepare("UPDATE quote_suggestions SET status = 'accepted', quote_id = ? WHERE id = ?").run(created, id);
      return created;
    });
    return this.quotes.require(quoteId);
  }

  /**
   * The passage to quote: the suggestion's own, or the edited text found within it (exactly, or
   * differing only in white space and quote-mark style), never anything outside it.
   */
  private editedSpan(s: QuoteSuggestion, edits: QuoteSuggestionEdits): Span & { text: string } {
    if (edits.text === undefined) return { text: s.text, start: s.start, end: s.end };
    const article = this.ctx.db.prepare('SELECT text FROM articles WHERE id = ?').get(s.articleId) as { text: string } | undefined;
    const passage = article?.text.slice(s.start, s.end);
    if (passage !== s.text) {
      throw new AppError('conflict', 'The article has changed since this suggestion was made. Use “Find again”, then edit the new suggestion.', { id: s.id });
    }
    const wanted = edits.text.trim();
    const hint = edits.start !== undefined && edits.start >= s.start ? { start: edits.start - s.start } : {};
    const found = wanted ? locateQuote(passage, { exact: wanted, ...hint }, { allowFuzzy: false }) : null;
    if (!found) {
      throw new AppError('validation', 'text: the edited text is not in the suggested passage. Shorten the passage; words cannot be added or changed.', { field: 'text', id: s.id });
    }
    return { text: passage.slice(found.start, found.end), start: s.start + found.start, end: s.start + found.end };
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

  /** Inside the caller's transaction, so two quick accepts cannot both create a quote. */
  private requireQuoteSuggestion(id: string): QuoteSuggestion {
    const r = this.ctx.db.prepare('SELECT * FROM quote_suggestions WHERE id = ?').get(id) as QRaw | undefined;
    if (!r) throw new AppError('not-found', `No quote suggestion ${id}.`, { id });
    if (r.status === 'accepted') throw new AppError('conflict', 'That suggestion was already accepted.', { id, quoteId: r.quote_id });
    return toQuoteSuggestion(r);
  }
}
