import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  FOLDER_FORMATS, MAX_IMPORT_BYTES, type ExportReport, type ExportReportGet, type ExportResult, type ExportRun, type ImportFormat, type ImportIssue, type ImportReport, type ImportRun,
} from '../../../shared/api/methods-exchange';
import type { CallContext } from '../../api/handler-types';
import type { Services } from '../services';
import { listBackups, maybeDailyBackup, restoreFromBackup } from './auto-backup';
import { toAnnotationCollection } from './export-annotations';
import { toBibtex, toCslJson, toRis } from './export-citations';
import { quotesCsv, stanceMatrixCsv } from './export-csv';
import { allQuotes, loadExportData, resolveScope, scopedIds } from './export-data';
import { reportTitle, toHtmlReport } from './export-html';
import { toMarkdown } from './export-markdown';
import { safeFileName } from '../notes/export-model';
import { printPdf, requirePdfPrinter } from './pdf';
import { parseCslJson, parseBibtex, parseRis, citationsToPlan } from './import-citations';
import { looksLikeHypothesis, looksLikeReadwise, parseHypothesis, parseReadwise } from './import-highlights';
import { mergeLibraryDoc } from './import-library';
import { applyPlan, invalidImport, lineAt, type ImportPlan } from './import-plan';
import { LIBRARY_FORMAT, LIBRARY_FORMAT_VERSION, LibraryDoc, readLibraryDoc } from './library-format';
import { prepareFileTarget, prepareFolderTarget, writeFileAtomic, writeFolder } from './output';
import { Tally } from './tally';
import { jsonErrorOffset } from './json-error';

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

    if (input.format === 'json') {
      const schemaVersion = s.ctx.db.pragma('user_version', { simple: true }) as number;
      // One read transaction: a consistent snapshot even while another window writes.
      const doc = s.ctx.db.transaction(() => {
        const articleIds = scope.kind === 'library' ? null : scopedIds(s, scope, input.articleIds).articles;
        return readLibraryDoc(s.ctx.db, s.ctx.now(), schemaVersion, articleIds);
      })();
      writeFileAtomic(file!, `${JSON.stringify(doc, null, 2)}\n`);
      call.onProgress?.({ task: 'export', done: 1, total: 1 });
      return {
        format: input.format, out: file!, files: [path.basename(file!)], removed: [], scope,
        counts: { articles: doc.articles.length, quotes: doc.quotes.length, speakers: doc.speakers.length, topics: doc.topics.length },
      };
    }

    const data = await loadExportData(s, scope, input.articleIds);
    const counts = { articles: data.articles.length, quotes: allQuotes(data).length, speakers: data.speakers.length, topics: data.topics.length };
    let result: ExportResult;
    if (folder) {
      let files: Map<string, string>;
      let names: Record<string, string> = {};
      if (input.format === 'md') {
        const md = toMarkdown(data, folder.previous?.names ?? {});
        files = md.files;
        names = md.names;
      } else {
        files = new Map([['quotes.csv', quotesCsv(data)], ['stance-matrix.csv', stanceMatrixCsv(data)]]);
      }
      const removed = writeFolder(folder, input.format, files, names);
      result = { format: input.format, out: folder.root, files: [...files.keys()].sort(), removed, scope, counts };
    } else {
      if (printer) call.onProgress?.({ task: 'export', done: 0, total: 1, message: `Printing ${scope.label} to PDF` });
      const content =
        printer ? await printPdf(printer, toHtmlReport(data))
        : input.format === 'html' ? toHtmlReport(data)
        : input.format === 'csl-json' ? toCslJson(data.articles)
        : input.format === 'bibtex' ? toBibtex(data.articles)
        : input.format === 'ris' ? toRis(data.articles)
        : toAnnotationCollection(data);
      writeFileAtomic(file!, content);
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
      counts: { articles: data.articles.length, quotes: allQuotes(data).length, speakers: data.speakers.length, topics: data.topics.length },
    };
  }

  // ---------------------------------------------------------------- import

  async import(input: ImportRun, call: CallContext = {}): Promise<ImportReport> {
    const { text, name } = readImportInput(input);
    const json = parseJsonLoosely(text);
    const sniffed = sniffFormat(text, json.value, name);
    if (input.format && sniffed && sniffed !== input.format) {
      throw new AppError(
        'import/invalid',
        `${name} looks like ${FORMAT_NAMES[sniffed]}, not ${FORMAT_NAMES[input.format]}; pass --format ${sniffed} or leave --format out.`,
        { errors: [{ line: 1, message: `looks like ${FORMAT_NAMES[sniffed]}` }], format: input.format, detected: sniffed },
      );
    }
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
    call.onProgress?.({ task: 'import', done: 0, total: 1, message: `Reading ${name}` });

    // Everything is read and checked before the library is touched; then one transaction applies it.
    const tally = new Tally();
    const errors: ImportIssue[] = [];
    const needJson = () => {
      if (json.error) throw invalidImport(json.error, FORMAT_NAMES[format]);
      if (json.value === undefined) throw invalidImport({ line: 1, message: 'the file is not JSON' }, FORMAT_NAMES[format]);
      return json.value;
    };
    const cursor = { at: '' };
    const inOneTransaction = (fn: () => void) => {
      try {
        this.s.ctx.write(fn);
      } catch (error) {
        // The transaction rolled back; a row the database refused is the file's fault, said with its place.
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
          throw invalidImport({ ...(cursor.at ? { field: cursor.at } : {}), message: `the library refused this record (${(error as Error).message}); nothing was imported` }, FORMAT_NAMES[format]);
        }
        throw error;
      }
    };
    if (format === 'json') {
      const doc = parseLibraryDoc(needJson());
      inOneTransaction(() => mergeLibraryDoc(this.s.ctx, doc, tally, errors, cursor));
    } else {
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
      inOneTransaction(() => applyPlan(this.s, plan, tally, errors));
    }
    call.onProgress?.({ task: 'import', done: 1, total: 1, errors: errors.length });
    return { format, ...tally.totals(), errors, byType: tally.byType };
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

