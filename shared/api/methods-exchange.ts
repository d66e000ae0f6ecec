import { z } from 'zod';
import { method, type MethodSpec } from './method';

/** Export, import and backup (the Export issue). */

const Id = z.string().trim().min(1).max(100);
const Name = z.string().trim().min(1, 'must not be empty').max(500);
const FilePath = z.string().trim().min(1, 'a path is required').max(4096);

export const EXPORT_FORMATS = ['json', 'md', 'html', 'csv', 'csl-json', 'bibtex', 'ris', 'annotations'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats whose `out` is a folder (several files); the others write one file. */
export const FOLDER_FORMATS: readonly ExportFormat[] = ['md', 'csv'];

export const IMPORT_FORMATS = ['json', 'csl-json', 'bibtex', 'ris', 'readwise', 'hypothesis'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The largest file an import reads (100 MiB). Imports are parsed in memory and applied in one
 * transaction; anything bigger is refused with `import/invalid` before it is read (split it, or
 * import a JSON export per collection).
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export const ExportRun = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS),
    /** A file, or a folder for md and csv. Resolved against the caller's working folder. */
    out: FilePath,
    /** A collection by name or id. */
    collection: Name.optional(),
    /** A topic by title or id. */
    topic: Name.optional(),
    /** A selection of articles by id. */
    articleIds: z.array(Id).min(1).max(10_000).optional(),
    /** Replace an existing file, or write into a folder that is not a Sourcebook export. */
    force: z.boolean().default(false),
  })
  .refine((v) => [v.collection, v.topic, v.articleIds].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of collection, topic or articleIds',
    path: ['collection'],
  });
export type ExportRun = z.output<typeof ExportRun>;

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

export const ImportRun = z
  .strictObject({
    /** A file to read (the CLI and Electron pass a path). */
    path: FilePath.optional(),
    /** Or the file's content (browser mode uploads it). */
    content: z.string().max(MAX_IMPORT_BYTES).optional(),
    /** The uploaded file's name, used in messages and to help recognize the format. */
    fileName: z.string().max(500).optional(),
    /** Recognized from the content when absent. */
    format: z.enum(IMPORT_FORMATS).optional(),
  })
  .refine((v) => (v.path === undefined) !== (v.content === undefined), { message: 'give exactly one of path or content', path: ['path'] });
export type ImportRun = z.output<typeof ImportRun>;

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
  restartRequired: true;
  message: string;
}

export const exchangeMethods = {
  'export.run': method<ExportResult>()(ExportRun),
  'import.run': method<ImportReport>()(ImportRun),
  'backup.list': method<{ dir: string; backups: BackupEntry[] }>()(BackupList),
  'backup.restore': method<BackupRestoreResult>()(BackupRestore),
  'backup.auto': method<{ created: string | null; pruned: string[] }>()(BackupAuto),
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
