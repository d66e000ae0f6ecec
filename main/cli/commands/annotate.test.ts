import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quote, Stance, Topic } from '../../../shared/domain/entities';
import { runSourcebook, stderrLines, type CliResult } from '../../../test/helpers/cli';
import { tempDir } from '../../../test/helpers/temp-library';
import { createServices, type App } from '../../composition';

// Each spawn costs ~0.7 s (tsx start-up); independent commands run side by side.
const SLOW = { timeout: 120_000 };
let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('sourcebook-cli-annotate-');
});
afterAll(() => root.cleanup());

const ok = (r: CliResult) => {
  expect(r.stderr.split('\n').filter((l) => l.startsWith('error:')), r.stderr).toEqual([]);
  expect(r.code, r.stderr).toBe(0);
  return r;
};
const json = <T>(r: CliResult): T => JSON.parse(ok(r).stdout) as T;

/** Work on the library through the API between CLI runs (the CLI has no note or said-at commands). */
async function withApp<T>(library: string, fn: (call: <R>(method: string, input: unknown) => Promise<R>) => Promise<T>): Promise<T> {
  const app: App = createServices(library);
  try {
    return await fn(async <R>(method: string, input: unknown) => {
      const r = await app.dispatch(method as never, input as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value as R;
    });
  } finally {
    app.close();
  }
}

describe('sourcebook quote add / stance set / speaker merge', () => {
  it('records the speaker’s role, takes --topic by id or title, and never turns an unknown id into a topic', SLOW, async () => {
    const library = path.join(root.dir, 'topics');
    const file = path.join(root.dir, 'press.txt');
    fs.writeFileSync(file, 'Chip rules\n\n"The rule stands," said Kush Desai, a White House spokesperson.');
    const sb = (...args: string[]) => runSourcebook(['--library', library, ...args]);
    const article = JSON.parse(ok(await sb('clip', file, '--jsonl')).stdout.trim()) as { id: string };

    const quote = json<Quote>(await sb('quote', 'add', '--article', article.id, '--text', 'The rule stands,', '--speaker', 'Kush Desai', '--role', 'White House spokesperson', '--json'));
    expect(quote).toMatchObject({ speakerName: 'Kush Desai', speakerRole: 'White House spokesperson' });

    const first = json<Stance>(await sb('stance', 'set', '--quote', quote.id, '--topic', 'Keep the chip rule', '--value', 'supports', '--json'));
    const [byId, byTitle, unknownId] = await Promise.all([
      sb('stance', 'set', '--article', article.id, '--topic', first.topicId, '--value', 'neutral', '--json'),
      sb('stance', 'set', '--speaker', 'kush desai', '--topic', 'KEEP THE CHIP RULE', '--value', 'supports', '--json'),
      sb('stance', 'set', '--quote', quote.id, '--topic', '01980000-0000-7000-8000-0000000000ab', '--value', 'opposes'),
    ]);
    expect(json<Stance>(byId).topicId).toBe(first.topicId);
    expect(json<Stance>(byTitle).topicId).toBe(first.topicId);
    expect(unknownId.code).toBe(2);
    expect(stderrLines(unknownId)).toEqual([expect.stringMatching(/^error: not-found: No topic with id 01980000-0000-7000-8000-0000000000ab\./)]);
    const topics = json<{ items: Topic[] }>(await sb('topic', 'list', '--json'));
    expect(topics.items.map((t) => [t.id, t.title, t.stanceCount])).toEqual([[first.topicId, 'Keep the chip rule', 3]]);

    const [quoteHelp, stanceHelp] = await Promise.all([sb('quote', 'add', '--help'), sb('stance', 'set', '--help')]);
    expect(ok(quoteHelp).stdout).toContain('--role <text>');
    expect(ok(stanceHelp).stdout).toContain('--topic <id|text>');
  });

  it('shows the stance set last as current after the quote’s said-at moved, and merge keeps notes’ embeds working', SLOW, async () => {
    const library = path.join(root.dir, 'merge');
    const file = path.join(root.dir, 'undated.txt');
    fs.writeFileSync(file, 'Export row\n\n"We will not change course," said K. Desai. Kush Desai later repeated it.');
    const sb = (...args: string[]) => runSourcebook(['--library', library, ...args]);
    const article = JSON.parse(ok(await sb('clip', file, '--jsonl')).stdout.trim()) as { id: string };
    const quote = json<Quote>(await sb('quote', 'add', '--article', article.id, '--text', 'We will not change course,', '--speaker', 'K. Desai', '--json'));
    ok(await sb('stance', 'set', '--quote', quote.id, '--topic', 'Change course', '--value', 'supports'));

    const { note, keepId } = await withApp(library, async (call) => {
      await call('quotes.update', { id: quote.id, saidAt: '2025-06-01' });
      const keep = await call<{ id: string }>('speakers.create', { name: 'Kush Desai' });
      const note = await call<{ id: string }>('notes.create', { title: 'Memo', body: `See [[speaker:${quote.speakerId}]] on this.` });
      return { note, keepId: keep.id };
    });
    ok(await sb('stance', 'set', '--quote', quote.id, '--topic', 'Change course', '--value', 'opposes'));
    const shown = ok(await sb('show', quote.id)).stdout;
    expect(shown).toMatch(/• opposes\s+Change course\s+\(2025-06-01\)/);
    expect(shown).toMatch(/○ supports\s+Change course\s+\(2025-06-01, earlier: set \d{4}-\d\d-\d\d\)/);

    ok(await sb('speaker', 'merge', 'K. Desai', 'Kush Desai'));
    await withApp(library, async (call) => {
      const embeds = await call<Record<string, { status: string }>>('notes.embeds.get', { ids: [keepId] });
      expect(embeds[keepId]).toMatchObject({ status: 'ok' });
      expect((await call<{ body: string }>('notes.get', { id: note.id })).body).toBe(`See [[speaker:${keepId}]] on this.`);
    });
  });
});
