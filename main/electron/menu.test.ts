import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const actions = (): MenuActions => ({
  sendCommand: vi.fn(),
  openLibraryFolder: vi.fn(),
  setTheme: vi.fn(),
  showAbout: vi.fn(),
  showSecurity: vi.fn(),
});

const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((item) => item.role).filter(Boolean);
const labels = (items: MenuItemConstructorOptions[]) => flatten(items).map((item) => item.label).filter(Boolean);

describe('buildMenuTemplate', () => {
  it('offers reload and devtools only in development', () => {
    const prod = buildMenuTemplate(actions(), { isDev: false, platform: 'linux', theme: 'system' });
    const dev = buildMenuTemplate(actions(), { isDev: true, platform: 'linux', theme: 'system' });
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(roles(prod)).not.toContain(role);
      expect(roles(dev)).toContain(role);
    }
  });

  it('has the File, Edit, View and Help items', () => {
    const template = buildMenuTemplate(actions(), { isDev: false, platform: 'linux', theme: 'dark' });
    expect(labels(template)).toEqual(expect.arrayContaining(['New Article', 'Clip URL…', 'Open Library Folder', 'About Sourcebook', 'Security', 'Dark']));
    expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'editMenu']));
    expect(flatten(template).find((item) => item.label === 'Dark')?.checked).toBe(true);
  });

  it('wires the items to the actions', () => {
    const a = actions();
    const template = flatten(buildMenuTemplate(a, { isDev: false, platform: 'darwin', theme: 'system' }));
    const click = (label: string) => (template.find((item) => item.label === label)?.click as () => void)();
    click('New Article');
    click('Clip URL…');
    click('Light');
    click('Open Library Folder');
    expect(a.sendCommand).toHaveBeenCalledWith('articles.new');
    expect(a.sendCommand).toHaveBeenCalledWith('clip.url');
    expect(a.setTheme).toHaveBeenCalledWith('light');
    expect(a.openLibraryFolder).toHaveBeenCalled();
    expect(template.filter((item) => item.role === 'quit')).toHaveLength(1);
  });
});
