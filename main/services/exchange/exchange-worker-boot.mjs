// Starts the exchange worker from the TypeScript sources where esbuild is missing: a worker thread
// does not inherit the main thread's tsx hooks, so it registers its own. The Electron bundle ships
// a built exchange-worker.mjs instead (scripts/build-electron.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./exchange-worker.ts');
