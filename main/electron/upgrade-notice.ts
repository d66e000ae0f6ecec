import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../db/migrations';
import type { Migration } from '../db/migrations/migration';
import { DB_FILE_NAME } from '../db/open-database';
import { openReadOnly } from '../db/read-only';

/**
 * The notice the desktop app shows while a library upgrade rewrites a table (migration 0180 took
 * 28 s at 100k articles): opening the library blocks the main process, and without it nothing
 * would be on screen meanwhile. No electron import, so it is unit-tested; main.ts shows it.
 */

/** Below this a rewrite is over in a few seconds: no notice (it would only flash). */
export const NOTICE_FROM_BYTES = 50 * 1024 * 1024;

export interface SlowUpgrade {
  from: number;
  to: number;
  /** The library file's size, for the notice's wording. */
  megabytes: number;
}

/**
 * Whether opening this library will first run an upgrade step that rewrites a table (the slow
 * kind), on a file big enough for it to take a while. Null for anything else, including a file
 * that is missing, not a database or damaged: opening it reports those as before.
 */
export function slowUpgradeAhead(libraryDir: string, migrations: readonly Migration[] = MIGRATIONS, fromBytes = NOTICE_FROM_BYTES): SlowUpgrade | null {
  const file = path.join(libraryDir, DB_FILE_NAME);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  if (size < fromBytes) return null;
  let version: number;
  try {
    const db = openReadOnly(file);
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
  const pending = migrations.filter((m) => m.version > version);
  // A new library (version 0) is created, not rewritten.
  if (version === 0 || !pending.some((m) => m.rewritesReferencedTable)) return null;
  return { from: version, to: pending[pending.length - 1]!.version, megabytes: Math.round(size / 1e6) };
}

/** The notice as a page of its own: no script, nothing loaded, announced to screen readers. */
export function upgradeNoticeHtml(upgrade: SlowUpgrade): string {
  const size = upgrade.megabytes >= 1000 ? `${(upgrade.megabytes / 1000).toFixed(1)} GB` : `${upgrade.megabytes} MB`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Upgrading the library</title>
<style>
  :root { color-scheme: light dark; font: 14px/1.45 system-ui, sans-serif; }
  body { margin: 0; padding: 24px 28px; }
  h1 { font-size: 16px; margin: 0 0 8px; }
  p { margin: 0 0 6px; }
  .bar { height: 4px; margin-top: 14px; border-radius: 2px; overflow: hidden; background: color-mix(in srgb, currentColor 15%, transparent); }
  .bar::after { content: ''; display: block; width: 30%; height: 100%; background: #3b6fd8; animation: slide 1.4s ease-in-out infinite; }
  @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(340%); } }
  @media (prefers-reduced-motion: reduce) { .bar::after { animation: none; width: 100%; opacity: 0.5; } }
</style></head>
<body><main role="status" aria-live="polite">
<h1>Upgrading your library…</h1>
<p>This version of Sourcebook stores the library (${size}) in a faster layout. It is done once and can take a minute; Sourcebook opens when it is finished.</p>
<p>A copy of the library as it was is kept in its backups folder first.</p>
<div class="bar" aria-hidden="true"></div>
</main></body></html>`;
}
