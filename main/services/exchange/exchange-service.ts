import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  FOLDER_FORMATS, MAX_IMPORT_BYTES, headSaysLibraryExport, type ExportReport, type ExportReportGet, type ExportResult, type ExportRun, type ImportFormat, type ImportIssue, type ImportReport, type ImportRun,
} from '../../../shared/api/methods-exchange';
import type { CallContext } from '../../api/handler-types';
import type { Services } from '../services';
import { listBackups, maybeDailyBackup, restoreFromBackup } from './auto-backup';
import { writeAnnotationCollection } from './export-annotations';
import { toBibtex, toCslJson, toRis } from './export-citations';
import { writeQuotesCsv, writeStanceMatrixCsv } from './export-csv';
import { loadExportData, resolveScope, scopedIds, type ExportData } from './export-data';
import { reportTitle, toHtmlReport, writeHtmlReport } from './export-html';
import { toMarkdown } from './export-markdown';
import { safeFileName } from '../notes/export-model';
import { printPdf, requirePdfPrinter } from './pdf';
import { parseCslJson, parseBibtex, parseRis, citationsToPlan } from './import-citations';
import { looksLikeHypothesis, looksLikeReadwise, parseHypothesis, parseReadwise } from './import-highlights';
import { mergeLibraryDoc } from './import-library';
import { applyPlan, invalidImport, lineAt, type ImportPlan } from './import-plan';
import { LIBRARY_FORMAT } from './library-format';
import { writeLibraryJson } from './library-export';
import { bufferSource, fileSource, type ByteSource } from './json-records';
import { readLibraryJson } from './library-json-reader';
import { removeUpload, uploadedFile } from './uploads';
import { prepareFileTarget, prepareFolderTarget, writeFileAtomic, writeFileAtomicBy, writeFolder, type FileContent } from './output';
import { Tally } from './tally';
import { jsonErrorOffset } from './json-error';
import { COUNTED_SPECS, refreshCommonTerms, staleIndexes } from '../search/common-terms';
import { mergeAfterImport } from '../search/index-merge';
import { highestRowid, TYPE_SPECS } from '../search/type-specs';

/** The CSV export's two files, each written as its rows are made (in the shape of toMarkdown's). */
const csvExport = (data: ExportData): { files: [string, FileContent][]; count: number; names: Record<string, string> } => ({
  files: [
    ['quotes.csv', (write) => writeQuotesCsv(data, write)],
    ['stance-matrix.csv', (write) => writeStanceMatrixCsv(data, write)],
  ],
  count: 2,
  names: {},
});

/** The formats that print the articles alone (export-citations.ts). */
const CITATION_FORMATS: readonly string[] = ['csl-json', 'bibtex', 'ris'];

const FORMAT_NAMES: Record<ImportFormat, string> = {
  json: 'Sourcebook library JSON', 'csl-json': 'CSL-JSON', bibtex: 'BibTeX', ris: 'RIS', readwise: 'Readwise CSV', hypothesis: 'Hypothesis JSON',
};

/** Export, import and backups: the `export.run`, `import.run` and `backup.*` methods. */
export class ExchangeService {
  constructor(private readonly s: Services) {}

  // ---------------------------------------------------------------- export

