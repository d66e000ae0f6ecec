import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Page, Speaker, SpeakerKind } from '../../shared/domain/entities';
import type { SpeakerCreate, SpeakerList, SpeakerUpdate } from '../../shared/api/schemas';
import { parseEmbeds } from '../../shared/notes/embed-syntax';
import { likeContains } from '../db/repositories/rows';
import type { ServiceContext } from './context';
import { NoteEmbedIndex } from './notes/embed-index';
import { noteSearchBody, refreshNotesNaming } from './notes/search-text';

type Raw = {
  id: string; name: string; kind: SpeakerKind; role: string | null; affiliation: string | null; description: string | null;
  created_at: string; updated_at: string; deleted_at: string | null; quote_count: number; alias_list: string | null;
};
const COLUMNS = `s.id, s.name, s.kind, s.role, s.affiliation, s.description, s.created_at, s.updated_at, s.deleted_at,
  (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id AND q.deleted_at IS NULL) AS quote_count,
  (SELECT group_concat(alias, char(31)) FROM speaker_aliases sa WHERE sa.speaker_id = s.id) AS alias_list`;
const toSpeaker = (r: Raw): Speaker => ({
  id: r.id, name: r.name, kind: r.kind, role: r.role, affiliation: r.affiliation, description: r.description,
  createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, quoteCount: r.quote_count,
  aliases: r.alias_list ? r.alias_list.split('\u001f').sort((a, b) => a.localeCompare(b)) : [],
});
const clean = (name: string) => name.trim().replace(/\s+/g, ' ');

