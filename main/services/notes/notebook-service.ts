import { AppError } from '../../../shared/errors';
import type { ItemType } from '../../../shared/domain/entities';
import { parseEmbeds } from '../../../shared/notes/embed-syntax';
import type {
  Bibliography, CitationResult, CitationStyle, EmbedPickerEntry, EmbedSource, NoteBacklink, NoteExportFormat, NoteMeta, ResolvedEmbed,
} from '../../../shared/notes/resolved';
import { findItem } from '../../db/repositories/items';
import { requireLiveItem } from '../items';
import type { Services } from '../services';
import { BIBLIOGRAPHY_HEADING, formatBibliography, formatSources } from './citations';
import { runsToHtml, runsToMarkdown, runsToText } from './csl-html';
import type { NoteEmbedIndex } from './embed-index';
import { exportNote, exportNotes } from './export';
import { sourceOf } from './export-model';
import { resolveEmbeds } from './resolve';

/**
 * Notes as research memos, beyond plain CRUD (NoteService): live embeds, backlinks, citations,
 * the `[[` picker's list, the topics a note is about, and export.
 */
export class NotebookService {
  constructor(
    private readonly services: () => Services,
    private readonly embedIndex: NoteEmbedIndex,
  ) {}

  private get s(): Services {
    return this.services();
  }

  resolve(ids: readonly string[]): Promise<Record<string, ResolvedEmbed>> {
    return resolveEmbeds(this.s, ids);
  }

  async backlinks(itemId: string): Promise<NoteBacklink[]> {
    const item = findItem(this.s.ctx.db, itemId);
    return this.embedIndex.backlinks(itemId, item?.type ?? null);
  }

  async citations(ids: readonly string[], style: CitationStyle): Promise<CitationResult> {
    const resolved = await this.resolve(ids);
    const sources: EmbedSource[] = [];
    const uncitable: string[] = [];
    for (const id of new Set(ids)) {
      const source = sourceOf(resolved[id]);
      if (source) sources.push(source);
      else uncitable.push(id);
    }
    const formatted = new Map(formatSources(sources, style).map((f) => [f.sourceId, f]));
    const citations = [...new Set(ids)].flatMap((id) => {
      const source = sourceOf(resolved[id]);
      const f = source ? formatted.get(source.articleId) : undefined;
      return f
        ? [{ id, sourceId: f.sourceId, inText: { text: runsToText(f.inText), html: runsToHtml(f.inText) }, reference: { text: runsToText(f.reference), html: runsToHtml(f.reference) } }]
        : [];
    });
    return { style, citations, uncitable };
  }

  async bibliography(noteId: string, style: CitationStyle): Promise<Bibliography> {
    const note = await this.s.notes.get(noteId);
    const resolved = await this.resolve(parseEmbeds(note.body).map((t) => t.id));
    const sources = Object.values(resolved).map(sourceOf).filter((x): x is EmbedSource => x !== null);
    const entries = formatBibliography(sources, style).map((e) => ({ sourceId: e.sourceId, text: runsToText(e.runs), html: runsToHtml(e.runs), markdown: runsToMarkdown(e.runs) }));
    const heading = BIBLIOGRAPHY_HEADING[style];
    return {
      style,
      heading,
      entries: entries.map(({ sourceId, text, html }) => ({ sourceId, text, html })),
      markdown: entries.length ? `## ${heading}\n\n${entries.map((e) => `- ${e.markdown}`).join('\n')}\n` : '',
    };
  }

  /** Quotes (newest first, up to maxQuotes), then speakers, topics, notes and the newest articles. */
  async embedIndexList(maxQuotes: number, maxArticles: number): Promise<EmbedPickerEntry[]> {
    const db = this.s.ctx.db;
    const quotes = db
      .prepare(
        `SELECT q.id, 'quote' AS type, substr(replace(q.text, char(10), ' '), 1, 200) AS title,
                trim(coalesce(s.name, 'Unattributed') || ' · ' || coalesce(a.site_name, a.title), ' ·') AS extra
           FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id AND s.deleted_at IS NULL
          WHERE q.deleted_at IS NULL ORDER BY q.created_at DESC LIMIT ?`,
      )
      .all(maxQuotes) as EmbedPickerEntry[];
    const others = db
      .prepare(
        `SELECT id, 'speaker' AS type, name AS title, trim(coalesce(role, '') || CASE WHEN affiliation IS NOT NULL THEN ' · ' || affiliation ELSE '' END, ' ·') AS extra
           FROM speakers WHERE deleted_at IS NULL
         UNION ALL SELECT id, 'topic', title, '' FROM topics WHERE deleted_at IS NULL
         UNION ALL SELECT id, 'note', coalesce(nullif(title, ''), substr(coalesce(search_body, body), 1, 80)), '' FROM notes WHERE deleted_at IS NULL`,
      )
      .all() as EmbedPickerEntry[];
    const articles = db
      .prepare(`SELECT id, 'article' AS type, title, coalesce(site_name, '') AS extra FROM articles WHERE deleted_at IS NULL ORDER BY clipped_at DESC LIMIT ?`)
      .all(maxArticles) as EmbedPickerEntry[];
    return [...quotes, ...others, ...articles];
  }

  async meta(id: string): Promise<NoteMeta> {
    const note = await this.s.notes.get(id);
    const db = this.s.ctx.db;
    const topics = db
      .prepare(`SELECT t.id, t.title FROM note_topics nt JOIN topics t ON t.id = nt.topic_id WHERE nt.note_id = ? AND t.deleted_at IS NULL ORDER BY t.title COLLATE NOCASE`)
      .all(id) as { id: string; title: string }[];
    const collections = db
      .prepare(`SELECT c.id, c.name FROM collection_items ci JOIN collections c ON c.id = ci.collection_id WHERE ci.item_id = ? AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE`)
      .all(id) as { id: string; name: string }[];
    const attachedItem = note.attachedId ? findItem(db, note.attachedId) : undefined;
    const attached = attachedItem ? { id: attachedItem.id, type: attachedItem.type as ItemType, title: attachedItem.title, isTrashed: attachedItem.deletedAt !== null } : null;
    return { id, topics, collections, tags: note.tags, attached };
  }

  async setTopics(id: string, topicIds: readonly string[]): Promise<NoteMeta> {
    await this.s.notes.get(id);
    const wanted = [...new Set(topicIds)];
    for (const topicId of wanted) requireLiveItem(this.s.ctx, topicId, ['topic']);
    this.s.ctx.write(() => {
      const db = this.s.ctx.db;
      const now = this.s.ctx.now();
      db.prepare(`DELETE FROM note_topics WHERE note_id = ? AND topic_id NOT IN (SELECT value FROM json_each(?))`).run(id, JSON.stringify(wanted));
      const insert = db.prepare('INSERT OR IGNORE INTO note_topics (note_id, topic_id, added_at) VALUES (?, ?, ?)');
      for (const topicId of wanted) insert.run(id, topicId, now);
    });
    return this.meta(id);
  }

  async export(input: { id?: string; collectionId?: string; format: NoteExportFormat; citationStyle: CitationStyle | null }) {
    if (!input.id && !input.collectionId) throw new AppError('validation', 'id: give a note id or a collection id.');
    const file = input.id
      ? await exportNote(this.s, input.id, input.format, { citationStyle: input.citationStyle })
      : await exportNotes(this.s, input.collectionId!, input.format, { citationStyle: input.citationStyle });
    return { fileName: file.fileName, mimeType: file.mimeType, base64: Buffer.from(file.bytes).toString('base64'), bytes: file.bytes.byteLength };
  }
}
