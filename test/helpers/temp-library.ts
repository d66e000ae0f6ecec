import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createServices, type App, type CreateOptions } from '../../main/composition';
import type { Method, MethodInput, MethodOutput } from '../../shared/api/contract';
import type { ErrorInfo } from '../../shared/errors';

/** A fresh temp folder; removed by `cleanup()`. */
export function tempDir(prefix = 'sourcebook-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A clock that starts at `start` and moves one second per reading, so every timestamp a test
 * produces is distinct and orderings (clippedAt, set_at, updatedAt) are deterministic.
 */
export function steppingClock(start = '2026-01-01T00:00:00.000Z', stepMs = 1000): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += stepMs;
    return now;
  };
}

export interface TempLibrary {
  dir: string;
  app: App;
  dispatch: App['dispatch'];
  /** Call a method and return its value; fails the test with the error when the Result is not ok. */
  ok<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Call a method that must fail; returns the error. */
  fail(method: Method | string, input: unknown): Promise<ErrorInfo>;
  cleanup(): void;
}

/** A real library (SQLite file, migrations and all) in a temp folder, wired through createServices. */
export function tempLibrary(options: Pick<CreateOptions, 'clock' | 'log' | 'pdfPrinter'> = {}): TempLibrary {
  const { dir, cleanup } = tempDir('sourcebook-lib-');
  const app = createServices(dir, { ...options, clock: options.clock ?? steppingClock() });
  return {
    dir,
    app,
    dispatch: app.dispatch,
    async ok(method, input) {
      const result = await app.dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as MethodOutput<typeof method>;
    },
    async fail(method, input) {
      const result = await app.dispatch(method, input);
      if (result.ok) throw new Error(`${String(method)} unexpectedly succeeded: ${JSON.stringify(result.value).slice(0, 300)}`);
      return result.error;
    },
    cleanup() {
      app.close();
      cleanup();
    },
  };
}

/** One temp library per test: `const lib = useTempLibrary();` then `lib().ok(...)` inside tests. */
export function useTempLibrary(options: Parameters<typeof tempLibrary>[0] = {}): () => TempLibrary {
  let current: TempLibrary | null = null;
  afterEach(() => {
    current?.cleanup();
    current = null;
  });
  return () => (current ??= tempLibrary(options));
}

/**
 * Temp libraries and scratch folders a test makes as it goes, all removed after it:
 * `const temp = useTempPerTest('sourcebook-import-')`, then `temp.library()` and `temp.scratch()`.
 */
export function useTempPerTest(prefix: string): { library(): TempLibrary; scratch(): string } {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  return {
    library() {
      const lib = tempLibrary();
      cleanups.push(lib.cleanup);
      return lib;
    },
    scratch() {
      const t = tempDir(prefix);
      cleanups.push(t.cleanup);
      return t.dir;
    },
  };
}
