import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../main/composition';
import { PROJECT_ROOT } from './helpers/cli';
import { tempDir } from './helpers/temp-library';

const WRITER = path.join(PROJECT_ROOT, 'test', 'helpers', 'concurrent-writer.ts');
const OPEN_AT = path.join(PROJECT_ROOT, 'test', 'helpers', 'open-at.ts');
const ROUNDS = 50; // four writes a round: 200 operations per process

interface WriterReport {
  name: string;
  created: { articles: string[]; quotes: string[]; stances: string[] };
  failures: string[];
}

function startWriter(dir: string, name: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, name, String(ROUNDS)], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<WriterReport>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`writer ${name} exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as WriterReport);
    });
  });
  return { child, done };
}

let lib: { dir: string; cleanup(): void };
beforeAll(() => {
  lib = tempDir('sourcebook-concurrency-');
});
afterAll(() => lib.cleanup());

/** Start a helper script; `ready` resolves at its first stdout line, `done` when it exits. */
function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    if (stdout.includes('\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { ready, done };
}

describe('processes opening one library', () => {
  it('three processes creating the same new library at the same moment all succeed', { timeout: 120_000 }, async () => {
    const dir = path.join(lib.dir, 'fresh');
    const go = path.join(lib.dir, 'go');
    const openers = [1, 2, 3].map(() => start([OPEN_AT, dir, go]));
    await Promise.all(openers.map((o) => o.ready));
    fs.writeFileSync(go, '');
    for (const r of await Promise.all(openers.map((o) => o.done))) {
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ ok: true });
    }
  });
});

describe('two processes writing one library', () => {
  it('both open a brand-new library at once and all 400 writes succeed and are there afterwards', { timeout: 120_000 }, async () => {
    const writers = [startWriter(lib.dir, 'A'), startWriter(lib.dir, 'B')];
    // Let both finish starting (tsx, module loading), then release them together.
    await new Promise((r) => setTimeout(r, 1500));
    for (const w of writers) w.child.stdin.end('go\n');
    const reports = await Promise.all(writers.map((w) => w.done));

    for (const r of reports) {
      expect(r.failures, `writer ${r.name}`).toEqual([]);
      expect(r.created.articles).toHaveLength(ROUNDS);
      expect(r.created.quotes).toHaveLength(ROUNDS);
      expect(r.created.stances).toHaveLength(ROUNDS);
    }

    const app = createServices(lib.dir);
    try {
      const s = app.services;
      const articles = await s.articles.list({ offset: 0, limit: 1000 });
      expect(articles.total).toBe(2 * ROUNDS);
      const ids = new Set(articles.items.map((a) => a.id));
      for (const r of reports) for (const id of r.created.articles) expect(ids.has(id)).toBe(true);

      // One speaker, one tag and one topic, found-or-created by both writers without duplicates.
      const speakers = await s.speakers.list({ offset: 0, limit: 10 });
      expect(speakers.items.map((x) => [x.name, x.quoteCount])).toEqual([['Shared Speaker', 2 * ROUNDS]]);
      expect((await s.tags.list()).map((t) => [t.name, t.count])).toEqual([['shared-tag', 2 * ROUNDS]]);
      const topics = await s.topics.list({ offset: 0, limit: 10 });
      expect(topics.items.map((t) => [t.title, t.stanceCount])).toEqual([['Shared topic', 2 * ROUNDS]]);
      expect((await s.library.check()).problems).toEqual([]);
    } finally {
      app.close();
    }
  });
});
