import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectRootAbove } from './paths';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('PROJECT_ROOT', () => {
  it('is the folder holding package.json, from the sources', () => {
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'main', 'paths.ts'))).toBe(true);
  });

  it('is found the same from a bundle deeper down (dist/electron, node_modules/.cache/…)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-root-'));
    dirs.push(root);
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    for (const below of [['main'], ['dist', 'electron'], ['node_modules', '.cache', 'sourcebook']]) {
      const dir = path.join(root, ...below);
      fs.mkdirSync(dir, { recursive: true });
      expect(projectRootAbove(dir), below.join('/')).toBe(root);
    }
  });
});
