import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { PROJECT_ROOT } from '../paths';

/** The FTS5 ranking function the extension adds (main/sqlite-ext/sourcebook-rank.c). */
export const RANK_FUNCTION = 'sourcebook_bm25';
/** Its snippet function (the same file): snippet()'s form, cut from the document's part it shows. */
export const SNIPPET_FUNCTION = 'sourcebook_snippet';

/**
 * Where scripts/build-sqlite-ext.mjs puts the built extension. The Electron bundle names the app
 * root in SOURCEBOOK_APP_ROOT (main/electron/main.ts); a packaged app keeps it beside app.asar, in
 * app.asar.unpacked (electron-builder.yml): SQLite opens it with the OS loader, which cannot read
 * inside an asar archive.
 */
export function rankExtensionPath(appRoot = process.env.SOURCEBOOK_APP_ROOT ?? PROJECT_ROOT, platform = process.platform): string {
  const suffix = platform === 'win32' ? 'dll' : platform === 'darwin' ? 'dylib' : 'so';
  const file = path.join(appRoot, 'native', 'sqlite-ext', `sourcebook-rank.${suffix}`);
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

let warned = false;
const withRankFunction = new WeakSet<Database>();

/**
 * Adds `sourcebook_bm25` to this connection. False when the extension is not built (no C compiler
 * at install) or will not load: search then ranks with FTS5's bm25, in the same order but walking
 * each word's whole doclist per search. Said once per process, on stderr, never to the user's
 * screen: nothing is wrong with the library. SOURCEBOOK_RANK_EXTENSION=off leaves it out (to compare).
 */
export function loadRankExtension(db: Database, file = rankExtensionPath()): boolean {
  if (process.env.SOURCEBOOK_RANK_EXTENSION === 'off') return false;
  if (!fs.existsSync(file)) {
    warnOnce(`the search ranking extension is not built (${file}; run npm install)`);
    return false;
  }
  try {
    // SQLite finds the entry point from the file name: sourcebook-rank → sqlite3_sourcebookrank_init.
    db.loadExtension(file);
    withRankFunction.add(db);
    return true;
  } catch (error) {
    warnOnce(`the search ranking extension did not load (${(error as Error).message})`);
    return false;
  }
}

function warnOnce(what: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`sourcebook: ${what}; search ranks with FTS5's bm25 instead, slower on big libraries.\n`);
}

/** Whether `sourcebook_bm25` was added to this connection. */
export function hasRankFunction(db: Database): boolean {
  return withRankFunction.has(db);
}