export class SpeakerService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: z.output<typeof SpeakerCreate>): Promise<Speaker> {
    const id = this.ctx.write(() => this.createInTransaction(input));
    return this.require(id);
  }

  private createInTransaction(input: z.output<typeof SpeakerCreate>): string {
    const id = this.ctx.newId();
    const now = this.ctx.now();
    this.ctx.db
      .prepare('INSERT INTO speakers (id, name, kind, role, affiliation, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, clean(input.name), input.kind, input.role ?? null, input.affiliation ?? null, input.description ?? null, now, now);
    this.addAliases(id, input.aliases ?? []);
    return id;
  }

  private addAliases(id: string, aliases: string[]): void {
    const insert = this.ctx.db.prepare('INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)');
    for (const alias of aliases) if (clean(alias)) insert.run(id, clean(alias));
  }

  /** The live speaker whose name or alias is `name` (case-insensitive), if any. */
  findByName(name: string): Speaker | undefined {
    const r = this.ctx.db
      .prepare(
        `SELECT ${COLUMNS} FROM speakers s WHERE s.deleted_at IS NULL AND (s.name = @name COLLATE NOCASE
           OR EXISTS (SELECT 1 FROM speaker_aliases sa WHERE sa.speaker_id = s.id AND sa.alias = @name COLLATE NOCASE))
         ORDER BY (s.name = @name COLLATE NOCASE) DESC, s.created_at LIMIT 1`,
      )
      .get({ name: clean(name) }) as Raw | undefined;
    if (r) return toSpeaker(r);
    // A bare surname ("Bresnick") names the one speaker whose full name ends with it, if only one does.
    if (/\s/.test(clean(name))) return undefined;
    const bySurname = this.ctx.db
      .prepare(`SELECT ${COLUMNS} FROM speakers s WHERE s.deleted_at IS NULL AND s.kind = 'person' AND s.name LIKE @pattern ESCAPE '\\' LIMIT 2`)
      .all({ pattern: `% ${clean(name).replace(/[\\%_]/g, (c) => `\\${c}`)}` }) as Raw[];
    return bySurname.length === 1 ? toSpeaker(bySurname[0]!) : undefined;
  }

  async resolve(name: string): Promise<Speaker> {
    const found = this.findByName(name);
    if (!found) throw new AppError('not-found', `No speaker named "${clean(name)}". List speakers with \`sourcebook list --type speaker\`.`, { name });
    return found;
  }

  /** Find by name or alias, else create (inside the caller's transaction). Returns the id. */
  findOrCreateInTransaction(name: string, role?: string | null): string {
    const found = this.findByName(name);
    if (found) return found.id;
    return this.createInTransaction({ name, kind: 'person', role: role ?? null });
  }

  async get(id: string): Promise<Speaker> {
    return this.require(id);
  }

  require(id: string): Speaker {
    const r = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM speakers s WHERE s.id = ? AND s.deleted_at IS NULL`).get(id) as Raw | undefined;
    if (!r) throw new AppError('not-found', `No speaker with id ${id}.`, { id });
    return toSpeaker(r);
  }

  /** Update fields; a rename keeps the old name as an alias so earlier mentions still resolve. */
  async update(input: z.output<typeof SpeakerUpdate>): Promise<Speaker> {
    const current = this.require(input.id);
    this.ctx.write(() => {
      this.ctx.db
        .prepare(
          `UPDATE speakers SET name = coalesce(@name, name), kind = coalesce(@kind, kind),
             role = CASE WHEN @setRole THEN @role ELSE role END,
             affiliation = CASE WHEN @setAffiliation THEN @affiliation ELSE affiliation END,
             description = CASE WHEN @setDescription THEN @description ELSE description END,
             updated_at = @now WHERE id = @id`,
        )
        .run({
          id: input.id, name: input.name ? clean(input.name) : null, kind: input.kind ?? null,
          setRole: input.role !== undefined ? 1 : 0, role: input.role ?? null,
          setAffiliation: input.affiliation !== undefined ? 1 : 0, affiliation: input.affiliation ?? null,
          setDescription: input.description !== undefined ? 1 : 0, description: input.description ?? null,
          now: this.ctx.now(),
        });
      if (input.aliases) {
        this.ctx.db.prepare('DELETE FROM speaker_aliases WHERE speaker_id = ?').run(input.id);
        this.addAliases(input.id, input.aliases);
      }
      if (input.name && clean(input.name) !== current.name) {
        this.addAliases(input.id, [current.name]);
        refreshNotesNaming(this.ctx.db, [input.id]);
      }
    });
    return this.require(input.id);
  }

  async list(p: SpeakerList): Promise<Page<Speaker>> {
    const where = ['s.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (p.contains) {
      where.push(`(s.name LIKE @contains ESCAPE '\\' OR EXISTS (SELECT 1 FROM speaker_aliases sa WHERE sa.speaker_id = s.id AND sa.alias LIKE @contains ESCAPE '\\'))`);
      params.contains = likeContains(p.contains);
    }
    if (p.kind) {
      where.push('s.kind = @kind');
      params.kind = p.kind;
    }
    if (p.tag) {
      where.push('EXISTS (SELECT 1 FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE tg.item_id = s.id AND t.name = @tag COLLATE NOCASE)');
      params.tag = p.tag;
    }
    const sort = p.sort === 'createdAt' ? 's.created_at' : p.sort === 'quoteCount' ? 'quote_count' : 's.name COLLATE NOCASE';
    const dir = p.order === 'desc' ? 'DESC' : 'ASC';
    const whereSql = where.join(' AND ');
    const total = (this.ctx.db.prepare(`SELECT count(*) AS n FROM speakers s WHERE ${whereSql}`).get(params) as { n: number }).n;
    const rows = this.ctx.db
      .prepare(`SELECT ${COLUMNS} FROM speakers s WHERE ${whereSql} ORDER BY ${sort} ${dir}, s.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: p.limit, offset: p.offset }) as Raw[];
    return { items: rows.map(toSpeaker), total, offset: p.offset, limit: p.limit };
  }

  /**
   * Merge a duplicate into the speaker that stays: its name and aliases become aliases, and its
   * quotes, stances, links, tags, collection memberships, attached notes and the notes' embeds of
   * it move. The emptied duplicate is removed (with what could not move: a link between the two
   * would now be a self-link, and one the survivor already has would be a duplicate).
   */
  async merge(fromId: string, intoId: string): Promise<Speaker> {
    if (fromId === intoId) throw new AppError('validation', 'fromId: cannot merge a speaker into itself', { field: 'fromId' });
    const from = this.require(fromId);
    this.require(intoId);
    const db = this.ctx.db;
    // A live link of the same type between the same ends already exists (merging must not duplicate it).
    const sameLink = (fromSql: string, toSql: string) => `EXISTS (SELECT 1 FROM links o WHERE o.deleted_at IS NULL AND o.type = links.type
      AND o.from_id = ${fromSql} AND o.to_id IS ${toSql} AND o.to_url IS links.to_url)`;
    this.ctx.write(() => {
      this.addAliases(intoId, [from.name, ...from.aliases]);
      db.prepare('UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?').run(intoId, fromId);
      db.prepare("UPDATE stances SET subject_id = ? WHERE subject_type = 'speaker' AND subject_id = ?").run(intoId, fromId);
      db.prepare(`UPDATE links SET from_id = @into WHERE from_id = @from AND (to_id IS NULL OR to_id <> @into) AND NOT ${sameLink('@into', 'links.to_id')}`).run({ into: intoId, from: fromId });
      db.prepare(`UPDATE links SET to_id = @into WHERE to_id = @from AND from_id <> @into AND NOT ${sameLink('links.from_id', '@into')}`).run({ into: intoId, from: fromId });
      db.prepare('INSERT OR IGNORE INTO taggings (tag_id, item_id, created_at) SELECT tag_id, ?, created_at FROM taggings WHERE item_id = ?').run(intoId, fromId);
      db.prepare('INSERT OR IGNORE INTO collection_items (collection_id, item_id, added_at) SELECT collection_id, ?, added_at FROM collection_items WHERE item_id = ?').run(intoId, fromId);
      db.prepare('UPDATE notes SET attached_id = ? WHERE attached_id = ?').run(intoId, fromId);
      this.repointNoteEmbeds(fromId, intoId);
      db.prepare('DELETE FROM speakers WHERE id = ?').run(fromId);
      db.prepare('DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias = (SELECT name FROM speakers WHERE id = ?) COLLATE NOCASE').run(intoId, intoId);
      db.prepare('UPDATE speakers SET updated_at = ? WHERE id = ?').run(this.ctx.now(), intoId);
    });
    return this.require(intoId);
  }

  /**
   * Point every note's embeds and references of `fromId` (`![[speaker:ID]]`, `[[speaker:ID]]`,
   * `[[speaker:ID|label]]`; shared/notes/EMBED-SYNTAX.md) at `intoId`, trashed notes too so they
   * come back whole. Only real tokens change: an id inside code is the writer's text. The caller
   * holds the write transaction; the notes' search index follows by its triggers.
   */
  private repointNoteEmbeds(fromId: string, intoId: string): void {
    const db = this.ctx.db;
    const notes = db.prepare('SELECT id, body, updated_at FROM notes WHERE instr(body, ?) > 0').all(fromId) as { id: string; body: string; updated_at: string }[];
    const embeds = new NoteEmbedIndex(db);
    for (const note of notes) {
      let body = '';
      let pos = 0;
      for (const token of parseEmbeds(note.body)) {
        if (token.id !== fromId) continue;
        const text = note.body.slice(token.from, token.to);
        body += note.body.slice(pos, token.from) + text.replace(`${token.type}:${fromId}`, `${token.type}:${intoId}`);
        pos = token.to;
      }
      if (pos === 0) continue;
      body += note.body.slice(pos);
      // The text changed, so updated_at moves (forward, even within a millisecond): an editor still
      // holding the old text gets a `conflict` on save instead of writing the old id back.
      let now = this.ctx.now();
      if (now <= note.updated_at) now = new Date(Date.parse(note.updated_at) + 1).toISOString();
      db.prepare('UPDATE notes SET body = ?, search_body = ?, updated_at = ? WHERE id = ?').run(body, noteSearchBody(db, body), now, note.id);
      embeds.sync(note.id);
    }
  }
}
