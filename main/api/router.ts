import type { z } from 'zod';
import { contract, isMethod, type Method, type MethodOutput } from '../../shared/api/contract';
import { AppError, isAppError, type Result } from '../../shared/errors';
import type { Services } from '../services/services';
import type { CallContext, Handlers } from './handler-types';
import { articleHandlers } from './handlers/articles';
import { libraryHandlers } from './handlers/library';
import { organizeHandlers } from './handlers/organize';
import { quoteHandlers } from './handlers/quotes';
import { searchHandlers } from './handlers/search';
import { clipHandlers } from './handlers/clip';
import { exchangeHandlers } from './handlers/exchange';
import { notesHandlers } from './handlers/notes';
import { isReadOnlyMethod } from './read-only-methods';
import { importRunning } from '../services/exchange/exchange-jobs';

export type Dispatch = <M extends Method>(method: M | string, input: unknown, call?: CallContext) => Promise<Result<MethodOutput<M>>>;

/** Zod issues as one readable line naming each field, plus the list for programs. */
export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    const path = issue.path.map(String).join('.');
    const field = keys.length ? [path, keys.join(', ')].filter(Boolean).join('.') : path || '(input)';
    const message = keys.length ? 'unknown field' : issue.message;
    return { field, message };
  });
  return new AppError('validation', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}

/**
 * The one entry point for every transport (Electron IPC, HTTP, CLI, tests): look the method up,
 * validate the input, call the service, and return a Result. It is the only catch-all: expected
 * failures keep their AppError code, anything else becomes `internal` and is logged with its stack.
 */
export function createRouter(services: Services, extra: Partial<Handlers> = {}, log: (e: unknown) => void = defaultLog): Dispatch {
  const handlers: Handlers = {
    ...libraryHandlers(services),
    ...articleHandlers(services),
    ...quoteHandlers(services),
    ...organizeHandlers(services),
    ...searchHandlers(services),
    ...clipHandlers(services),
    ...exchangeHandlers(services),
    ...notesHandlers(services),
    ...extra,
  };

  return async (method, input, call = {}) => {
    try {
      if (typeof method !== 'string' || !isMethod(method)) {
        throw new AppError('validation', `method: unknown method "${String(method).slice(0, 100)}"`, { field: 'method' });
      }
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      // An import on the exchange worker holds the write lock: a write waits for it here, where the
      // wait does not hold this thread as waiting for the lock would (exchange-jobs.ts).
      const jobs = services.exchangeJobs;
      if (jobs?.importRunning && !isReadOnlyMethod(method) && !(await jobs.untilNoImport())) throw importRunning();
      const handler = handlers[method] as (input: unknown, call: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, call);
      return { ok: true, value: value as MethodOutput<typeof method> };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toInfo() };
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY') {
        return { ok: false, error: { code: 'conflict', message: 'The library is busy with another writer; try again in a moment.' } };
      }
      if (code === 'SQLITE_FULL') {
        return { ok: false, error: { code: 'io/failed', message: 'The disk is full; free some space and try again. Nothing was changed.' } };
      }
      if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
        return { ok: false, error: { code: 'db/corrupt', message: 'The library file is damaged. Run `sourcebook check`, then restore from the backups folder.' } };
      }
      if (/database connection is not open/i.test((error as Error)?.message ?? '')) {
        return { ok: false, error: { code: 'internal', message: 'The library is closed (Sourcebook is shutting down). Start Sourcebook again to open it.' } };
      }
      log(error);
      return { ok: false, error: { code: 'internal', message: `Unexpected error: ${(error as Error)?.message ?? String(error)}` } };
    }
  };
}

function defaultLog(error: unknown): void {
  console.error('[sourcebook] internal error:', error instanceof Error ? error.stack : error);
}
