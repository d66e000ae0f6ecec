import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSourcebook, stderrLines } from '../../../test/helpers/cli';
import { tempDir, tempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { makeNotesLibrary } from '../../../test/fixtures/notes/make-notes-library';

/** `sourcebook export --collection C` for notes: docx at once, md and html with --notes; the library exports unchanged. */
let root: { dir: string; cleanup(): void };
let lib: TempLibrary;
let memosId: string;

beforeAll(async () => {
  root = tempDir('sourcebook-cli-export-notes-');
  lib = tempLibrary();
  const f = await makeNotesLibrary(lib);
  const first = await lib.ok('notes.create', { title: 'Tram memo', body: `![[quote:${f.q1.id}]]\n\nSee [[article:${f.tram.id}]].` });
  const second = await lib.ok('notes.create', { title: 'Glacier memo', body: `![[quote:${f.q3.id}]]` });
  const memos = await lib.ok('collections.create', { name: 'Memos' });
  await lib.ok('collections.addItems', { collectionId: memos.id, itemIds: [first.id, second.id, f.tram.id] });
  await lib.ok('collections.create', { name: 'Empty' });
  memosId = memos.id;
  // The CLI opens the library in its own processes.
  lib.app.close();
}, 60_000);
afterAll(() => {
  lib.cleanup();
  root.cleanup();
});

const sb = (...args: string[]) => runSourcebook(['--library', lib.dir, 'export', ...args]);
const out = (name: string) => path.join(root.dir, name);

describe('sourcebook export --collection for notes', () => {
  it('writes docx, md and html of a collection\'s notes; --collection without --notes still exports articles', async () => {
    const [docx, md, html, json, report, help] = await Promise.all([
      sb('--format', 'docx', '--collection', 'memos', '--out', out('memos.docx')),
      sb('--format', 'md', '--collection', 'Memos', '--notes', '--citation-style', 'apa', '--out', out('memos.md')),
      sb('--format', 'html', '--collection', memosId, '--notes', '--out', out('memos.html')),
      sb('--format', 'html', '--collection', 'Memos', '--notes', '--out', out('memos-2.html'), '--json'),
      sb('--format', 'html', '--collection', 'Memos', '--out', out('report.html')),
      runSourcebook(['export', '--help']),
    ]);
    for (const r of [docx, md, html, json, report, help]) expect(r.code, r.stderr).toBe(0);

    expect(docx.stdout).toMatch(/^Exported 2 notes of the collection "Memos" as docx to .*memos\.docx \(\d+ bytes\)\.$/m);
    const xml = strFromU8(unzipSync(fs.readFileSync(out('memos.docx')))['word/document.xml']!);
    expect(xml).toContain('Tram memo');
    expect(xml).toContain('Glacier memo');
    expect(xml).toContain('We will build the tram by 2030,');
    expect(xml).not.toMatch(/\^q-/);

    const mdText = fs.readFileSync(out('memos.md'), 'utf8');
    expect(mdText.startsWith('# Memos\n')).toBe(true);
    expect(mdText).toContain('## Tram memo');
    expect(mdText).toContain('## Glacier memo');
    expect(mdText).toMatch(/\^q-[0-9a-f]{12}/);
    expect(mdText).toContain('van der Berg & Costa, 2026');

    expect(fs.readFileSync(out('memos.html'), 'utf8')).toContain('<title>Memos</title>');
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'html', title: 'Memos', notes: 2 });
    // The library report of the collection, as before.
    expect(fs.readFileSync(out('report.html'), 'utf8')).toContain('Sourcebook report — Memos');

    expect(help.stdout).toMatch(/--notes/);
    expect(help.stdout).toContain('--collection Memos');
  }, 240_000);

  it('exits 2 with a clear message on bad combinations', async () => {
    fs.writeFileSync(out('taken.docx'), 'mine');
    const [notesAlone, both, withTopic, unknown, empty, pdf, existing] = await Promise.all([
      sb('--format', 'md', '--notes', '--out', out('x.md')),
      sb('--format', 'docx', '--note', 'n1', '--collection', 'Memos', '--out', out('x.docx')),
      sb('--format', 'md', '--collection', 'Memos', '--notes', '--topic', 'Build the tram', '--out', out('y.md')),
      sb('--format', 'docx', '--collection', 'No such', '--out', out('z.docx')),
      sb('--format', 'docx', '--collection', 'Empty', '--out', out('e.docx')),
      sb('--format', 'pdf', '--collection', 'Memos', '--notes', '--out', out('m.pdf')),
      sb('--format', 'docx', '--collection', 'Memos', '--out', out('taken.docx')),
    ]);
    for (const r of [notesAlone, both, withTopic, unknown, empty, pdf, existing]) expect(r.code, r.stderr).toBe(2);
    expect(stderrLines(notesAlone)).toEqual([expect.stringMatching(/^error: validation: notes: --notes exports the notes of a collection; give --collection NAME\|ID/)]);
    expect(stderrLines(both)).toEqual([expect.stringMatching(/^error: validation: note: give either --note ID or --collection NAME\|ID, not both/)]);
    expect(stderrLines(withTopic)).toEqual([expect.stringMatching(/^error: validation: topic: /)]);
    expect(stderrLines(unknown)).toEqual([expect.stringMatching(/^error: not-found: No collection named "No such"/)]);
    expect(stderrLines(empty)).toEqual([expect.stringMatching(/^error: not-found: The collection "Empty" holds no notes/)]);
    expect(stderrLines(pdf)).toEqual([expect.stringMatching(/^error: export\/unsupported: /)]);
    expect(stderrLines(existing)).toEqual([expect.stringMatching(/^error: conflict: .*taken\.docx already exists/)]);
    for (const f of ['x.md', 'x.docx', 'y.md', 'z.docx', 'e.docx', 'm.pdf']) expect(fs.existsSync(out(f)), f).toBe(false);
  }, 240_000);
});
