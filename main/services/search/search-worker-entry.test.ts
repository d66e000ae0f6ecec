import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeOldBuilds } from './search-worker-entry';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('removeOldBuilds', () => {
  it('removes worker builds written over a day ago, and keeps the current one, recent ones and other files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-worker-builds-'));
    dirs.push(dir);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const write = (name: string, old: boolean) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'export {};\n');
      if (old) fs.utimesSync(file, twoDaysAgo, twoDaysAgo);
      return file;
    };
    const current = write('search-worker-aaaa.mjs', true);
    write('search-worker-bbbb.mjs', true);
    write('search-worker-cccc.mjs.123.tmp', true);
    write('search-worker-dddd.mjs', false);
    write('notes.txt', true);

    removeOldBuilds(dir, current);

    expect(fs.readdirSync(dir).sort()).toEqual(['notes.txt', 'search-worker-aaaa.mjs', 'search-worker-dddd.mjs']);
  });
});
