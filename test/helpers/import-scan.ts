import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Every module specifier a source file imports: static, side-effect, re-export, dynamic, require. */
export function importsOf(source: string): string[] {
  // Comments go first so a commented-out import (or prose like "never `require('electron')`") is not one.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]!);
  return [...new Set(found)];
}

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
export const isNodeBuiltin = (spec: string): boolean => spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]!);
const packageOf = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Modules that need a DOM (or provide one): platform code shared/ must not pull in. */
const DOM_MODULES = new Set(['react', 'react-dom', 'jsdom', 'linkedom', 'dompurify', 'happy-dom']);

export interface Violation {
  file: string;
  spec: string;
  rule: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const isTestFile = (rel: string) => /\.(test|spec)\.(ts|tsx|mts|js|mjs)$/.test(rel);

export function listSources(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name)) out.push(full);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}

/**
 * The architecture's import rules (STYLE.md §1):
 * - renderer/ never imports main/, Node built-ins or electron (it talks to main through renderer/api/);
 * - shared/ imports no platform: no Node built-ins, electron, React or DOM modules, nothing in main/ or renderer/
 *   (its tests may use a DOM library to exercise DOM-agnostic code);
 * - only main/electron/ imports electron.
 */
export function checkBoundaries(root: string, files: string[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const top = rel.split('/')[0];
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      const isRelative = spec.startsWith('.') || spec.startsWith('/');
      const target = isRelative ? path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/') : null;
      const targetTop = target?.split('/')[0];
      const pkg = isRelative ? null : packageOf(spec);
      const add = (rule: string) => violations.push({ file: rel, spec, rule });

      if (pkg === 'electron' && !rel.startsWith('main/electron/')) add('only main/electron/ may import electron');
      if (top === 'renderer') {
        if (targetTop === 'main') add('renderer must not import main/');
        if (!isRelative && isNodeBuiltin(spec)) add('renderer must not import Node built-ins');
      }
      if (top === 'shared') {
        if (targetTop === 'main' || targetTop === 'renderer') add(`shared must not import ${targetTop}/`);
        if (!isRelative && isNodeBuiltin(spec)) add('shared must not import Node built-ins');
        if (pkg && DOM_MODULES.has(pkg) && !isTestFile(rel)) add(`shared must not import ${pkg}`);
      }
    }
  }
  return violations;
}
