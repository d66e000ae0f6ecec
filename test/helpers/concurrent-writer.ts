/**
 * A child process for test/concurrency.test.ts: opens the library through createServices and runs
 * `rounds` rounds of four writes (article, quote with a shared speaker, tag, stance on a shared topic),
 * each through the router like any transport. Prints one JSON line: what it created and every failure.
 *
 * Usage: node --import tsx test/helpers/concurrent-writer.ts LIBRARY_DIR NAME ROUNDS
 */
import { createServices } from '../../main/composition';

const [dir, name, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const created = { articles: [] as string[], quotes: [] as string[], stances: [] as string[] };
const failures: string[] = [];

// Start together: the parent releases both writers at once through stdin.
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

const app = createServices(dir!);
async function call<T>(method: string, input: unknown): Promise<T | undefined> {
  const r = await app.dispatch(method, input);
  if (!r.ok) {
    failures.push(`${method}: ${r.error.code}: ${r.error.message}`);
    return undefined;
  }
  return r.value as T;
}

for (let i = 0; i < rounds; i++) {
  const a = await call<{ id: string }>('articles.create', { title: `${name} ${i}`, text: `Writer ${name} round ${i}. The shared speaker said the plan works in round ${i}.` });
  if (!a) continue;
  created.articles.push(a.id);
  const q = await call<{ id: string }>('quotes.create', { articleId: a.id, text: `the plan works in round ${i}`, speaker: 'Shared Speaker' });
  if (!q) continue;
  created.quotes.push(q.id);
  await call('tags.add', { itemId: q.id, tag: 'shared-tag' });
  const s = await call<{ id: string }>('stances.set', { subjectType: 'quote', subjectId: q.id, topic: 'Shared topic', value: i % 2 ? 'supports' : 'opposes' });
  if (s) created.stances.push(s.id);
}
app.close();
process.stdout.write(`${JSON.stringify({ name, created, failures })}\n`);
