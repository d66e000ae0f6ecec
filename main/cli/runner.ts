import type { Method, MethodInput, MethodOutput } from '../../shared/api/contract';
import { AppError, type ErrorCode } from '../../shared/errors';
import { createServices, type App, type CreateOptions } from '../composition';
import { resolveLibraryDir } from '../library-location';

/** What every command gets: the library (opened on first use) and typed calls through the router. */
export interface CliRunner {
  libraryDir(): string;
  /** `options` count only on the first call, which opens the library. */
  app(options?: CreateOptions): App;
  /** Call an API method through the router; an error Result is thrown as AppError. */
  call<M extends Method>(method: M, input: MethodInput<M>, options?: { onProgress?: (e: import('../api/handler-types').ProgressEvent) => void; signal?: AbortSignal }): Promise<MethodOutput<M>>;
  close(): void;
}

export function createRunner(getLibraryFlag: () => string | undefined): CliRunner {
  let app: App | null = null;
  const runner: CliRunner = {
    libraryDir: () => resolveLibraryDir(getLibraryFlag()),
    app: (options) => (app ??= createServices(runner.libraryDir(), options)),
    async call(method, input, options = {}) {
      const result = await runner.app().dispatch(method, input, options);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as MethodOutput<typeof method>;
    },
    close() {
      app?.close();
      app = null;
    },
  };
  return runner;
}

/** Exit 2 for bad usage or bad input (the user can fix the call), 1 for failures. */
const BAD_INPUT: readonly ErrorCode[] = [
  'validation', 'not-found', 'conflict', 'search/invalid-query', 'import/invalid', 'clip/unsupported', 'clip/too-large', 'db/too-new', 'db/unwritable',
  // `--format pdf` outside the desktop app: the user can export html instead.
  'export/unsupported',
];
export const exitCodeFor = (code: ErrorCode): number => (BAD_INPUT.includes(code) ? 2 : 1);