  async export(input: ExportRun, call: CallContext = {}): Promise<ExportResult> {
    const s = this.s;
    // Refused before anything is read or written where this runtime cannot print (not the desktop app).
    const printer = input.format === 'pdf' ? requirePdfPrinter(s.pdfPrinter) : null;
    const scope = await resolveScope(s, input);
    const isFolder = FOLDER_FORMATS.includes(input.format);
    // Check the target before any work, so a wrong path fails at once.
    const folder = isFolder ? prepareFolderTarget(input.out, input.format, input.force) : null;
    const file = isFolder ? null : prepareFileTarget(input.out, input.force);
    call.onProgress?.({ task: 'export', done: 0, total: 1, message: `Exporting ${scope.label}` });
    // Percent steps of a long export: its articles written (JSON); or its quotes read (the first
    // half, most of the time), then its files written (Markdown, CSV).
    const progress = throttledProgress(call, 'export');
    const stepOf = (total: number, from = 0) => (done: number) => progress(`Exporting ${scope.label}`, from + ((1 - from) * done) / Math.max(1, total));

    if (input.format === 'json') {
      const schemaVersion = s.ctx.db.pragma('user_version', { simple: true }) as number;
      // One read transaction: a consistent snapshot even while another window writes. Written as read (library-export.ts).
      const counts = writeFileAtomicBy(file!, (write) =>
        s.ctx.db.transaction(() => {
          const articleIds = scope.kind === 'library' ? null : scopedIds(s, scope, input.articleIds).articles;
          const total = articleIds?.size ?? (s.ctx.db.prepare('SELECT count(*) FROM articles').pluck().get() as number);
          return writeLibraryJson(s.ctx.db, write, { exportedAt: s.ctx.now(), schemaVersion }, articleIds, stepOf(total));
        })(),
      );
      call.onProgress?.({ task: 'export', done: 1, total: 1 });
      return { format: input.format, out: file!, files: [path.basename(file!)], removed: [], scope, counts };
    }

    const data = await loadExportData(s, scope, input.articleIds, {
      articlesOnly: CITATION_FORMATS.includes(input.format),
      onRead: (done, total) => progress(`Reading ${scope.label}`, done / Math.max(1, total) / 2),
    });
    const counts = data.counts;
    let result: ExportResult;
    if (folder) {
      const { files, count, names } = input.format === 'md' ? toMarkdown(data, folder.previous?.names ?? {}) : csvExport(data);
      const { written, removed } = writeFolder(folder, input.format, files, names, stepOf(count, 0.5));
      result = { format: input.format, out: folder.root, files: written, removed, scope, counts };
    } else {
      if (printer) call.onProgress?.({ task: 'export', done: 0, total: 1, message: `Printing ${scope.label} to PDF` });
      if (input.format === 'annotations') {
        writeFileAtomicBy(file!, (write) => writeAnnotationCollection(data, write));
      } else if (input.format === 'html') {
        writeFileAtomicBy(file!, (write) => writeHtmlReport(data, write));
      } else {
        const content =
          printer ? await printPdf(printer, toHtmlReport(data))
          : input.format === 'csl-json' ? toCslJson(data.articles)
          : input.format === 'bibtex' ? toBibtex(data.articles)
          : toRis(data.articles);
        writeFileAtomic(file!, content);
      }
      result = { format: input.format, out: file!, files: [path.basename(file!)], removed: [], scope, counts };
    }
    call.onProgress?.({ task: 'export', done: 1, total: 1 });
    return result;
  }

  /** The HTML report of a scope, as `export --format html` would write it, without writing anything. */
  async report(input: ExportReportGet): Promise<ExportReport> {
    const scope = await resolveScope(this.s, input);
    const data = await loadExportData(this.s, scope, input.articleIds);
    return {
      html: toHtmlReport(data),
      title: reportTitle(scope.label),
      fileName: `${safeFileName(`Sourcebook report - ${scope.label}`, 'sourcebook-report')}.html`,
      scope,
      counts: data.counts,
    };
  }

  // ---------------------------------------------------------------- import

  async import(input: ImportRun, call: CallContext = {}): Promise<ImportReport> {
    const file = openImportInput(input, this.s.ctx.libraryDir);
    try {
      // A library export of any size is read record by record; every other format whole, up to MAX_IMPORT_BYTES.
      if (isLibraryJsonStream(file, input.format)) return await this.importLibraryJson(file.source, file.name, call, file.changed);
      return await this.importWhole(readWhole(file), input, call);
    } finally {
      file.close();
    }
  }

