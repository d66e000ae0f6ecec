import { z } from 'zod';
import { method, type MethodSpec } from './method';

/** Export, import and backup (the Export issue). */

const Id = z.string().trim().min(1).max(100);
const Name = z.string().trim().min(1, 'must not be empty').max(500);
const FilePath = z.string().trim().min(1, 'a path is required').max(4096);

/**
 * `pdf` is the HTML report printed to PDF. Only the desktop app can make it (`app.capabilities.get`
 * says whether this runtime can); elsewhere it fails with `export/unsupported`, and browser mode
 * prints the report from `export.report.get` with the browser's own dialog instead.
 */
export const EXPORT_FORMATS = ['json', 'md', 'html', 'csv', 'csl-json', 'bibtex', 'ris', 'annotations', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats whose `out` is a folder (several files); the others write one file. */
export const FOLDER_FORMATS: readonly ExportFormat[] = ['md', 'csv'];

export const IMPORT_FORMATS = ['json', 'csl-json', 'bibtex', 'ris', 'readwise', 'hypothesis'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The largest file an import reads whole (100 MiB): every format but a Sourcebook library export,
 * which is read record by record and may be of any size. Such imports are parsed in memory and
 * applied in one transaction; anything bigger is refused with `import/invalid` before it is read.
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** An upload's id, as `POST /api/upload` answers it (`{ upload }`): 32 hex digits. */
export const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Whether the start of a file says it is a Sourcebook library export (read record by record, so
 * of any size; every other format is read whole, up to MAX_IMPORT_BYTES). The app and the page
 * decide alike: the page before it uploads a large file, the app before it reads one.
 */
export function headSaysLibraryExport(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  return /^\s*\{/.test(text) && /"format"\s*:\s*"sourcebook-library"/.test(text.slice(0, 2000));
}

/** What an export covers: the whole library unless one of these is given. */
const ScopeFields = {
  /** A collection by name or id. */
  collection: Name.optional(),
  /** A topic by title or id. */
  topic: Name.optional(),
  /** A selection of articles by id. */
  articleIds: z.array(Id).min(1).max(10_000).optional(),
};
const isOneScopeAtMost = (v: { collection?: string; topic?: string; articleIds?: string[] }) =>
  [v.collection, v.topic, v.articleIds].filter((x) => x !== undefined).length <= 1;
const ONE_SCOPE = { message: 'give at most one of collection, topic or articleIds', path: ['collection'] };

export const ExportRun = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS),
    /** A file, or a folder for md and csv. Resolved against the caller's working folder. */
    out: FilePath,
    ...ScopeFields,
    /** Replace an existing file, or write into a folder that is not a Sourcebook export. */
    force: z.boolean().default(false),
  })
  .refine(isOneScopeAtMost, ONE_SCOPE);
export type ExportRun = z.output<typeof ExportRun>;

/** The HTML report of a scope, returned instead of written (browser mode prints it in a new tab). */
export const ExportReportGet = z.strictObject(ScopeFields).refine(isOneScopeAtMost, ONE_SCOPE);
export type ExportReportGet = z.output<typeof ExportReportGet>;

export interface ExportScope {
  kind: 'library' | 'collection' | 'topic' | 'articles';
  id: string | null;
  label: string;
}

export interface ExportResult {
  format: ExportFormat;
  /** The absolute file or folder written. */
  out: string;
  /** Files written, relative to `out` for folder formats (else the file name). */
  files: string[];
  /** Files of an earlier export into the same folder that no longer belong to it and were removed. */
  removed: string[];
  scope: ExportScope;
  counts: { articles: number; quotes: number; speakers: number; topics: number };
}

export interface ExportReport {
  /** The self-contained report (inline CSS, no scripts, nothing fetched), as `--format html` writes it. */
  html: string;
  title: string;
  /** A file name for it (the scope's label, made safe), ending in .html. */
  fileName: string;
  scope: ExportScope;
  counts: ExportResult['counts'];
}

export const ImportRun = z
  .strictObject({
    /** A file to read (the CLI and Electron pass a path). */
    path: FilePath.optional(),
    /** Or the file's content (small files; a script may pass text). */
    content: z.string().max(MAX_IMPORT_BYTES).optional(),
    /** Or a file the page uploaded (`POST /api/upload`, browser mode), of any size; deleted once imported. */
    upload: z.string().regex(UPLOAD_ID, { message: 'not an upload id' }).optional(),
    /** The uploaded file's name, used in messages and to help recognize the format. */
    fileName: z.string().max(500).optional(),
    /** Recognized from the content when absent. */
    format: z.enum(IMPORT_FORMATS).optional(),
  })
  .refine((v) => [v.path, v.content, v.upload].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of path, content or upload', path: ['path'] });
export type ImportRun = z.output<typeof ImportRun>;

/**
 * Stop the import under way on the app's worker thread (the app and browser mode import a file of
 * 1 MB or more there): it stops at its next step, rolls back, and its `import.run` fails with
 * `cancelled`; nothing of it is imported. `stopping` says whether there was one to stop.
 */
export const ImportStop = z.strictObject({});
export interface ImportStopResult {
  stopping: boolean;
}

/**
 * Stop the exports under way on the app's worker threads (the app and browser mode export a
 * library of 500 articles or more there; not PDF): each stops at its next step and its
 * `export.run` fails with `cancelled`. A file export then leaves no file (one it would have
 * replaced is unchanged); a folder export (Markdown, CSV) may have written part of its files,
 * which exporting again completes. `stopping` says whether there was one to stop.
 */
export const ExportStop = z.strictObject({});
export interface ExportStopResult {
  stopping: boolean;
}

/** One problem found in an import: where (a 1-based line, or a field path such as `quotes.3.articleId`) and what. */
export interface ImportIssue {
  line?: number;
  field?: string;
  message: string;
}

export interface ImportCounts {
  created: number;
  merged: number;
  skipped: number;
}

export interface ImportReport extends ImportCounts {
  format: ImportFormat;
  /** Records left out (skipped) and why; the rest was imported. A file that cannot be read is an `import/invalid` error instead. */
  errors: ImportIssue[];
  /** The same counts per kind of record (articles, quotes, speakers, …). */
  byType: Record<string, ImportCounts>;
}

export const BackupList = z.strictObject({});
export const BackupRestore = z.strictObject({
  /** A file name from `backup.list`, or a path to a backup file. */
  name: FilePath,
});
export const BackupAuto = z.strictObject({ keep: z.number().int().min(1).max(365).default(7) });

export interface BackupEntry {
  name: string;
  path: string;
  kind: 'auto' | 'migration' | 'replaced' | 'other';
  bytes: number;
  modifiedAt: string;
}

export interface BackupRestoreResult {
  restoredFrom: string;
  previousKeptAt: string | null;
  /**
   * Always false: the backup is written into the open database (SQLite's online backup), so the
   * app keeps working on the restored library. Kept for callers that read it.
   */
  restartRequired: boolean;
  message: string;
}

export const exchangeMethods = {
  'export.run': method<ExportResult>()(ExportRun),
  /** Read-only (ends in .get): nothing is written, so browser mode does not announce a library change. */
  'export.report.get': method<ExportReport>()(ExportReportGet),
  'import.run': method<ImportReport>()(ImportRun),
  'import.stop': method<ImportStopResult>()(ImportStop),
  'export.stop': method<ExportStopResult>()(ExportStop),
  'backup.list': method<{ dir: string; backups: BackupEntry[] }>()(BackupList),
  'backup.restore': method<BackupRestoreResult>()(BackupRestore),
  'backup.auto': method<{ created: string | null; pruned: string[] }>()(BackupAuto),
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
