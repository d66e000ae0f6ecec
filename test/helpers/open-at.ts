/**
 * A child process for test/concurrency.test.ts: prints "ready", spins until the file GO_FILE exists,
 * then opens (creating and migrating) the library through createServices, so several processes hit
 * a brand-new library within the same millisecond. Prints one JSON line: { ok } or { ok: false, code, message }.
 *
 * Usage: node --import tsx test/helpers/open-at.ts LIBRARY_DIR GO_FILE
 */
import fs from 'node:fs';
import { createServices } from '../../main/composition';
import { isAppError } from '../../shared/errors';

const [dir, goFile] = process.argv.slice(2);
process.stdout.write('ready\n');
while (!fs.existsSync(goFile!)) {
  // spin: a timer or a pipe message is too coarse to line processes up
}
try {
  createServices(dir!).close();
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, code: isAppError(error) ? error.code : 'thrown', message: (error as Error).message })}\n`);
}