  private async importWhole({ text, name }: { text: string; name: string }, input: ImportRun, call: CallContext): Promise<ImportReport> {
    const json = parseJsonLoosely(text);
    const sniffed = sniffFormat(text, json.value, name);
    if (input.format && sniffed && sniffed !== input.format) throw formatMismatch(name, sniffed, input.format);
    const format = input.format ?? sniffed;
    // A JSON file too broken to recognize: its JSON error (with the line) says more than "unknown format".
    if (!format && json.error) throw invalidImport(json.error, 'JSON');
    if (!format) {
      throw new AppError(
        'import/invalid',
        `Cannot tell what kind of file ${name} is. Sourcebook imports its own JSON, CSL-JSON, BibTeX, RIS, Readwise CSV and Hypothesis JSON; pass --format if it is one of them.`,
        { errors: [{ line: 1, message: 'unknown format' }] },
      );
    }
    // A library export whose head did not say so (keys in another order, UTF-16): read as any other.
    if (format === 'json') return this.importLibraryJson(bufferSource(Buffer.from(text, 'utf8')), name, call);
    call.onProgress?.({ task: 'import', done: 0, total: 1, message: `Reading ${name}` });

    // Everything is read and checked before the library is touched; then one transaction applies it.
    const needJson = () => {
      if (json.error) throw invalidImport(json.error, FORMAT_NAMES[format]);
      if (json.value === undefined) throw invalidImport({ line: 1, message: 'the file is not JSON' }, FORMAT_NAMES[format]);
      return json.value;
    };
    let plan: ImportPlan;
    switch (format) {
      case 'csl-json': {
        const { records, issues } = parseCslJson(needJson());
        plan = citationsToPlan(records, issues);
        break;
      }
      case 'bibtex': {
        const { records, issues } = parseBibtex(text);
        plan = citationsToPlan(records, issues);
        break;
      }
      case 'ris': {
        const { records, issues } = parseRis(text);
        plan = citationsToPlan(records, issues);
        break;
      }
      case 'readwise':
        plan = parseReadwise(text);
        break;
      case 'hypothesis':
        plan = parseHypothesis(needJson());
        break;
    }
    const tally = new Tally();
    const errors: ImportIssue[] = [];
    this.inOneTransaction(FORMAT_NAMES[format], { at: '' }, () => applyPlan(this.s, plan, tally, errors));
    call.onProgress?.({ task: 'import', done: 1, total: 1, errors: errors.length });
    return { format, ...tally.totals(), errors, byType: tally.byType };
  }

  /**
   * A Sourcebook library export: checked from end to end first (readLibraryJson), then merged in
   * one transaction, reading each section again as the merge comes to it. Memory holds a record
   * at a time, so an export of a library of any size imports.
   */
  private async importLibraryJson(source: ByteSource, name: string, call: CallContext, changed?: () => boolean): Promise<ImportReport> {
    const progress = throttledProgress(call, 'import');
    progress(`Checking ${name}`, 0);
    let [read, total] = [0, 0];
    const library = await readLibraryJson(source, {
      onChecked: (offset) => progress(`Checking ${name}`, offset / Math.max(1, source.size) / 2),
      onRecord: () => progress(`Importing ${name}`, 0.5 + ++read / Math.max(1, total) / 2),
    });
    total = Object.values(library.counts).reduce((sum, n) => sum + n, 0);
    if (changed?.()) throw fileChanged(name);
    const tally = new Tally();
    const errors: ImportIssue[] = [];
    const cursor = { at: '' };
    this.inOneTransaction(FORMAT_NAMES.json, cursor, () => mergeLibraryDoc(this.s.ctx, library.records, tally, errors, cursor));
    call.onProgress?.({ task: 'import', done: 1, total: 1, errors: errors.length });
    return { format: 'json', ...tally.totals(), errors, byType: tally.byType };
  }

  /**
   * One transaction; a row the database refused is the file's fault, said with its place
   * (`cursor.at`). Then the search's common words are counted again where this import is what
   * made their counts stale (common-terms.ts): a big import is followed by searches, from the
   * command line too, where no background upkeep runs; counts stale before it are the upkeep's
   * or `optimize`'s to make (a small import must not pay seconds for them). Likewise, after an
   * import that grew the library by a tenth or more, the search indexes it wrote in many segments
   * are merged (index-merge.ts, mergeAfterImport). Either failing leaves the import done.
   */
  private inOneTransaction(formatName: string, cursor: { at: string }, fn: () => void): void {
    const staleBefore = staleIndexes(this.s.ctx.db);
    const rowsBefore = [TYPE_SPECS.article, TYPE_SPECS.quote].map((spec) => highestRowid(this.s.ctx.db, spec));
    try {
      this.s.ctx.write(fn);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
        throw invalidImport({ ...(cursor.at ? { field: cursor.at } : {}), message: `the library refused this record (${(error as Error).message}); nothing was imported` }, formatName);
      }
      throw error;
    }
    try {
      refreshCommonTerms(this.s.ctx.db, { only: COUNTED_SPECS.filter((spec) => !staleBefore.includes(spec)) });
    } catch (error) {
      process.stderr.write(`sourcebook: the import is done; counting the search's common words failed (they are counted later): ${(error as Error).message}\n`);
    }
    try {
      const growth = [TYPE_SPECS.article, TYPE_SPECS.quote].map((spec, i) => ({ before: rowsBefore[i]!, added: highestRowid(this.s.ctx.db, spec) - rowsBefore[i]! }));
      mergeAfterImport(this.s.ctx.db, growth, { now: new Date(this.s.ctx.now()) });
    } catch (error) {
      process.stderr.write(`sourcebook: the import is done; merging the search indexes failed (the app merges them later): ${(error as Error).message}\n`);
    }
  }

  // ---------------------------------------------------------------- backups

  list() {
    return listBackups(this.s.ctx.libraryDir);
  }

  restore(name: string) {
    return restoreFromBackup(this.s.ctx.libraryDir, name);
  }

  auto(keep: number) {
    return maybeDailyBackup(this.s.ctx.libraryDir, this.s.ctx.db, { keep, now: new Date(this.s.ctx.now()) });
  }
}

