#!/usr/bin/env node
// The `sourcebook` command. It runs the TypeScript sources through tsx, so it works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/entry.ts');