function readImportInput(input: ImportRun): { text: string; name: string } {
  if (input.content !== undefined) {
    const name = input.fileName ?? 'the uploaded file';
    if (Buffer.byteLength(input.content, 'utf8') > MAX_IMPORT_BYTES) throw tooLarge(name, Buffer.byteLength(input.content, 'utf8'));
    return { text: checkText(input.content.replace(/^\uFEFF/, ''), name), name };
  }
  const file = path.resolve(input.path!);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('not-found', `No file at ${file}.`, { field: 'path', path: file });
  }
  if (!stat.isFile()) throw new AppError('validation', `path: ${file} is not a file`, { field: 'path', path: file });
  // Checked before reading: a huge file is refused without loading it.
  if (stat.size > MAX_IMPORT_BYTES) throw tooLarge(file, stat.size);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new AppError('io/failed', `Could not read ${file}: ${(error as Error).message}`, { path: file });
  }
  return { text: checkText(decode(bytes), file), name: file };
}

function tooLarge(name: string, bytes: number): AppError {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return new AppError(
    'import/invalid',
    `${name} is ${mb(bytes)}; imports are limited to ${mb(MAX_IMPORT_BYTES)}. Split the file (or export per collection) and import the parts.`,
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

function parseLibraryDoc(value: unknown): LibraryDoc {
  const v = value as { format?: unknown; version?: unknown };
  if (!v || typeof v !== 'object' || v.format !== LIBRARY_FORMAT) {
    throw invalidImport({ field: 'format', message: `not a Sourcebook library export (expected "format": "${LIBRARY_FORMAT}")` }, 'Sourcebook library JSON');
  }
  if (typeof v.version === 'number' && v.version > LIBRARY_FORMAT_VERSION) {
    throw invalidImport({ field: 'version', message: `written by a newer Sourcebook (format version ${v.version}; this app reads up to ${LIBRARY_FORMAT_VERSION}). Update Sourcebook to import it.` }, 'Sourcebook library JSON');
  }
  const parsed = LibraryDoc.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: i.message }));
    const error = invalidImport(issues[0]!, 'Sourcebook library JSON');
    throw new AppError(error.code, error.message + (issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : ''), { errors: issues });
  }
  return parsed.data;
}