// ---------------------------------------------------------------- reading the input

/** The file (or upload) to import, open: nothing is read yet. */
interface ImportInput {
  name: string;
  source: ByteSource;
  /** Whether the file changed since it was opened (its size or modification time). */
  changed: () => boolean;
  close: () => void;
}

function openImportInput(input: ImportRun, libraryDir: string): ImportInput {
  if (input.upload !== undefined) {
    // An uploaded file reads like a path, under the name the page gave it, and goes once imported.
    const upload = input.upload;
    const opened = openImportInput({ path: uploadedFile(libraryDir, upload) }, libraryDir);
    const close = () => {
      opened.close();
      removeUpload(libraryDir, upload);
    };
    return { ...opened, name: input.fileName ?? 'the uploaded file', close };
  }
  if (input.content !== undefined) {
    const name = input.fileName ?? 'the uploaded file';
    const bytes = Buffer.from(input.content, 'utf8');
    if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(name, bytes.length);
    return { name, source: bufferSource(bytes), changed: () => false, close: () => {} };
  }
  const file = path.resolve(input.path!);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('not-found', `No file at ${file}.`, { field: 'path', path: file });
  }
  if (!stat.isFile()) throw new AppError('validation', `path: ${file} is not a file`, { field: 'path', path: file });
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw new AppError('io/failed', `Could not read ${file}: ${(error as Error).message}`, { path: file });
  }
  const opened = fs.fstatSync(fd);
  return {
    name: file,
    source: fileSource(fd),
    changed: () => {
      const now = fs.fstatSync(fd);
      return now.size !== opened.size || now.mtimeMs !== opened.mtimeMs;
    },
    close: () => fs.closeSync(fd),
  };
}

/** Bytes read to recognize a library export before reading it whole or record by record. */
const HEAD_BYTES = 64 * 1024;

/**
 * Whether the input is read as a Sourcebook library export, record by record: its head says so
 * (UTF-8), or the caller does (`--format json`). Another format asked of a file that says it is
 * one is refused here, before a large file's size is held against it.
 */
function isLibraryJsonStream(file: ImportInput, format: ImportFormat | undefined): boolean {
  const head = Buffer.alloc(Math.min(HEAD_BYTES, file.source.size));
  const read = file.source.read(head, 0);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false; // UTF-16: decoded whole
  const text = head.subarray(0, read).toString('utf8');
  const saysLibrary = headSaysLibraryExport(text);
  if (saysLibrary && format && format !== 'json') throw formatMismatch(file.name, 'json', format);
  return format === 'json' ? /^\uFEFF?\s*\{/.test(text) : saysLibrary;
}

function readWhole(file: ImportInput): { text: string; name: string } {
  // Checked before reading: a huge file is refused without loading it.
  if (file.source.size > MAX_IMPORT_BYTES) throw tooLarge(file.name, file.source.size);
  const bytes = Buffer.alloc(file.source.size);
  try {
    for (let at = 0, n = 1; at < bytes.length && n > 0; at += n) n = file.source.read(bytes.subarray(at), at);
  } catch (error) {
    throw new AppError('io/failed', `Could not read ${file.name}: ${(error as Error).message}`, { path: file.name });
  }
  return { text: checkText(decode(bytes), file.name), name: file.name };
}

function formatMismatch(name: string, sniffed: ImportFormat, asked: ImportFormat): AppError {
  return new AppError(
    'import/invalid',
    `${name} looks like ${FORMAT_NAMES[sniffed]}, not ${FORMAT_NAMES[asked]}; pass --format ${sniffed} or leave --format out.`,
    { errors: [{ line: 1, message: `looks like ${FORMAT_NAMES[sniffed]}` }], format: asked, detected: sniffed },
  );
}

function fileChanged(name: string): AppError {
  return new AppError('conflict', `${name} changed while it was being checked; nothing was imported. Import it again once it is written.`, { path: name });
}

/** Progress of a long import or export, as a percentage, at most every 200 ms (a big library's take minutes). */
function throttledProgress(call: CallContext, task: 'import' | 'export'): (message: string, share: number) => void {
  let last = 0;
  return (message, share) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    call.onProgress?.({ task, done: Math.min(99, Math.floor(share * 100)), total: 100, current: message, message });
  };
}

