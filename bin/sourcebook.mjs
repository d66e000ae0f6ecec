#!/usr/bin/env node
// The `sourcebook` command. It runs the TypeScript sources bundled by esbuild (built on first run and
// again after any edit: scripts/cli-bundle.mjs), so it works right after `npm install` with no build
// step; where no bundle can be built (an install without esbuild), it runs the sources through tsx.
import { cliBundle } from '../scripts/cli-bundle.mjs';

let bundle = null;
if (process.env.SOURCEBOOK_CLI_FROM_SOURCES !== '1') {
  try {
    bundle = await cliBundle();
  } catch {
    // No esbuild, or the sources do not build: tsx runs them (and names any error in them).
  }
}
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/entry.ts');
}
