import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSummary, ItemDetail, Link, Quote, Stance } from '../../shared/domain/entities';
import { runSourcebook, stderrLines, type CliResult } from '../../test/helpers/cli';
import { tempDir } from '../../test/helpers/temp-library';
import { createServices } from '../composition';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';

// Each spawn costs ~0.3 s (Node and the bundled CLI starting), so independent commands run side by side. The timeouts
// are generous because a loaded CI machine can make one start-up take several seconds.
const SLOW = { timeout: 120_000 };
let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('sourcebook-cli-');
});
afterAll(() => root.cleanup());

const ARTICLE = 'Tram vote\n\nThe mayor said the tram is coming by 2027. Tom Berg said the budget does not add up.';
const ok = (r: CliResult) => {
  expect(r.stderr.split('\n').filter((l) => l.startsWith('error:')), r.stderr).toEqual([]);
  expect(r.code, r.stderr).toBe(0);
  return r;
};
const json = <T>(r: CliResult): T => JSON.parse(ok(r).stdout) as T;
const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('sourcebook CLI', () => {
  it('runs the whole flow on a real library: clip, list, show, quote, stance, link, tag, trash, restore, backup, check', SLOW, async () => {
    const library = path.join(root.dir, 'flow');
    const file = path.join(root.dir, 'tram.txt');
    fs.writeFileSync(file, ARTICLE);
    const sb = (...args: string[]) => runSourcebook(['--library', library, ...args]);

    const clip = ok(await sb('clip', file, '--jsonl', '--tag', 'trams'));
    const lines = clip.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const clipped = JSON.parse(lines[0]!) as { id: string; duplicate: boolean; source: string; title: string };
    expect(clipped).toMatchObject({ source: file, duplicate: false, title: 'Tram vote' });
    const id = clipped.id;

    const [list, show] = await Promise.all([sb('list', '--json'), sb('show', id, '--json')]);
    const listed = json<{ type: string; total: number; items: ArticleSummary[] }>(list);
    expect(listed).toMatchObject({ type: 'article', total: 1 });
    expect(listed.items.map((a) => [a.id, a.tags])).toEqual([[id, ['trams']]]);
    const detail = json<ItemDetail>(show);
    expect(detail).toMatchObject({ type: 'article', id, title: 'Tram vote', tags: ['trams'], quotes: [] });

    const quote = json<Quote>(await sb('quote', 'add', '--article', id, '--text', 'the tram is coming by 2027', '--speaker', 'Maria Lopez', '--json'));
    expect(quote).toMatchObject({ articleId: id, text: 'the tram is coming by 2027', speakerName: 'Maria Lopez', anchorStatus: 'exact' });

    const [byQuote, byArticle, bySpeaker, link, tagged] = await Promise.all([
      sb('stance', 'set', '--quote', quote.id, '--topic', 'Build the tram', '--value', 'supports', '--json'),
      sb('stance', 'set', '--article', id, '--topic', 'Build the tram', '--value', 'mixed', '--json'),
      sb('stance', 'set', '--speaker', 'maria lopez', '--topic', 'Build the tram', '--value', 'supports', '--json'),
      sb('link', 'add', '--from', id, '--to', 'https://example.org/budget.pdf', '--type', 'cites', '--json'),
      sb('tag', 'add', quote.id, 'promises', '--json'),
    ]);
    expect(json<Stance>(byQuote)).toMatchObject({ subjectType: 'quote', subjectId: quote.id, value: 'supports', topicTitle: 'Build the tram' });
    expect(json<Stance>(byArticle)).toMatchObject({ subjectType: 'article', subjectId: id, value: 'mixed' });
    expect(json<Stance>(bySpeaker)).toMatchObject({ subjectType: 'speaker', subjectId: quote.speakerId, value: 'supports' });
    expect(json<Link>(link)).toMatchObject({ fromId: id, toType: 'url', toUrl: 'https://example.org/budget.pdf', type: 'cites' });
    expect(json<{ tags: string[] }>(tagged).tags).toEqual(['promises']);

    expect(json<{ tags: string[] }>(await sb('tag', 'remove', quote.id, 'promises', '--json')).tags).toEqual([]);
    expect(json<{ count: number }>(await sb('trash', id, '--json')).count).toBe(2);
    const restored = ok(await sb('restore', quote.id));
    expect(restored.stdout).toMatch(/^Restored /);

    const backupFile = path.join(root.dir, 'flow-backup.db');
    const [backup, check] = await Promise.all([sb('backup', backupFile, '--json'), sb('check')]);
    expect(json<{ path: string; bytes: number }>(backup)).toEqual({ path: backupFile, bytes: fs.statSync(backupFile).size });
    expect(ok(check).stdout).toMatch(/^ok: \d+ checks passed/);
    const deep = json<{ ok: boolean; checks: { name: string; ok: boolean }[] }>(await sb('check', '--deep', '--json'));
    expect(deep.ok).toBe(true);
    expect(deep.checks).toContainEqual({ name: 'search indexes rebuilt', ok: true });
    expect(ok(await sb('optimize')).stdout).toMatch(/^Optimized \d+ search indexes in \d+\.\d s\.$/m);

    // Everything the commands did is in the library.
    const app = createServices(library);
    try {
      const item = await app.services.items.get(id);
      expect(item.quotes.map((q) => q.id)).toEqual([quote.id]);
      expect(item.stances.map((s) => s.value)).toEqual(['mixed']);
      expect(item.links.map((l) => l.toUrl)).toEqual(['https://example.org/budget.pdf']);
      expect((await app.services.stances.list({ includeHistory: true })).length).toBe(3);
      expect(app.services.tags.tagsOf(quote.id)).toEqual([]);
    } finally {
      app.close();
    }
    const copy = new BetterSqlite3(backupFile, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM quotes').get()).toEqual({ n: 1 });
    copy.close();
  });

  it('reports errors and usage as the help text promises', SLOW, async () => {
    const library = path.join(root.dir, 'errors');
    const tooNew = path.join(root.dir, 'too-new');
    fs.mkdirSync(tooNew);
    const tooNewDb = path.join(tooNew, 'sourcebook.db');
    const raw = new BetterSqlite3(tooNewDb);
    raw.pragma(`application_id = ${0x53424b31}`);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const tooNewHash = hash(tooNewDb);
    const fromEnv = path.join(root.dir, 'from-env');

    const [help, unknownId, unknownOption, missingOption, badChoice, refused, envInfo] = await Promise.all([
      runSourcebook(['--help']),
      runSourcebook(['--library', library, 'show', 'no-such-id']),
      runSourcebook(['--library', library, 'list', '--bogus']),
      runSourcebook(['--library', library, 'quote', 'add', '--article', 'x']),
      runSourcebook(['--library', library, 'stance', 'set', '--quote', 'q', '--topic', 'T', '--value', 'loves']),
      runSourcebook(['--library', tooNew, 'info']),
      runSourcebook(['info', '--json'], { env: { SOURCEBOOK_LIBRARY: fromEnv } }),
    ]);

    expect(help.code).toBe(0);
    for (const command of ['clip', 'show', 'list', 'trash', 'restore', 'tag', 'quote', 'stance', 'link', 'info', 'backup', 'restore-backup', 'check', 'optimize', 'serve']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toContain('Exit codes');

    expect(unknownId.code).toBe(2);
    expect(unknownId.stdout).toBe('');
    expect(stderrLines(unknownId)).toEqual([expect.stringMatching(/^error: not-found: .*no-such-id/)]);

    for (const usage of [unknownOption, missingOption, badChoice]) {
      expect(usage.code).toBe(2);
      expect(stderrLines(usage)).toEqual([expect.stringMatching(/^error: validation: /)]);
    }
    expect(unknownOption.stderr).toContain('--bogus');
    expect(missingOption.stderr).toContain('--text');

    expect(refused.code).toBe(2);
    expect(stderrLines(refused)).toEqual([expect.stringMatching(/^error: db\/too-new: /)]);
    expect(hash(tooNewDb)).toBe(tooNewHash);
    expect(fs.readdirSync(tooNew)).toEqual(['sourcebook.db']);

    expect(json<{ path: string; schemaVersion: number }>(envInfo)).toMatchObject({ path: fromEnv, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(fs.existsSync(path.join(fromEnv, 'sourcebook.db'))).toBe(true);
  });

  it('extract stores nothing and creates no library where there is none', SLOW, async () => {
    const library = path.join(root.dir, 'never-made');
    const file = path.join(root.dir, 'extract-me.txt');
    fs.writeFileSync(file, ARTICLE);
    const extracted = json<{ title: string; wordCount: number }[]>(await runSourcebook(['--library', library, 'extract', file, '--json']));
    expect(extracted).toEqual([expect.objectContaining({ title: 'Tram vote', wordCount: expect.any(Number) })]);
    expect(fs.existsSync(library)).toBe(false);
  });

  it('settings shows and changes where clipped images go', SLOW, async () => {
    const library = path.join(root.dir, 'settings');
    const sb = (...args: string[]) => runSourcebook(['--library', library, 'settings', ...args]);
    expect(json<{ images: string }>(await sb('--json'))).toEqual({ images: 'store' });
    expect(ok(await sb('--images', 'remote')).stdout.trim()).toBe('images: remote');
    expect(json<{ images: string }>(await sb('--json'))).toEqual({ images: 'remote' });
    const bad = await sb('--images', 'elsewhere');
    expect(bad.code).toBe(2);
    expect(stderrLines(bad)).toEqual([expect.stringMatching(/^error: validation: .*store, remote/)]);
  });

  it('marks quotes whose words are no longer as marked in their source, in show and list', SLOW, async () => {
    const library = path.join(root.dir, 'anchors');
    const app = createServices(library);
    let articleId: string;
    try {
      const call = async <T>(method: string, input: unknown): Promise<T> => {
        const r = await app.dispatch(method as never, input as never);
        if (!r.ok) throw new Error(r.error.message);
        return r.value as T;
      };
      articleId = (await call<{ id: string }>('articles.create', { title: 'Tram vote', text: ARTICLE })).id;
      const mayor = await call<{ id: string }>('quotes.create', { articleId, text: 'the tram is coming by 2027' });
      const berg = await call<{ id: string }>('quotes.create', { articleId, text: 'the budget does not add up' });
      // As re-anchoring leaves them after the article's text changed (anchoring.test.ts covers how).
      app.db.prepare("UPDATE quotes SET anchor_status = 'fuzzy' WHERE id = ?").run(mayor.id);
      app.db.prepare("UPDATE quotes SET anchor_status = 'orphan' WHERE id = ?").run(berg.id);
    } finally {
      app.close();
    }
    const [show, list] = await Promise.all([
      runSourcebook(['--library', library, 'show', articleId]),
      runSourcebook(['--library', library, 'list', '--type', 'quote']),
    ]);
    for (const out of [ok(show).stdout, ok(list).stdout]) {
      expect(out).toMatch(/the tram is coming by 2027.*\[changed in source\]/);
      expect(out).toMatch(/the budget does not add up.*\[orphan\]/);
    }
  });

  it('refuses --format pdf (desktop app only) with export/unsupported and exit 2, as its help says', SLOW, async () => {
    const library = path.join(root.dir, 'pdf');
    const out = path.join(root.dir, 'report.pdf');
    const [help, report, note] = await Promise.all([
      runSourcebook(['export', '--help']),
      runSourcebook(['--library', library, 'export', '--format', 'pdf', '--out', out]),
      runSourcebook(['--library', library, 'export', '--format', 'pdf', '--note', 'no-such-note', '--out', out]),
    ]);
    // commander wraps option descriptions at the terminal width.
    expect(help.stdout).toMatch(/pdf \(the\s+report\s+as\s+PDF:\s+desktop\s+app\s+only\)/);
    expect(help.stdout).toMatch(/Save as PDF/);
    expect(report.code).toBe(2);
    expect(stderrLines(report)).toEqual([expect.stringMatching(/^error: export\/unsupported: Making a PDF needs the Sourcebook desktop app\./)]);
    expect(fs.existsSync(out)).toBe(false);
    // A note is looked up first (its id may be wrong), then refused the same way.
    expect(note.code).toBe(2);
    expect(stderrLines(note)).toEqual([expect.stringMatching(/^error: not-found: /)]);
  });
});