function tooLarge(name: string, bytes: number): AppError {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return new AppError(
    'import/invalid',
    `${name} is ${mb(bytes)}; imports are limited to ${mb(MAX_IMPORT_BYTES)} (a Sourcebook library export may be of any size). Split the file and import the parts.`,
    { errors: [{ message: `larger than ${mb(MAX_IMPORT_BYTES)}` }], bytes, limit: MAX_IMPORT_BYTES },
  );
}

/** UTF-8 (a byte-order mark dropped), or UTF-16 when a UTF-16 byte-order mark says so (Excel's "Unicode text"). */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function checkText(text: string, name: string): string {
  if (text.trim() === '') throw new AppError('import/invalid', `${name} is empty; there is nothing to import.`, { errors: [{ line: 1, message: 'empty file' }] });
  if (text.slice(0, 8192).includes('\u0000')) {
    throw new AppError('import/invalid', `${name} is a binary file, not a text export; choose the exported .json, .bib, .ris or .csv file.`, { errors: [{ line: 1, message: 'binary file' }] });
  }
  return text;
}

function parseJsonLoosely(text: string): { value?: unknown; error?: ImportIssue } {
  const head = text.trimStart()[0];
  if (head !== '{' && head !== '[') return {};
  try {
    return { value: JSON.parse(text) };
  } catch {
    const at = jsonErrorOffset(text);
    if (at >= text.trimEnd().length) return { error: { line: lineAt(text, text.length), message: 'the JSON ends too early (is the file cut short?)' } };
    return { error: { line: lineAt(text, at), message: `not valid JSON: unexpected ${JSON.stringify(text.slice(at, at + 12))}` } };
  }
}

export function sniffFormat(text: string, json: unknown, name: string): ImportFormat | null {
  const head = text.slice(0, 2000);
  if (json === undefined && /^\s*[{[]/.test(head)) {
    // Unparseable JSON (cut short?): recognize it by its first lines, so the JSON error is reported for the right format.
    if (/"format"\s*:\s*"sourcebook-library"/.test(head)) return 'json';
    if (/"uri"\s*:/.test(head) && /"target"\s*:|"rows"\s*:|"annotations"\s*:/.test(head)) return 'hypothesis';
    return null;
  }
  if (json !== undefined) {
    if (json && typeof json === 'object' && !Array.isArray(json) && (json as { format?: unknown }).format === LIBRARY_FORMAT) return 'json';
    if (looksLikeHypothesis(json)) return 'hypothesis';
    const items = Array.isArray(json) ? json : [json];
    if (items.length > 0 && items.every((i) => i && typeof i === 'object' && typeof (i as { type?: unknown }).type === 'string')) return 'csl-json';
    return null;
  }
  if (/^\s*(?:%[^\n]*\n\s*)*@[A-Za-z]+\s*[{(]/.test(text)) return 'bibtex';
  if (/^TY {2}- /m.test(text.slice(0, 4096))) return 'ris';
  if (looksLikeReadwise(text)) return 'readwise';
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(text.slice(0, 65536))) return 'bibtex';
  const ext = path.extname(name).toLowerCase();
  if (ext === '.bib') return 'bibtex';
  if (ext === '.ris') return 'ris';
  return null;
}
