import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, nativeTheme, screen, session, shell } from 'electron';
import { APP_VERSION } from '../app-version';
import { createServices, type App } from '../composition';
import { startLibraryServer } from '../server/browser-mode';
import { resolveAssetFile } from '../services/image-store';
import { startAutoBackup } from '../services/exchange/auto-backup';
import type { RunningServer } from '../server/server';
import { desktopProfileDir, resolveLibraryDir } from '../library-location';
import type { MenuCommand } from './channels';
import { forwardServerEvents } from './app-events';
import { registerIpc, sendEvent } from './ipc';
import { buildMenuTemplate } from './menu';
import { createPdfPrinter } from './pdf-printer';
import { describeOpenError, parseLibraryFlag } from './startup';
import { slowUpgradeAhead, upgradeNoticeHtml, type SlowUpgrade } from './upgrade-notice';
import { createMainWindow, hardenSession, hardenWebContents, registerAppScheme, serveAppScheme } from './window';
import { fitToDisplays, loadWindowState, saveWindowState, WINDOW_STATE_FILE, type ThemeSource, type WindowState } from './window-state';

/**
 * Electron main process: one window over one library. The bundle lives at dist/electron/main.mjs,
 * next to preload.cjs, with the renderer build in dist/renderer (also inside app.asar when packaged).
 */
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(bundleDir, '..', '..');
const rendererRoot = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(bundleDir, 'preload.cjs');
const isDev = !app.isPackaged;

// Read by main/db/native-binding.ts when the library opens: a packaged app uses the better-sqlite3
// that electron-builder rebuilt for Electron; development loads native/electron-<abi>-... from appRoot.
process.env.SOURCEBOOK_PACKAGED = app.isPackaged ? '1' : '0';
process.env.SOURCEBOOK_APP_ROOT = appRoot;

// Same userData folder (window state, single-instance lock) in development, where the name would
// come from package.json ("sourcebook"), and when packaged (productName "Sourcebook"), and never the
// library's own folder (desktopProfileDir). Tests run the app against a throwaway profile
// (SOURCEBOOK_USER_DATA) so they neither read nor lock the user's.
app.setName('Sourcebook');
app.setPath(
  'userData',
  process.env.SOURCEBOOK_USER_DATA ? path.resolve(process.env.SOURCEBOOK_USER_DATA) : desktopProfileDir(app.getPath('appData')),
);

// Both must happen before 'ready'.
app.enableSandbox();
registerAppScheme();

let library: App | undefined;
let libraryDir = '';
let mainWindow: BrowserWindow | undefined;
let windowState: Partial<WindowState> = {};
let unregisterIpc: (() => void) | undefined;
let clipperServer: RunningServer | undefined;
let stopForwarding: (() => void) | undefined;
let autoBackup: { stop(): void } | undefined;

const windowStateFile = (): string => path.join(app.getPath('userData'), WINDOW_STATE_FILE);

function currentTheme(): ThemeSource {
  return windowState.theme ?? 'system';
}

function rememberWindow(window: BrowserWindow): void {
  const bounds = window.getNormalBounds();
  windowState = { ...windowState, bounds, isMaximized: window.isMaximized() };
  saveWindowState(windowStateFile(), { bounds, isMaximized: window.isMaximized(), theme: currentTheme() });
}

function openWindow(): BrowserWindow {
  const bounds = fitToDisplays(
    windowState.bounds,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = createMainWindow({
    preloadPath,
    bounds,
    isMaximized: windowState.isMaximized === true,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#ffffff',
  });
  window.on('close', () => rememberWindow(window));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[sourcebook] the window's renderer stopped (${details.reason}, exit code ${details.exitCode})`);
  });
  mainWindow = window;
  return window;
}

