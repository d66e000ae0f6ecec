import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { performance } from 'node:perf_hooks';
import type { CheckReport, LibraryInfo, OptimizeReport } from '../../shared/domain/entities';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';
import type { ServiceContext } from './context';
import { APP_VERSION } from '../app-version';
import { searchFactsDrift, searchIndexDrift } from './search/index-check';
import { catchUpPairs } from '../db/phrase-pairs';
import { refreshCommonTerms } from './search/common-terms';
import { recordMerged, searchIndexes } from './search/index-merge';
import { suggestQuotes } from './suggest';
import { DB_FILE_NAME } from '../db/open-database';
import { copyDatabase } from '../db/online-backup';
import { LIBRARY_FILE_FOLDERS } from './restore';

export class LibraryService {
  constructor(private readonly ctx: ServiceContext) {}

  async info(): Promise<LibraryInfo> {
    const count = (sql: string) => (this.ctx.db.prepare(sql).get() as { n: number }).n;
    const live = (table: string) => count(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`);
    return {
      path: this.ctx.libraryDir,
      dbPath: this.ctx.dbPath,
      schemaVersion: this.ctx.db.pragma('user_version', { simple: true }) as number,
      appVersion: APP_VERSION,
      counts: {
        articles: live('articles'),
        quotes: count('SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.deleted_at IS NULL AND a.deleted_at IS NULL'),
        speakers: live('speakers'),
        topics: live('topics'),
        notes: live('notes'),
        collections: live('collections'),
        tags: count('SELECT count(*) AS n FROM tags'),
        links: live('links'),
        trash: count(`SELECT count(DISTINCT trash_batch) AS n FROM (
          SELECT trash_batch FROM articles WHERE deleted_at IS NOT NULL UNION ALL SELECT trash_batch FROM quotes WHERE deleted_at IS NOT NULL
          UNION ALL SELECT trash_batch FROM speakers WHERE deleted_at IS NOT NULL UNION ALL SELECT trash_batch FROM topics WHERE deleted_at IS NOT NULL
          UNION ALL SELECT trash_batch FROM notes WHERE deleted_at IS NOT NULL UNION ALL SELECT trash_batch FROM collections WHERE deleted_at IS NOT NULL
          UNION ALL SELECT trash_batch FROM links WHERE deleted_at IS NOT NULL UNION ALL SELECT trash_batch FROM stances WHERE deleted_at IS NOT NULL)`),
      },
    };
  }

  /**
   * `sourcebook check`: SQLite's integrity check, foreign keys, every FTS5 index's own integrity
   * check, the id registry, that every anchored quote's text is where its offsets say, and that no
   * article was left partial (without its text, or without the suggested quotes its clip stores in
   * the same transaction). The crash tests run exactly this (test/helpers/verify-library.ts).
   * `deep` (`sourcebook check --deep`): also every search index against one rebuilt from the items
   * on a temporary copy of the file, the phrase-pair indexes refilled (FTS5's own integrity check
   * does not see a row an external-content index holds too many). Minutes for a big library (111 s at
   * 20k articles, 14 minutes at 100k), in little memory: the indexes are compared a row of the vocabulary at a time.
   */
  async check(options: { deep?: boolean } = {}): Promise<CheckReport> {
    const db = this.ctx.db;
    const checks: CheckReport['checks'] = [];
    const run = (name: string, fn: () => string | null) => {
      try {
        const problem = fn();
        checks.push(problem ? { name, ok: false, detail: problem } : { name, ok: true });
      } catch (error) {
        checks.push({ name, ok: false, detail: (error as Error).message });
      }
    };
    run('integrity', () => {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      return rows.length === 1 && rows[0]!.integrity_check === 'ok' ? null : rows.map((r) => r.integrity_check).slice(0, 10).join('; ');
    });
    run('foreign keys', () => {
      const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      return rows.length === 0 ? null : `${rows.length} rows point at missing parents (first: ${rows[0]!.table} row ${rows[0]!.rowid} → ${rows[0]!.parent})`;
    });
    for (const name of searchIndexes(this.ctx.db)) {
      run(`search index ${name}`, () => {
        db.prepare(`INSERT INTO "${name}"("${name}") VALUES ('integrity-check')`).run();
        return null;
      });
    }
    run('search facts', () => {
      const drifted = searchFactsDrift(db);
      return drifted.length === 0 ? null : `${drifted.join(', ')} differ from the items (search filters may answer wrongly)`;
    });
    if (options.deep) {
      run('search indexes rebuilt', () => {
        const drifted = searchIndexDrift(db);
        return drifted.length === 0 ? null : `${drifted.join(', ')} differ from a rebuild from the items (searches may miss items or find ones that are gone)`;
      });
    }
    run('id registry', () => {
      const tables = ['articles', 'quotes', 'speakers', 'topics', 'notes', 'collections', 'tags', 'links', 'stances'];
      const missing = tables.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t} x WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = x.id)`).get() as { n: number }).n, 0);
      return missing === 0 ? null : `${missing} items are missing from the id registry`;
    });
    run('quote anchors', () => {
      // Offsets count UTF-16 units (JavaScript's), SQLite's substr counts characters: they part after
      // an emoji. SQL finds the candidates cheaply; JavaScript has the last word on each.
      const suspects = db.prepare(
        `SELECT q.text AS quote, q.start_offset AS start, q.end_offset AS end, a.text FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE q.anchor_status IN ('exact','moved') AND substr(a.text, q.start_offset + 1, q.end_offset - q.start_offset) <> q.text`,
      );
      let bad = 0;
      for (const r of suspects.iterate() as Iterable<{ quote: string; start: number; end: number; text: string }>) if (r.text.slice(r.start, r.end) !== r.quote) bad++;
      return bad === 0 ? null : `${bad} quotes are not at their recorded place in the article text`;
    });
    run('articles have text', () => {
      const blank = (column: string) => `length(trim(${column}, ' ' || char(9, 10, 13))) = 0`;
      const bad = db.prepare(`SELECT count(*) AS n FROM articles WHERE ${blank('text')} OR ${blank('html')}`).get() as { n: number };
      return bad.n === 0 ? null : `${bad.n} articles have no text`;
    });
    run('suggested quotes', () => {
      // A clip stores the article and its suggestions in one transaction, so an article whose text
      // has quotations but that has no suggestion row at all was cut short. Only articles that
      // cannot have lost them legitimately are looked at: not imported ones (imports store none)
      // and not ones with quotes (a re-clip leaves out suggestions that a quote already takes).
      // Known speakers are left out: they only name speakers, and the library's change over time.
      const candidates = db.prepare(
        `SELECT id, text FROM articles a WHERE source_kind <> 'import'
           AND NOT EXISTS (SELECT 1 FROM quote_suggestions s WHERE s.article_id = a.id)
           AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)`,
      );
      const missing: string[] = [];
      for (const a of candidates.iterate() as Iterable<{ id: string; text: string }>) {
        if (suggestQuotes(a.text, { knownSpeakers: [] }).length > 0) missing.push(a.id);
      }
      if (missing.length === 0) return null;
      return `${missing.length} articles have quotations in their text but no suggested quotes stored (first: ${missing[0]}); run \`sourcebook suggest ID\` on each to find them again`;
    });
    const problems = checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    return { ok: problems.length === 0, problems, checks };
  }

  /**
   * `sourcebook optimize`: merge each search index into one segment and refresh SQLite's planner
   * statistics. An index grown item by item is a stack of segments that every search reads and
   * merges; after a large import or years of clipping, one segment makes searches about 10% faster
   * (measured on the 100k-article benchmark library, where it takes about 7 s). Safe to run any
   * time; other readers keep working (WAL), writers wait.
   * The app and browser mode merge indexes of many segments in the background too (index-merge.ts).
   * First it fills the phrase pairs rows wait for (main/db/phrase-pairs.ts), as the app does in
   * the background: a library upgraded from before them, used from the command line only. Last it
   * counts the big indexes' common words again (common-terms.ts; ~2.5 s at 100k articles).
   */
  async optimize(): Promise<OptimizeReport> {
    const started = performance.now();
    let pairsFilled = 0;
    for (let filled = catchUpPairs(this.ctx.db, 2000); filled > 0; filled = catchUpPairs(this.ctx.db, 2000)) pairsFilled += filled;
    const indexes = searchIndexes(this.ctx.db);
    for (const name of indexes) {
      this.ctx.db.prepare(`INSERT INTO ${name}(${name}) VALUES ('optimize')`).run();
      // The app's background merge (index-merge.ts) leaves it for a week.
      recordMerged(this.ctx.db, name, new Date(this.ctx.now()));
    }
    this.ctx.db.pragma('optimize');
    const commonWordsCounted = refreshCommonTerms(this.ctx.db, { force: true });
    return { indexes, pairsFilled, commonWordsCounted, ms: Math.round(performance.now() - started) };
  }

  /**
   * A consistent copy through SQLite's online backup: safe while the app is writing. Only the
   * database: stored images (`assets/`) and raw page snapshots (`snapshots/`) are files beside it,
   * copied too with `withFiles` (a folder that opens as a library of its own).
   */
  async backup(target: string, options: { withFiles?: boolean } = {}): Promise<{ path: string; bytes: number; files?: number }> {
    // A folder (an existing one, or a path ending in a separator) gets a dated file inside it.
    const isFolder = /[\\/]$/.test(target) || (fs.existsSync(target) && fs.statSync(target).isDirectory());
    if (isFolder && !fs.existsSync(target)) throw new AppError('io/failed', `The folder ${path.resolve(target)} does not exist.`, { path: path.resolve(target) });
    const dated = `sourcebook-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const out = isFolder ? path.join(path.resolve(target), options.withFiles ? dated : `${dated}.db`) : path.resolve(target);
    if (fs.existsSync(out)) throw new AppError('conflict', `${out} already exists; choose a new ${options.withFiles ? 'folder' : 'file'} name.`, { path: out });
    if (!fs.existsSync(path.dirname(out))) throw new AppError('io/failed', `The folder ${path.dirname(out)} does not exist.`, { path: out });
    if (options.withFiles) return this.backupWithFiles(out);
    try {
      await copyDatabase(this.ctx.db, out);
    } catch (error) {
      fs.rmSync(out, { force: true });
      if (error instanceof AppError) throw error;
      throw new AppError('io/failed', `Could not write the backup to ${out}: ${(error as Error).message}`, { path: out });
    }
    return { path: out, bytes: fs.statSync(out).size };
  }

  /**
   * The database copy plus `assets/` and `snapshots/`, written under a temporary name and renamed,
   * so a failed backup never leaves a folder that looks whole. The database is copied first: a file
   * is written before the row that names it commits, so every file the copy refers to exists by
   * then (only a purge, in between, could remove one).
   */
  private async backupWithFiles(out: string): Promise<{ path: string; bytes: number; files: number }> {
    const partial = `${out}.partial-${process.pid}`;
    try {
      fs.mkdirSync(partial);
      const db = path.join(partial, DB_FILE_NAME);
      await copyDatabase(this.ctx.db, db);
      let files = 0;
      let bytes = fs.statSync(db).size;
      for (const folder of LIBRARY_FILE_FOLDERS) {
        const from = path.join(this.ctx.libraryDir, folder);
        if (!fs.existsSync(from)) continue;
        fs.cpSync(from, path.join(partial, folder), { recursive: true });
        const size = folderSize(path.join(partial, folder));
        files += size.files;
        bytes += size.bytes;
      }
      fs.renameSync(partial, out);
      return { path: out, bytes, files };
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (error instanceof AppError) throw error;
      throw new AppError('io/failed', `Could not write the backup to ${out}: ${(error as Error).message}`, { path: out });
    }
  }
}


function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

export { LATEST_SCHEMA_VERSION };
