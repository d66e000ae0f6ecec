/**
 * The few named error codes that cross every boundary (router, IPC, HTTP, CLI). Services throw
 * AppError for expected failures; the router turns anything else into `internal`.
 */
export const ERROR_CODES = [
  'validation',
  'not-found',
  'conflict',
  'search/invalid-query',
  'clip/fetch-failed',
  'clip/unsupported',
  'clip/too-large',
  'db/corrupt',
  'db/too-new',
  'db/unwritable',
  'io/failed',
  'import/invalid',
  /** A format this runtime cannot make (PDF needs the desktop app's built-in Chromium). */
  'export/unsupported',
  /** Making an export failed past the file system (the PDF printer crashed or timed out). */
  'export/failed',
  'cancelled',
  'unauthorized',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