function focusWindow(): void {
  if (!library) return;
  const window = mainWindow ?? openWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function sendCommand(command: MenuCommand): void {
  const window = mainWindow ?? openWindow();
  sendEvent(window.webContents, { type: 'menu', payload: { command } });
}

function setTheme(theme: ThemeSource): void {
  nativeTheme.themeSource = theme;
  windowState = { ...windowState, theme };
  if (mainWindow) rememberWindow(mainWindow);
}

async function showAbout(): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Sourcebook',
    message: `Sourcebook ${APP_VERSION}`,
    detail:
      'An offline research notebook: clip articles, mark who said what with which stance, link sources, search offline.\n\n' +
      `Library: ${libraryDir}\n\n` +
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

async function showSecurity(): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'Security',
    message: 'How Sourcebook protects your library',
    detail: [
      '• Everything stays on this computer: the library is a SQLite file in the folder below; nothing is uploaded.',
      '• The window runs sandboxed with context isolation and no Node.js access; it reaches the library only through one checked channel.',
      '• The window cannot navigate away, open other windows, load remote content or ask for permissions (camera, location, notifications...).',
      '• Links open in your web browser, and only http and https links.',
      '• Clipped pages are sanitized before they are stored and shown without their scripts.',
      '',
      `Library: ${libraryDir}`,
    ].join('\n'),
    buttons: ['OK'],
  };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      sendCommand,
      openLibraryFolder: () => void shell.openPath(libraryDir),
      setTheme,
      showAbout: () => void showAbout(),
      showSecurity: () => void showSecurity(),
    },
    { isDev, platform: process.platform, theme: currentTheme() },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Tell the user what went wrong and what to do; never reset or replace the library. Then quit. */
async function reportOpenFailure(error: unknown): Promise<void> {
  console.error(`[sourcebook] cannot open the library ${libraryDir}:`, error instanceof Error ? error.message : error);
  const text = describeOpenError(error, libraryDir);
  const buttons = text.offerOpenFolder ? ['Open Library Folder', 'Quit'] : ['Quit'];
  const quitId = buttons.length - 1;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons,
    defaultId: quitId,
    cancelId: quitId,
    noLink: true,
  });
  if (response !== quitId) await shell.openPath(libraryDir);
  app.exit(1);
}

/**
 * A small window saying the library is being upgraded (upgrade-notice.ts), shown before the
 * upgrade blocks this process; null if it cannot be shown (the upgrade then runs without it).
 */
async function showUpgradeNotice(upgrade: SlowUpgrade): Promise<BrowserWindow | null> {
  try {
    const notice = new BrowserWindow({
      width: 480, height: 200, resizable: false, minimizable: false, maximizable: false, fullscreenable: false, show: false, title: 'Sourcebook',
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#ffffff',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
    });
    await notice.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(upgradeNoticeHtml(upgrade))}`);
    notice.show();
    // The upgrade blocks this process from the next line on: let the window paint first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return notice;
  } catch (error) {
    console.error('[sourcebook] could not show the upgrade notice:', error);
    return null;
  }
}

async function start(): Promise<void> {
  windowState = loadWindowState(windowStateFile());
  nativeTheme.themeSource = currentTheme();
  libraryDir = resolveLibraryDir(parseLibraryFlag(process.argv));
  const upgrade = slowUpgradeAhead(libraryDir);
  const notice = upgrade ? await showUpgradeNotice(upgrade) : null;
  try {
    // PDF export (the report, notes) is a desktop capability: it prints in a hidden Chromium window.
    library = createServices(libraryDir, { pdfPrinter: createPdfPrinter(), searchThread: true, catchUpPairs: true, countCommonWords: true, mergeIndexes: true, warmUpSearch: true, exchangeWorkers: true });
  } catch (error) {
    // The notice stays up behind the error dialog: closing the last window would quit the app first.
    await reportOpenFailure(error);
    return;
  }

  autoBackup = startAutoBackup(library);
  try {
    // The loopback server is what the browser bookmarklet clips into; the app works without it.
    clipperServer = await startLibraryServer(library, { staticDir: rendererRoot });
    // Pairing requests and clips from the browser reach the window only through this.
    stopForwarding = forwardServerEvents(clipperServer.events, () => mainWindow?.webContents);
  } catch (error) {
    console.error('[sourcebook] the browser clipper is unavailable:', error);
  }

  hardenSession(session.defaultSession);
  const opened = library;
  serveAppScheme(session.defaultSession, rendererRoot, (urlPath) => resolveAssetFile({ db: opened.db, libraryDir: opened.library.libraryDir }, urlPath));
  unregisterIpc = registerIpc(() => library?.dispatch);
  installMenu();
  openWindow();
  // Only now: the last window closing quits the app ('window-all-closed').
  notice?.destroy();
}

if (!app.requestSingleInstanceLock()) {
  // Another Sourcebook already has this profile (and its library) open: it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('activate', () => focusWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unregisterIpc?.();
    unregisterIpc = undefined;
    autoBackup?.stop();
    stopForwarding?.();
    stopForwarding = undefined;
    void clipperServer?.close();
    clipperServer = undefined;
    library?.close();
    library = undefined;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[sourcebook] could not start:', error);
      dialog.showErrorBox('Sourcebook could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
