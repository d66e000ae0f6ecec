import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSourcebook, type CliResult } from '../../../test/helpers/cli';
import { tempDir } from '../../../test/helpers/temp-library';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/exchange/', import.meta.url));
let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('sourcebook-cli-exchange-');
});
afterAll(() => root.cleanup());

const errorLine = (r: CliResult) => r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '';

describe('sourcebook export / import / backups', () => {
  it('imports, exports every format, and exits 2 on bad input', async () => {
    const library = path.join(root.dir, 'lib');
    const sb = (...args: string[]) => runSourcebook(['--library', library, ...args]);

    const imported = await sb('import', path.join(FIXTURES, 'golden', 'library.json'), '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ format: 'json', merged: 0, errors: [] });

    const readwise = await sb('import', path.join(FIXTURES, 'readwise.csv'));
    expect(readwise.code, readwise.stderr).toBe(0);
    expect(readwise.stdout).toMatch(/^Imported .*readwise\.csv \(readwise\): 7 created, 0 already there \(merged\), 1 skipped\./);
    expect(readwise.stderr).toContain('warning: line 6: the row has no highlight text; skipped');

    const vault = path.join(root.dir, 'vault');
    const [md, bib, html, byTopic] = await Promise.all([
      sb('export', '--format', 'md', '--out', vault),
      sb('export', '--format', 'bibtex', '--out', path.join(root.dir, 'refs.bib'), '--article', '00000000-0000-7000-8000-000000000001', '--article', '00000000-0000-7000-8000-000000000007'),
      sb('export', '--format', 'html', '--out', path.join(root.dir, 'climate.html'), '--collection', 'Climate'),
      sb('export', '--format', 'csv', '--out', path.join(root.dir, 'tram-csv'), '--topic', '00000000-0000-7000-8000-000000000026', '--json'),
    ]);
    for (const r of [md, bib, html, byTopic]) expect(r.code, r.stderr).toBe(0);
    expect(md.stdout).toMatch(/^Exported Library as md to .*vault: 6 articles, 12 quotes, 4 speakers, 3 topics \(\d+ files\)\./);
    expect(fs.readFileSync(path.join(root.dir, 'refs.bib'), 'utf8').match(/^@/gm)).toHaveLength(2);
    expect(fs.readFileSync(path.join(root.dir, 'climate.html'), 'utf8')).toContain('Sourcebook report — Climate');
    expect(JSON.parse(byTopic.stdout)).toMatchObject({ scope: { kind: 'topic', label: 'Build the tram' }, files: ['quotes.csv', 'stance-matrix.csv'] });

    // Re-exporting into the same vault is fine; an existing file without --force is not; bad input exits 2.
    const [reexport, again, badFormat, noOut, twoScopes, unknownTopic, missingFile, malformed, unwritable, now] = await Promise.all([
      sb('export', '--format', 'md', '--out', vault),
      sb('export', '--format', 'bibtex', '--out', path.join(root.dir, 'refs.bib')),
      sb('export', '--format', 'odt', '--out', path.join(root.dir, 'x.odt')),
      sb('export', '--format', 'json'),
      sb('export', '--format', 'md', '--out', path.join(root.dir, 'y'), '--collection', 'Climate', '--topic', 'Build the tram'),
      sb('export', '--format', 'md', '--out', path.join(root.dir, 'z'), '--topic', 'No such topic'),
      sb('import', path.join(root.dir, 'missing.json')),
      sb('import', path.join(FIXTURES, 'malformed.bib')),
      sb('export', '--format', 'ris', '--out', '/proc/sourcebook-cli.ris'),
      sb('backups', 'now', '--json'),
    ]);
    expect(reexport.code, reexport.stderr).toBe(0);
    expect(now.code, now.stderr).toBe(0);
    expect(errorLine(again)).toMatch(/^error: conflict: .*refs\.bib already exists; choose a new name or pass --force/);
    for (const r of [again, badFormat, noOut, twoScopes, unknownTopic, missingFile, malformed]) expect(r.code, r.stderr).toBe(2);
    expect(errorLine(badFormat)).toMatch(/^error: validation: .*odt/);
    expect(errorLine(twoScopes)).toMatch(/^error: validation: collection: give at most one of collection, topic or articleIds/);
    expect(errorLine(unknownTopic)).toMatch(/^error: not-found: No topic titled "No such topic"/);
    expect(errorLine(missingFile)).toMatch(/^error: not-found: No file at /);
    expect(errorLine(malformed)).toMatch(/^error: import\/invalid: Cannot import this BibTeX file: line 8: /);
    expect(unwritable.code).toBe(1);
    expect(errorLine(unwritable)).toMatch(/^error: io\/failed: Could not write \/proc\/sourcebook-cli\.ris/);

    const [forced, list] = await Promise.all([sb('export', '--format', 'bibtex', '--out', path.join(root.dir, 'refs.bib'), '--force'), sb('backups')]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(list.stdout).toMatch(/^auto-\d{4}-\d{2}-\d{2}\.db {2}auto {2}\d+ bytes/m);
  }, 240_000);
});
