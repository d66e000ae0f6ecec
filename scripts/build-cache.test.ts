import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeOldBuilds, writeWhole } from './build-cache.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-build-cache-'));
  dirs.push(dir);
  return dir;
}

describe('build cache', () => {
  it('removes builds with the prefix written over a day ago, and keeps the current one, recent ones and other files', () => {
    const dir = tempDir();
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const write = (name: string, old: boolean) => {
      fs.writeFileSync(path.join(dir, name), 'export {};\n');
      if (old) fs.utimesSync(path.join(dir, name), twoDaysAgo, twoDaysAgo);
    };
    write('search-worker-aaaa.mjs', true);
    write('search-worker-bbbb.mjs', true);
    write('search-worker-cccc.mjs.123.tmp', true);
    write('search-worker-dddd.mjs', false);
    write('cli-eeee.mjs', true);

    removeOldBuilds(dir, 'search-worker-', 'search-worker-aaaa.mjs');

    expect(fs.readdirSync(dir).sort()).toEqual(['cli-eeee.mjs', 'search-worker-aaaa.mjs', 'search-worker-dddd.mjs']);
  });

  it('writes a file whole, leaving no partial copy behind', () => {
    const dir = tempDir();
    writeWhole(path.join(dir, 'cli-ffff.mjs'), new TextEncoder().encode('export const x = 1;\n'));
    expect(fs.readdirSync(dir)).toEqual(['cli-ffff.mjs']);
    expect(fs.readFileSync(path.join(dir, 'cli-ffff.mjs'), 'utf8')).toBe('export const x = 1;\n');
  });
});
