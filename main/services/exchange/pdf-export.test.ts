import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { tempDir, tempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { makeNotesLibrary } from '../../../test/fixtures/notes/make-notes-library';
import { isReadOnlyMethod } from '../../api/read-only-methods';
import type { PdfPrinter } from './pdf';

/**
 * PDF export through the real services and router. The only stand-in is the PdfPrinter itself —
 * the Electron boundary, which cannot run here (main/electron/pdf-printer.test.ts covers that side,
 * e2e/specs/app.electron.spec.ts the real Chromium).
 */
const GOLDEN_LIBRARY = fileURLToPath(new URL('../../../test/fixtures/exchange/golden/library.json', import.meta.url));
const FIXED_CLOCK = () => new Date('2026-02-01T12:00:00.000Z');
const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');

/** Records every document it is asked to print and answers with `reply`. */
function recordingPrinter(reply: () => Promise<Uint8Array> = async () => PDF_BYTES): PdfPrinter & { printed: string[] } {
  const printed: string[] = [];
  return {
    printed,
    async toPdf(html) {
      printed.push(html);
      return reply();
    },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function library(pdfPrinter?: PdfPrinter): Promise<TempLibrary> {
  const lib = tempLibrary({ clock: FIXED_CLOCK, ...(pdfPrinter ? { pdfPrinter } : {}) });
  cleanups.push(lib.cleanup);
  await lib.ok('import.run', { path: GOLDEN_LIBRARY });
  return lib;
}

function outDir(): string {
  const t = tempDir('sourcebook-pdf-export-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('export.run --format pdf', () => {
  it('prints exactly the HTML report of the scope and writes the bytes the printer returned', async () => {
    const printer = recordingPrinter();
    const lib = await library(printer);
    const dir = outDir();
    const collection = (await lib.ok('collections.list', {})).items[0]!;

    const result = await lib.ok('export.run', { format: 'pdf', out: path.join(dir, 'report.pdf'), collection: collection.id });
    await lib.ok('export.run', { format: 'html', out: path.join(dir, 'report.html'), collection: collection.id });

    expect(printer.printed).toEqual([fs.readFileSync(path.join(dir, 'report.html'), 'utf8')]);
    expect(printer.printed[0]).toContain(`<title>Sourcebook report — ${collection.name}</title>`);
    expect(fs.readFileSync(path.join(dir, 'report.pdf'))).toEqual(PDF_BYTES);
    expect(result).toMatchObject({ format: 'pdf', out: path.join(dir, 'report.pdf'), files: ['report.pdf'], scope: { kind: 'collection', id: collection.id } });
    expect(result.counts.articles).toBeGreaterThan(0);
    // Only the PDF and the HTML: no temporary file is left beside them.
    expect(fs.readdirSync(dir).sort()).toEqual(['report.html', 'report.pdf']);
  });

  it('keeps the one-file rules: an existing file is refused unless forced, before anything is printed', async () => {
    const printer = recordingPrinter();
    const lib = await library(printer);
    const out = path.join(outDir(), 'report.pdf');
    fs.writeFileSync(out, 'keep me');
    expect((await lib.fail('export.run', { format: 'pdf', out })).code).toBe('conflict');
    expect(printer.printed).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    await lib.ok('export.run', { format: 'pdf', out, force: true });
    expect(fs.readFileSync(out)).toEqual(PDF_BYTES);
  });

  it('without a printer (browser mode, CLI): export/unsupported saying what to do instead, and nothing written', async () => {
    const lib = await library();
    const dir = outDir();
    const error = await lib.fail('export.run', { format: 'pdf', out: path.join(dir, 'report.pdf') });
    expect(error.code).toBe('export/unsupported');
    expect(error.message).toMatch(/desktop app/);
    expect(error.message).toMatch(/Save as PDF/);
    expect(error.details).toMatchObject({ format: 'pdf', alternative: 'html' });
    expect(fs.readdirSync(dir)).toEqual([]);
    // Even a scope that does not exist gets the more basic answer first.
    expect((await lib.fail('export.run', { format: 'pdf', out: path.join(dir, 'x.pdf'), collection: 'No such collection' })).code).toBe('export/unsupported');
  });

  it('a printer failure is export/failed (not internal), with its reason, and leaves no file', async () => {
    const lib = await library(recordingPrinter(async () => {
      throw new Error('the render process crashed');
    }));
    const dir = outDir();
    const error = await lib.fail('export.run', { format: 'pdf', out: path.join(dir, 'report.pdf') });
    expect(error.code).toBe('export/failed');
    expect(error.message).toContain('the render process crashed');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a printer’s own typed error (its time-out) reaches the caller unchanged', async () => {
    const lib = await library(recordingPrinter(async () => {
      throw new AppError('export/failed', 'Making the PDF took longer than 30 seconds and was stopped.', { timeoutMs: 30_000 });
    }));
    const error = await lib.fail('export.run', { format: 'pdf', out: path.join(outDir(), 'report.pdf') });
    expect(error).toEqual({ code: 'export/failed', message: 'Making the PDF took longer than 30 seconds and was stopped.', details: { timeoutMs: 30_000 } });
  });

  it('bytes that are not a PDF are refused rather than written', async () => {
    const lib = await library(recordingPrinter(async () => Buffer.from('<html>oops</html>')));
    const dir = outDir();
    expect((await lib.fail('export.run', { format: 'pdf', out: path.join(dir, 'report.pdf') })).code).toBe('export/failed');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('export.report.get (what browser mode prints)', () => {
  it('returns the same report export --format html writes, and writes nothing', async () => {
    const lib = await library();
    const dir = outDir();
    const topic = (await lib.ok('topics.list', {})).items[0]!;
    await lib.ok('export.run', { format: 'html', out: path.join(dir, 'topic.html'), topic: topic.title });
    const report = await lib.ok('export.report.get', { topic: topic.title });
    expect(report.html).toBe(fs.readFileSync(path.join(dir, 'topic.html'), 'utf8'));
    expect(report).toMatchObject({
      title: `Sourcebook report — ${topic.title}`,
      fileName: `Sourcebook report - ${topic.title}.html`,
      scope: { kind: 'topic', id: topic.id },
    });
    expect(report.counts.quotes).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toEqual(['topic.html']);
  });

  it('validates its scope like export.run', async () => {
    const lib = await library();
    expect((await lib.fail('export.report.get', { topic: 'a', collection: 'b' })).code).toBe('validation');
    expect((await lib.fail('export.report.get', { collection: 'No such collection' })).code).toBe('not-found');
    expect((await lib.fail('export.report.get', { out: '/tmp/x.html' })).code).toBe('validation');
  });

  it('is read-only, so browser mode does not announce a library change after it', () => {
    expect(isReadOnlyMethod('export.report.get')).toBe(true);
    expect(isReadOnlyMethod('app.capabilities.get')).toBe(true);
  });
});

describe('app.capabilities.get', () => {
  it('says PDF is available exactly when a printer was given', async () => {
    const without = tempLibrary();
    const withPrinter = tempLibrary({ pdfPrinter: recordingPrinter() });
    cleanups.push(without.cleanup, withPrinter.cleanup);
    expect(await without.ok('app.capabilities.get', {})).toEqual({ pdf: false });
    expect(await withPrinter.ok('app.capabilities.get', {})).toEqual({ pdf: true });
  });
});

describe('notes.export --format pdf', () => {
  async function notesLibrary(printer?: PdfPrinter) {
    const lib = tempLibrary(printer ? { pdfPrinter: printer } : {});
    cleanups.push(lib.cleanup);
    const f = await makeNotesLibrary(lib);
    const memo = await lib.ok('notes.create', { title: 'Tram briefing', body: `Who said what:\n\n![[quote:${f.q1.id}]]\n` });
    return { lib, f, memo };
  }

  it('prints the note’s self-contained HTML export and returns the printer’s bytes as application/pdf', async () => {
    const printer = recordingPrinter();
    const { lib, memo } = await notesLibrary(printer);
    const pdf = await lib.ok('notes.export', { id: memo.id, format: 'pdf', citationStyle: 'apa' });
    const html = await lib.ok('notes.export', { id: memo.id, format: 'html', citationStyle: 'apa' });
    expect(printer.printed).toEqual([Buffer.from(html.base64, 'base64').toString('utf8')]);
    expect(printer.printed[0]).toContain('We will build the tram by 2030,');
    expect(pdf).toEqual({ fileName: 'Tram briefing.pdf', mimeType: 'application/pdf', base64: PDF_BYTES.toString('base64'), bytes: PDF_BYTES.length });
  });

  it('a collection of notes prints as one document', async () => {
    const printer = recordingPrinter();
    const { lib, memo } = await notesLibrary(printer);
    const c = await lib.ok('collections.create', { name: 'Briefing pack' });
    await lib.ok('collections.addItems', { collectionId: c.id, itemIds: [memo.id] });
    const pdf = await lib.ok('notes.export', { collectionId: c.id, format: 'pdf' });
    expect(pdf.fileName).toBe('Briefing pack.pdf');
    expect(printer.printed).toHaveLength(1);
    expect(printer.printed[0]).toContain('<title>Briefing pack</title>');
  });

  it('without a printer: export/unsupported', async () => {
    const { lib, memo } = await notesLibrary();
    const error = await lib.fail('notes.export', { id: memo.id, format: 'pdf' });
    expect(error.code).toBe('export/unsupported');
    expect(error.message).toMatch(/desktop app/);
  });
});
