import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A dependency loaded on first use instead of at start-up. For the big ones only some commands
 * need (jsdom and linkedom to clip and parse HTML, citation-js, yaml and papaparse to export or
 * import): a session that reads and searches never pays their memory (jsdom alone is about 100 MB;
 * together they were most of the main process's RSS, which the search benchmark measures).
 * Every runtime dependency stays external in the Electron bundle (scripts/build-electron.mjs), so
 * this resolves the same package a static import would. CommonJS entry points only (Node 20).
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}
