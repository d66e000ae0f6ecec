import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './channels';
import type { ThemeSource } from './window-state';

/**
 * The application menu as a plain template (no electron runtime import), so a unit test can check
 * that developer items (reload, devtools) exist only in development.
 */
export interface MenuActions {
  /** Forward a command to the renderer, which opens the matching view or dialog. */
  sendCommand(command: MenuCommand): void;
  openLibraryFolder(): void;
  setTheme(theme: ThemeSource): void;
  showAbout(): void;
  showSecurity(): void;
}

export interface MenuOptions {
  isDev: boolean;
  platform: NodeJS.Platform;
  theme: ThemeSource;
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const themeItem = (theme: ThemeSource, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: options.theme === theme,
    click: () => actions.setTheme(theme),
  });

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Sourcebook',
      submenu: [
        { label: 'About Sourcebook', click: () => actions.showAbout() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New Article', accelerator: 'CmdOrCtrl+N', click: () => actions.sendCommand('articles.new') },
        { label: 'Clip URL…', accelerator: 'CmdOrCtrl+Shift+L', click: () => actions.sendCommand('clip.url') },
        { type: 'separator' },
        { label: 'Open Library Folder', click: () => actions.openLibraryFolder() },
        ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(options.isDev
          ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
          : []),
        {
          label: 'Theme',
          submenu: [themeItem('system', 'Follow System'), themeItem('light', 'Light'), themeItem('dark', 'Dark')],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        ...(isMac ? [] : ([{ label: 'About Sourcebook', click: () => actions.showAbout() }] satisfies MenuItemConstructorOptions[])),
        { label: 'Security', click: () => actions.showSecurity() },
      ],
    },
  );
  return template;
}
