/**
 * A child process for test/trust/restore-while-writing.test.ts: opens the library through
 * createServices, as the app does, and creates one article every INTERVAL_MS until its stdin ends.
 * After each write it prints one JSON line: `{ "committed": id }` once the write is committed, or
 * `{ "failed": message }` (with the id the error names, if any). So the parent knows exactly which writes this process saw succeed.
 *
 * Usage: node --import tsx test/helpers/steady-writer.ts LIBRARY_DIR NAME INTERVAL_MS
 */
import { createServices } from '../../main/composition';

const [dir, name, intervalArg] = process.argv.slice(2);
const app = createServices(dir!);
let isStopping = false;
process.stdin.on('data', () => {}).on('end', () => (isStopping = true));
process.stdout.write('ready\n');

for (let n = 0; !isStopping; n++) {
  const r = await app.dispatch('articles.create', { title: `${name} write ${n}`, text: `Write ${n} of ${name}, made while a restore may run.` });
  // A failure's message, with the id it names (a create that a restore overtook names its article).
  const failure = r.ok ? null : `${r.error.code}: ${r.error.message}${typeof r.error.details?.id === 'string' ? ` (id ${r.error.details.id})` : ''}`;
  process.stdout.write(`${JSON.stringify(r.ok ? { committed: (r.value as { id: string }).id } : { failed: failure })}\n`);
  await new Promise((resolve) => setTimeout(resolve, Number(intervalArg)));
}
app.close();
