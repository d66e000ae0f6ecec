// Starts the search worker from the TypeScript sources (the CLI, `sourcebook serve`, tests): a
// worker thread does not inherit the main thread's tsx hooks, so it registers its own. The
// Electron bundle ships a built search-worker.mjs instead (scripts/build-electron.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./search-worker.ts');
