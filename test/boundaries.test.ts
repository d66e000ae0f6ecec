import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/cli';
import { checkBoundaries, importsOf, listSources } from './helpers/import-scan';
import { tempDir } from './helpers/temp-library';

describe('import boundaries', () => {
  it('hold across the project’s sources', () => {
    // This file is left out: its self-test spells forbidden imports inside strings.
    const self = fileURLToPath(import.meta.url);
    const files = listSources(PROJECT_ROOT, ['main', 'shared', 'renderer', 'e2e', 'bench', 'scripts', 'test', 'bin']).filter((f) => f !== self);
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.includes(`${path.sep}renderer${path.sep}`))).toBe(true);
    expect(checkBoundaries(PROJECT_ROOT, files)).toEqual([]);
  });

  describe('the scanner (self-test: it must be able to fail)', () => {
    let sandbox: { dir: string; cleanup(): void };
    const write = (rel: string, text: string) => {
      const file = path.join(sandbox.dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    };
    beforeAll(() => {
      sandbox = tempDir('sourcebook-boundaries-');
    });
    afterAll(() => sandbox.cleanup());

    it('finds every import form and ignores comments', () => {
      expect(
        importsOf(`
          import a from 'one';
          import type { B } from "two";
          import * as c from 'three';
          import {
            d,
            type E,
          } from 'four';
          import 'five';
          export { f } from 'six';
          export * from 'seven';
          const g = await import('eight');
          const h = require('nine');
          // import x from 'commented';
          /* import y from 'blocked'; */
          const url = 'http://example.com'; import z from 'ten';
        `).sort(),
      ).toEqual(['eight', 'five', 'four', 'nine', 'one', 'seven', 'six', 'ten', 'three', 'two']);
    });

    it('flags each forbidden import in synthetic bad files', () => {
      const files = [
        write('renderer/features/bad.tsx', "import { createServices } from '../../main/composition';\nimport fs from 'node:fs';\nimport path from 'path';\n"),
        write('renderer/features/worse.ts', "import { ipcRenderer } from 'electron';\n"),
        write('shared/bad.ts', "import crypto from 'crypto';\nimport { useState } from 'react';\nimport { JSDOM } from 'jsdom';\nimport { x } from '../main/services/x';\nimport { y } from '../renderer/lib/y';\nimport { app } from 'electron';\nimport os from 'node:os';\n"),
        write('main/services/bad.ts', "import { app } from 'electron';\n"),
        write('scripts/bad.mjs', "const { app } = require('electron');\n"),
        write('main/electron/fine.ts', "import { app } from 'electron';\nimport fs from 'node:fs';\n"),
        write('renderer/features/fine.tsx', "import { useState } from 'react';\nimport type { Quote } from '../../shared/domain/entities';\n"),
        write('shared/fine.test.ts', "import { parseHTML } from 'linkedom';\nimport { describe } from 'vitest';\n"),
        write('main/services/fine.ts', "import fs from 'node:fs';\nimport { z } from 'zod';\n"),
      ];
      const found = checkBoundaries(sandbox.dir, files).map((v) => `${v.file} ${v.spec}: ${v.rule}`);
      expect(found.sort()).toEqual(
        [
          'renderer/features/bad.tsx ../../main/composition: renderer must not import main/',
          'renderer/features/bad.tsx node:fs: renderer must not import Node built-ins',
          'renderer/features/bad.tsx path: renderer must not import Node built-ins',
          'renderer/features/worse.ts electron: only main/electron/ may import electron',
          'shared/bad.ts crypto: shared must not import Node built-ins',
          'shared/bad.ts react: shared must not import react',
          'shared/bad.ts jsdom: shared must not import jsdom',
          'shared/bad.ts ../main/services/x: shared must not import main/',
          'shared/bad.ts ../renderer/lib/y: shared must not import renderer/',
          'shared/bad.ts electron: only main/electron/ may import electron',
          'shared/bad.ts node:os: shared must not import Node built-ins',
          'main/services/bad.ts electron: only main/electron/ may import electron',
          'scripts/bad.mjs electron: only main/electron/ may import electron',
        ].sort(),
      );
    });
  });
});
