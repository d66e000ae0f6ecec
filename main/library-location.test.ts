import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLibraryDir, desktopProfileDir, resolveLibraryDir } from './library-location';

describe('defaultLibraryDir', () => {
  it('uses XDG_DATA_HOME on Linux when it is set and absolute', () => {
    expect(defaultLibraryDir({ XDG_DATA_HOME: '/data/me' }, 'linux', '/home/me')).toBe('/data/me/Sourcebook');
  });

  it('falls back to ~/.local/share on Linux without (or with a relative) XDG_DATA_HOME', () => {
    expect(defaultLibraryDir({}, 'linux', '/home/me')).toBe('/home/me/.local/share/Sourcebook');
    expect(defaultLibraryDir({ XDG_DATA_HOME: '' }, 'linux', '/home/me')).toBe('/home/me/.local/share/Sourcebook');
    expect(defaultLibraryDir({ XDG_DATA_HOME: 'relative/dir' }, 'linux', '/home/me')).toBe('/home/me/.local/share/Sourcebook');
    expect(defaultLibraryDir({}, 'freebsd', '/home/me')).toBe('/home/me/.local/share/Sourcebook');
  });

  it('uses Application Support on macOS, ignoring XDG', () => {
    expect(defaultLibraryDir({ XDG_DATA_HOME: '/x' }, 'darwin', '/Users/me')).toBe('/Users/me/Library/Application Support/Sourcebook');
  });

  it('uses %APPDATA% on Windows, else AppData\\Roaming under the home folder', () => {
    expect(defaultLibraryDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32', 'C:\\Users\\me')).toBe('C:\\Users\\me\\AppData\\Roaming\\Sourcebook');
    expect(defaultLibraryDir({}, 'win32', 'C:\\Users\\me')).toBe('C:\\Users\\me\\AppData\\Roaming\\Sourcebook');
  });
});

describe('resolveLibraryDir', () => {
  it('prefers --library, then SOURCEBOOK_LIBRARY, then the default; always absolute', () => {
    expect(resolveLibraryDir('/flag/lib', { SOURCEBOOK_LIBRARY: '/env/lib' })).toBe('/flag/lib');
    expect(resolveLibraryDir(undefined, { SOURCEBOOK_LIBRARY: '/env/lib' })).toBe('/env/lib');
    expect(resolveLibraryDir('', { SOURCEBOOK_LIBRARY: '/env/lib' })).toBe('/env/lib');
    expect(resolveLibraryDir('rel/lib', {})).toBe(path.resolve('rel/lib'));
    expect(path.isAbsolute(resolveLibraryDir(undefined, {}))).toBe(true);
  });
});

describe('desktopProfileDir', () => {
  it('keeps the app profile out of the default library folder on every platform', () => {
    const home = '/home/ana';
    expect(desktopProfileDir('/home/ana/.config', 'linux')).toBe('/home/ana/.config/Sourcebook');
    expect(desktopProfileDir('/Users/ana/Library/Application Support', 'darwin')).toBe('/Users/ana/Library/Application Support/Sourcebook Desktop');
    expect(desktopProfileDir('C:\\Users\\ana\\AppData\\Roaming', 'win32')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Sourcebook Desktop');
    for (const [platform, appData] of [['linux', '/home/ana/.config'], ['darwin', '/Users/ana/Library/Application Support'], ['win32', 'C:\\Users\\ana\\AppData\\Roaming']] as const) {
      const env = platform === 'win32' ? { APPDATA: appData } : {};
      expect(desktopProfileDir(appData, platform)).not.toBe(defaultLibraryDir(env, platform, platform === 'darwin' ? '/Users/ana' : home));
    }
  });
});
