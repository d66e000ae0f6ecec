import { ApiError } from '../api/client';

/**
 * One readable line for any failure. API errors already say what to do next (STYLE §5); anything
 * else is a bug or a lost connection, so say so rather than hide it.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return `Something went wrong: ${String(error)}`;
}

/** The field a validation error names ("text: must not be empty" → "text"), when there is one. */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'validation') return undefined;
  const field = error.info.details?.field;
  if (typeof field === 'string') return field;
  const issues = error.info.details?.issues;
  if (Array.isArray(issues)) {
    const first = issues[0] as { field?: unknown } | undefined;
    if (typeof first?.field === 'string') return first.field;
  }
  return undefined;
}
