import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../main/composition';
import { CLI, PROJECT_ROOT } from '../helpers/cli';

const WRITER = path.join(PROJECT_ROOT, 'test', 'helpers', 'concurrent-writer.ts');
const OPERATIONS = 1000;
const TOKEN = 'concurrency-test-token';

/** Browser mode (`sourcebook serve`) on a library; resolves with its base URL once it listens. */
function startServe(library: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--library', library, 'serve', '--port', '0', '--token', TOKEN], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}` });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

async function api(base: string, method: string, input: unknown): Promise<{ ok: boolean; value?: { id: string }; error?: { code: string; message: string } }> {
  const response = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: { id: string } };
}

describe('the app (browser mode) and the CLI writing one library at once', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trust-concurrency-'));
  let serve: ChildProcess | undefined;
  afterAll(() => {
    serve?.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  });

  it(`${OPERATIONS} writes through the server and ${OPERATIONS} from another process all land`, { timeout: 600_000 }, async () => {
    const library = path.join(work, 'library');
    const started = await startServe(library);
    serve = started.child;

    // The second process: the same services the CLI uses, 250 rounds of four writes.
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, library, 'cli', String(OPERATIONS / 4)], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let writerOut = '';
    writer.stdout.setEncoding('utf8').on('data', (c: string) => (writerOut += c));
    const writerDone = new Promise<number | null>((resolve) => writer.on('close', resolve));
    writer.stdin.end('go\n');

    // The app's side: articles and tags through the HTTP API, two requests in flight at a time.
    const failures: string[] = [];
    const appArticles: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < OPERATIONS / 2) {
        const i = next++;
        const created = await api(started.base, 'articles.create', { title: `App article ${i}`, text: `Written by the app, number ${i}.` });
        if (!created.ok || !created.value) {
          failures.push(`create ${i}: ${created.error?.code}: ${created.error?.message}`);
          continue;
        }
        appArticles.push(created.value.id);
        const tagged = await api(started.base, 'tags.add', { itemId: created.value.id, tag: 'from-app' });
        if (!tagged.ok) failures.push(`tag ${i}: ${tagged.error?.code}: ${tagged.error?.message}`);
      }
    };
    await Promise.all([lane(), lane()]);
    expect(await writerDone).toBe(0);
    const report = JSON.parse(writerOut.trim().split('\n').pop()!) as { created: { articles: string[]; quotes: string[]; stances: string[] }; failures: string[] };

    expect(failures).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(appArticles).toHaveLength(OPERATIONS / 2);
    expect(report.created.articles).toHaveLength(OPERATIONS / 4);

    // No lost write: everything both sides were told was stored is there.
    const app = createServices(library);
    try {
      const count = (sql: string) => (app.db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM articles')).toBe(OPERATIONS / 2 + OPERATIONS / 4);
      expect(count("SELECT count(*) AS n FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE t.name = 'from-app'")).toBe(OPERATIONS / 2);
      expect(count('SELECT count(*) AS n FROM quotes')).toBe(OPERATIONS / 4);
      expect(count('SELECT count(*) AS n FROM stances')).toBe(OPERATIONS / 4);
      const check = await app.dispatch('library.check', {});
      expect(check.ok && check.value.ok).toBe(true);
    } finally {
      app.close();
    }
  });
});
