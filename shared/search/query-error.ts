import { AppError } from '../errors';

/**
 * Bad query syntax: an AppError with code `search/invalid-query` whose details carry where the
 * problem is (`position`, `end`: UTF-16 offsets into the query), so the UI can point at it and the
 * router passes it through unchanged.
 */
export class QuerySyntaxError extends AppError {
  readonly position: number;
  readonly end: number;

  constructor(message: string, position: number, end = position + 1) {
    super('search/invalid-query', `${message} (at column ${position + 1})`, { position, end });
    this.name = 'QuerySyntaxError';
    this.position = position;
    this.end = Math.max(end, position);
  }
}

export const isQuerySyntaxError = (e: unknown): e is QuerySyntaxError => e instanceof QuerySyntaxError;
