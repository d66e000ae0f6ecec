import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSourcebook } from '../../../test/helpers/cli';
import { tempDir } from '../../../test/helpers/temp-library';
import { terminalSnippet } from '../../cli/commands/search';

// Each spawn starts Node and tsx (~1 s, more on a loaded machine).
const SLOW = { timeout: 120_000 };
let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('sourcebook-search-cli-');
});
afterAll(() => root.cleanup());

describe('sourcebook search', () => {
  it('prints one line per hit, JSON with --json, and exits 2 on a bad query', SLOW, async () => {
    const library = path.join(root.dir, 'lib');
    const file = path.join(root.dir, 'tram.txt');
    fs.writeFileSync(file, 'Tram vote\n\nThe mayor said the tram is coming by 2027. Farmers said the budget does not add up.');
    const sb = (...args: string[]) => runSourcebook(['--library', library, ...args]);
    expect((await sb('clip', file)).code).toBe(0);

    const [human, json, bad, excluded] = await Promise.all([
      sb('search', 'tram', 'budget'),
      sb('search', 'tram', '--json', '--type', 'article'),
      sb('search', 'tram OR'),
      sb('search', '--', '-farmers', 'tram'),
    ]);
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\[article\] +Tram vote · .*\*\*tram\*\*.*\*\*budget\*\*/);
    expect(lines.at(-1)).toMatch(/^1–1 of 1 results \(/);

    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { total: number; tookMs: number; hits: Record<string, unknown>[]; facets: { type: unknown[] } };
    expect(parsed.total).toBe(1);
    expect(typeof parsed.tookMs).toBe('number');
    expect(Object.keys(parsed.hits[0]!).sort()).toEqual(['id', 'score', 'snippet', 'title', 'type']);
    expect(parsed.hits[0]!.snippet).toContain('\u0002tram\u0003');
    expect(parsed.facets.type).toEqual([{ value: 'article', label: 'Articles', count: 1, filter: 'type:article' }]);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: search\/invalid-query: OR needs a word after it \(at column 6\)/);
    expect(bad.stdout).toBe('');

    expect(excluded.code, excluded.stderr).toBe(0);
    expect(excluded.stdout).toMatch(/^No results/);
  });
});

describe('terminalSnippet', () => {
  it('shows matches as **…**, folds white space and cuts long text', () => {
    expect(terminalSnippet('a \u0002b\u0003\n\n c')).toBe('a **b** c');
    expect(terminalSnippet(`${'x'.repeat(300)}\u0002y\u0003`, 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
