import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, PROJECT_ROOT } from '../helpers/cli';
import { verifyLibrary } from '../helpers/verify-library';
import { createServices } from '../../main/composition';

const BOOKS = 200;
const PER_BOOK = 10;

/** A Readwise highlights export we write ourselves: BOOKS books with PER_BOOK highlights each. */
function writeReadwiseCsv(file: string): void {
  const rows = ['Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags'];
  for (let b = 0; b < BOOKS; b++) {
    for (let h = 0; h < PER_BOOK; h++) {
      rows.push(`"Highlight ${h} of book ${b}: the harbour authority said the pier would open in spring ${2020 + (h % 5)}.",Harbour Book ${b},Author ${b},B0CRASH${b},,yellow,,location,${100 + h * 10},2024-03-0${1 + (h % 9)} 10:00:00+00:00,`);
    }
  }
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
}

/** Run an import and SIGKILL it after `killAfterMs` (or let it finish when null). */
function importAndKill(library: string, file: string, killAfterMs: number | null): Promise<{ finished: boolean; ms: number; reported: boolean }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--library', library, 'import', file, '--json'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      let reported = false;
      try {
        reported = typeof (JSON.parse(stdout) as { created?: number }).created === 'number';
      } catch {
        reported = false;
      }
      resolve({ finished: code === 0 && signal === null, ms: Date.now() - started, reported });
    });
  });
}

const articleCount = (library: string): number => {
  const app = createServices(library);
  try {
    return (app.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } finally {
    app.close();
  }
};

describe('crash safety: an import SIGKILLed at random moments', () => {
  let work: string;
  let readwise: string;
  let libraryJson: string;
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-crash-import-'));
    readwise = path.join(work, 'readwise.csv');
    writeReadwiseCsv(readwise);
    // The same books as a library export, which is read record by record (library-json-reader.ts).
    const app = createServices(path.join(work, 'source'));
    try {
      await app.dispatch('import.run', { path: readwise });
      libraryJson = path.join(work, 'library.json');
      const exported = await app.dispatch('export.run', { format: 'json', out: libraryJson });
      expect(exported.ok).toBe(true);
    } finally {
      app.close();
    }
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  async function killedImports(file: () => string, name: string, runs: number, minInterrupted: number): Promise<void> {
    // How long a whole import takes here, so the kills can be spread across it.
    const full = await importAndKill(path.join(work, `${name}-measure`), file(), null);
    expect(full.finished).toBe(true);
    expect(articleCount(path.join(work, `${name}-measure`))).toBe(BOOKS);

    let interrupted = 0;
    for (let run = 0; run < runs; run++) {
      const library = path.join(work, `${name}-${run}`);
      const killAt = Math.floor(full.ms * (0.3 + Math.random() * 0.8));
      const outcome = await importAndKill(library, file(), killAt);
      if (!outcome.finished) interrupted++;
      if (!fs.existsSync(path.join(library, 'sourcebook.db'))) continue; // killed before the library existed
      const problems = await verifyLibrary(library, []);
      expect(problems, `run ${run}`).toEqual([]);
      const count = articleCount(library);
      // One transaction: either every book or none of them, and a reported import is all there.
      expect([0, BOOKS], `run ${run} (killed at ${killAt} ms)`).toContain(count);
      if (outcome.reported) expect(count).toBe(BOOKS);
    }
    expect(interrupted).toBeGreaterThan(minInterrupted);
  }

  it('leaves all or nothing of the import, and a sound library, over 20 runs', async () => {
    await killedImports(() => readwise, 'readwise', 20, 5);
  }, 900_000);

  it('the same for a library export, checked then merged record by record, over 8 runs', async () => {
    await killedImports(() => libraryJson, 'json', 8, 2);
  }, 600_000);
});
