import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { electronBindingDir, selectNativeBinding, type BindingEnvironment } from './native-binding';

const appRoot = path.resolve('/work/app');
const candidate = path.join(appRoot, 'native', 'electron-150-linux-x64', 'better_sqlite3.node');

const env = (overrides: Partial<BindingEnvironment>): BindingEnvironment => ({
  electronVersion: '45.5.0',
  modulesAbi: '150',
  platform: 'linux',
  arch: 'x64',
  isPackaged: false,
  appRoot,
  exists: () => false,
  ...overrides,
});

describe('selectNativeBinding', () => {
  it('uses the npm-built module under plain Node (tests, CLI, browser mode)', () => {
    expect(selectNativeBinding(env({ electronVersion: undefined, modulesAbi: '115' }))).toBeUndefined();
  });

  it('uses the module electron-builder rebuilt inside a packaged app', () => {
    expect(selectNativeBinding(env({ isPackaged: true, exists: () => true }))).toBeUndefined();
    expect(selectNativeBinding(env({ isPackaged: true, exists: () => false }))).toBeUndefined();
  });

  it('loads the Electron-ABI copy in development when it exists', () => {
    const seen: string[] = [];
    const result = selectNativeBinding(env({ exists: (file) => (seen.push(file), file === candidate) }));
    expect(result).toBe(candidate);
    expect(seen).toEqual([candidate]);
  });

  it('names the rebuild command when the Electron-ABI copy is missing in development', () => {
    let thrown: unknown;
    try {
      selectNativeBinding(env({}));
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown)).toBe(true);
    expect((thrown as Error).message).toContain('npm run rebuild:electron-sqlite');
    expect((thrown as Error).message).toContain(candidate);
    expect((thrown as Error).message).toContain('45.5.0');
  });

  it('puts each ABI, platform and arch in its own folder', () => {
    expect(electronBindingDir(appRoot, '150', 'darwin', 'arm64')).toBe(path.join(appRoot, 'native', 'electron-150-darwin-arm64'));
  });
});
