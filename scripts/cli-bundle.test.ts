import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cliBundle } from './cli-bundle.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project of two source files, the CLI's entry importing the other. */
function project(): { root: string; write(file: string, text: string): void; run(url: string): string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-bundle-'));
  dirs.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('main/cli/entry.ts', "import { greeting } from '../greeting';\nconst who: string = 'reader';\nconsole.log(greeting(who));\n");
  write('main/greeting.ts', 'export const greeting = (who: string): string => `hello, ${who}`;\n');
  return { root, write, run: (url) => execFileSync(process.execPath, [fileURLToPath(url)], { encoding: 'utf8' }).trim() };
}

describe('cliBundle', () => {
  it('bundles the CLI once, reuses it while its sources are unchanged, and builds again after an edit', async () => {
    const p = project();
    const first = await cliBundle(p.root);
    expect(p.run(first)).toBe('hello, reader');
    expect(await cliBundle(p.root)).toBe(first);
    const manifest = JSON.parse(fs.readFileSync(path.join(p.root, 'node_modules', '.cache', 'sourcebook', 'manifest-cli.json'), 'utf8'));
    // The sources the bundle holds, and what decides how it is built.
    expect(manifest.inputs.map(([file]: [string]) => path.basename(file)).sort()).toEqual(['cli-bundle.mjs', 'entry.ts', 'greeting.ts', 'package.json']);

    // An edit to a file the entry imports: a new bundle, with the new text.
    p.write('main/greeting.ts', 'export const greeting = (who: string): string => `good morning, ${who}`;\n');
    const second = await cliBundle(p.root);
    expect(second).not.toBe(first);
    expect(p.run(second)).toBe('good morning, reader');
  });

  it('reuses its bundle when a source is dated in the future (a clock set wrong, an archive from elsewhere)', async () => {
    const p = project();
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    fs.utimesSync(path.join(p.root, 'main', 'greeting.ts'), tomorrow, tomorrow);
    const first = await cliBundle(p.root);
    expect(await cliBundle(p.root)).toBe(first);
    const manifest = JSON.parse(fs.readFileSync(path.join(p.root, 'node_modules', '.cache', 'sourcebook', 'manifest-cli.json'), 'utf8'));
    expect(manifest.inputs.map(([, stamp]: [string, string]) => stamp)).not.toContain('edited during the build');
    // Still an edit is seen: a new text, dated now.
    p.write('main/greeting.ts', 'export const greeting = (who: string): string => `good evening, ${who}`;\n');
    expect(p.run(await cliBundle(p.root))).toBe('good evening, reader');
  });

  it('builds again when its bundle is gone, and refuses sources that do not build', async () => {
    const p = project();
    const first = await cliBundle(p.root);
    fs.rmSync(fileURLToPath(first));
    expect(p.run(await cliBundle(p.root))).toBe('hello, reader');
    p.write('main/greeting.ts', 'export const greeting = (who: string => ;\n');
    await expect(cliBundle(p.root)).rejects.toThrow();
  });
});
