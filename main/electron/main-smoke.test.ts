import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { backupDirOf, configureConnection } from '../db/open-database';
import { NOTICE_FROM_BYTES } from './upgrade-notice';

/**
 * Runs the real bundle dist/electron/main.mjs under plain Node against a recording stand-in for the
 * `electron` module (test-support/fake-electron.mjs): start-up, library opening, the app scheme,
 * the IPC sender check, permission and request blocking, navigation handlers, menu, window state
 * and shutdown. What only Chromium can show (CSP enforcement, the sandbox, real navigation) is
 * covered by e2e/specs/app.electron.spec.ts where an Electron binary exists.
 */
const root = path.resolve(__dirname, '..', '..');
let work: string;

function runScenario(name: string, body: string, env: Record<string, string>): Record<string, unknown> {
  const driver = path.join(work, `${name}.mjs`);
  fs.writeFileSync(
    driver,
    `const { __sb } = await import('electron');
     await import('./dist/electron/main.mjs');
     await __sb.fireReady();
     await new Promise((resolve) => setTimeout(resolve, 100));
     const out = {};
     ${body}
     process.stdout.write('\\n@@' + JSON.stringify(out));
     process.exit(0);`,
  );
  const stdout = execFileSync(process.execPath, [driver], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ...env, ELECTRON_RUN_AS_NODE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(stdout.slice(stdout.lastIndexOf('\n@@') + 3)) as Record<string, unknown>;
}

beforeAll(() => {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  // Under the repo so the bundle's external imports (better-sqlite3, zod...) resolve to node_modules.
  work = fs.mkdtempSync(path.join(root, '.tmp', 'electron-main-'));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), '--outdir', path.join(work, 'dist', 'electron')], { stdio: 'pipe' });
  fs.mkdirSync(path.join(work, 'dist', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(work, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Sourcebook</title><div id="root"></div>');
  fs.writeFileSync(path.join(work, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(work, 'secret.txt'), 'outside the renderer folder');
  const fake = path.join(work, 'node_modules', 'electron');
  fs.mkdirSync(fake, { recursive: true });
  fs.writeFileSync(path.join(fake, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', main: 'index.js' }));
  fs.copyFileSync(path.join(__dirname, 'test-support', 'fake-electron.mjs'), path.join(fake, 'index.js'));
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('dist/electron/main.mjs under a stand-in electron', () => {
  it('opens the library, serves the app, checks IPC senders and hardens the window', () => {
    const library = path.join(work, 'library');
    const userData = path.join(work, 'profile');
    const out = runScenario(
      'ok',
      `
      const win = __sb.windows[0];
      out.env = { packaged: process.env.SOURCEBOOK_PACKAGED, appRoot: process.env.SOURCEBOOK_APP_ROOT };
      out.calls = __sb.calls.map((c) => c[0]);
      out.schemes = __sb.privilegedSchemes;
      out.windows = __sb.windows.map((w) => ({ webPreferences: w.options.webPreferences, loaded: w.loaded, show: w.options.show }));
      out.dbExists = (await import('node:fs')).existsSync(${JSON.stringify(path.join(library, 'sourcebook.db'))});

      const serve = async (url, method = 'GET') => {
        const res = await __sb.protocolHandlers.get('sourcebook')({ method, url });
        return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: res.status === 200 ? await res.text() : '' };
      };
      out.serve = {
        index: await serve('sourcebook://app/'),
        js: await serve('sourcebook://app/assets/app.js'),
        route: await serve('sourcebook://app/articles/123'),
        missing: await serve('sourcebook://app/assets/missing.js'),
        traversal: await serve('sourcebook://app/..%2f..%2fsecret.txt'),
        otherHost: await serve('sourcebook://evil/index.html'),
        post: await serve('sourcebook://app/', 'POST'),
      };

      const invoke = __sb.ipcHandlers.get('sourcebook:invoke');
      const from = (senderFrame) => ({ senderFrame, sender: win.webContents });
      const top = { url: 'sourcebook://app/', parent: null };
      out.ipc = {
        info: await invoke(from(top), 'library.info', {}),
        capabilities: await invoke(from(top), 'app.capabilities.get', {}),
        list: await invoke(from(top), 'articles.list', {}),
        notString: await invoke(from(top), 42, {}),
        unknown: await invoke(from(top), 'no.such', {}),
        remote: await invoke(from({ url: 'https://evil.example/', parent: null }), 'library.info', {}),
        file: await invoke(from({ url: 'file:///tmp/x.html', parent: null }), 'library.info', {}),
        subframe: await invoke(from({ url: 'sourcebook://app/', parent: top }), 'library.info', {}),
        gone: await invoke(from(null), 'library.info', {}),
      };

      let granted = 'unset';
      __sb.permissionRequestHandler(win.webContents, 'media', (g) => (granted = g));
      out.permissions = { request: granted, check: __sb.permissionCheckHandler(null, 'notifications', 'sourcebook://app') };
      const request = (resourceType, url) => new Promise((resolve) => __sb.beforeRequest.fn({ resourceType, url }, resolve));
      out.requests = {
        filter: __sb.beforeRequest.filter.urls,
        script: await request('script', 'https://cdn.example/x.js'),
        xhr: await request('xhr', 'https://api.example/'),
        image: await request('image', 'https://example.com/a.png'),
      };

      __sb.emit('web-contents-created', {}, win.webContents);
      const navigate = (event, url, isMainFrame = true) => {
        let prevented = false;
        win.webContents.emit(event, { url, isMainFrame, preventDefault: () => (prevented = true) });
        return prevented;
      };
      out.navigation = {
        https: navigate('will-navigate', 'https://example.com/a'),
        file: navigate('will-navigate', 'file:///etc/passwd'),
        app: navigate('will-navigate', 'sourcebook://app/other.html'),
        redirect: navigate('will-redirect', 'https://example.com/'),
        subframeRemote: navigate('will-frame-navigate', 'https://example.com/', false),
        subframeSrcdoc: navigate('will-frame-navigate', 'about:srcdoc', false),
      };
      let attachPrevented = false;
      win.webContents.emit('will-attach-webview', { preventDefault: () => (attachPrevented = true) });
      out.attachPrevented = attachPrevented;
      out.windowOpen = [
        win.webContents.windowOpenHandler({ url: 'https://example.com/b' }),
        win.webContents.windowOpenHandler({ url: 'javascript:alert(1)' }),
        win.webContents.windowOpenHandler({ url: 'file:///etc/passwd' }),
      ];
      await new Promise((resolve) => setTimeout(resolve, 20));
      out.opened = __sb.opened;

      const flatten = (items) => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
      const items = flatten(__sb.applicationMenu.template);
      out.menu = items.map((i) => i.label ?? i.role).filter(Boolean);
      items.find((i) => i.label === 'Clip URL…').click();
      out.sent = [...win.webContents.sent];

      // A browser clicks the bookmarklet: the clipper server main started must tell the window.
      const { value: clipper } = await invoke(from(top), 'clipper.bookmarklet', {});
      const pair = await fetch(clipper.origin + '/clipper/pair', {
        method: 'POST', headers: { 'content-type': 'application/json', origin: clipper.origin }, body: JSON.stringify({ name: 'Smoke browser', secret: /secret:"([^"]+)"/.exec(decodeURIComponent(clipper.bookmarklet))[1] }),
      }).then((r) => r.json());
      out.pairClientId = pair.value.clientId;
      out.forwarded = win.webContents.sent.slice(out.sent.length);

      win.emit('close');
      out.windowState = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(path.join(userData, 'window-state.json'))}, 'utf8'));
      __sb.emit('will-quit');
      out.ipcAfterQuit = __sb.ipcHandlers.has('sourcebook:invoke');
      out.exitCode = __sb.exitCode ?? null;
      `,
      { SOURCEBOOK_LIBRARY: library, SOURCEBOOK_USER_DATA: userData },
    );

    expect(out.env).toEqual({ packaged: '0', appRoot: work });
    expect(out.calls).toEqual(expect.arrayContaining(['app.enableSandbox', 'app.setName']));
    expect(out.schemes).toEqual([expect.objectContaining({ scheme: 'sourcebook', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(out.windows).toEqual([
      {
        webPreferences: expect.objectContaining({
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          webviewTag: false,
          preload: path.join(work, 'dist', 'electron', 'preload.cjs'),
        }),
        loaded: 'sourcebook://app/',
        show: false,
      },
    ]);
    expect(out.dbExists).toBe(true);

    const serve = out.serve as Record<string, { status: number; type: string; csp: string; body: string }>;
    expect(serve.index).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/html/), csp: expect.stringContaining("script-src 'self'") });
    expect(serve.index!.body).toContain('<div id="root">');
    expect(serve.js).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/javascript/) });
    expect(serve.route).toMatchObject({ status: 200, body: expect.stringContaining('<div id="root">') });
    expect(serve.missing!.status).toBe(404);
    expect(serve.traversal!.status).toBe(403);
    expect(serve.traversal!.body).not.toContain('outside');
    expect(serve.otherHost!.status).toBe(403);
    expect(serve.post!.status).toBe(405);

    const ipc = out.ipc as Record<string, { ok: boolean; error?: { code: string } }>;
    expect(ipc.info!.ok).toBe(true);
    expect(ipc.list).toMatchObject({ ok: true, value: { items: [] } });
    // main.ts hands its Electron printer to createServices (set up lazily: no print session at start-up).
    expect(ipc.capabilities).toEqual({ ok: true, value: { pdf: true } });
    expect(ipc.notString).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(ipc.unknown).toMatchObject({ ok: false, error: { code: 'validation' } });
    for (const refused of ['remote', 'file', 'subframe', 'gone']) expect(ipc[refused], refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    expect(out.permissions).toEqual({ request: false, check: false });
    expect(out.requests).toMatchObject({ script: { cancel: true }, xhr: { cancel: true }, image: { cancel: false } });

    expect(out.navigation).toEqual({ https: true, file: true, app: true, redirect: true, subframeRemote: true, subframeSrcdoc: false });
    expect(out.attachPrevented).toBe(true);
    expect(out.windowOpen).toEqual([{ action: 'deny' }, { action: 'deny' }, { action: 'deny' }]);
    // Only the http(s) URLs went to the system browser (from will-navigate and window.open).
    expect(out.opened).toEqual([
      ['external', 'https://example.com/a'],
      ['external', 'https://example.com/b'],
    ]);

    expect(out.menu).toEqual(expect.arrayContaining(['New Article', 'Clip URL…', 'Open Library Folder', 'Security', 'reload', 'toggleDevTools']));
    expect(out.sent).toEqual([['sourcebook:event', { type: 'menu', payload: { command: 'clip.url' } }]]);
    expect(out.forwarded).toEqual([['sourcebook:event', { type: 'clipper-pair-request', payload: { clientId: out.pairClientId, name: 'Smoke browser' } }]]);
    expect(out.windowState).toEqual({ bounds: { x: 40, y: 30, width: 1100, height: 760 }, isMaximized: false, theme: 'system' });
    expect(out.ipcAfterQuit).toBe(false);
    expect(out.exitCode).toBeNull();
  });

  it('shows a notice while a big library is upgraded, then the app', () => {
    const library = path.join(work, 'old-library');
    fs.mkdirSync(library, { recursive: true });
    const dbPath = path.join(library, 'sourcebook.db');
    // A library from before 0180 (which rewrites the articles table), as big as the notice asks.
    const db = new Database(dbPath);
    try {
      configureConnection(db);
      migrate(db, { dbPath, backupDir: backupDirOf(library), migrations: MIGRATIONS.filter((m) => m.version < 180) });
      db.prepare("INSERT INTO settings (key, value) VALUES ('padding', ?)").run(JSON.stringify('x'.repeat(NOTICE_FROM_BYTES)));
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    const out = runScenario(
      'upgrade',
      `for (let i = 0; i < 600 && __sb.windows.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
       out.windows = __sb.windows.map((w) => ({ loaded: w.loaded?.slice(0, 40), shown: w.shown, destroyed: w.destroyed === true, javascript: w.options.webPreferences?.javascript }));
       out.notice = decodeURIComponent(__sb.windows[0].loaded.slice(__sb.windows[0].loaded.indexOf(',') + 1));
       out.dialogs = __sb.dialogs;`,
      { SOURCEBOOK_LIBRARY: library, SOURCEBOOK_USER_DATA: path.join(work, 'profile-3') },
    );
    const [notice, main] = out.windows as { loaded: string; shown: boolean; destroyed: boolean; javascript: boolean | undefined }[];
    expect(notice).toEqual({ loaded: 'data:text/html;charset=utf-8,%3C!doctype', shown: true, destroyed: true, javascript: false });
    expect(main).toMatchObject({ loaded: 'sourcebook://app/', destroyed: false });
    expect(out.notice).toContain('Upgrading your library');
    expect(out.dialogs).toEqual([]);
    const upgraded = new Database(dbPath, { readonly: true });
    try {
      expect(upgraded.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    } finally {
      upgraded.close();
    }
  });

  it('shows what to do, and changes nothing, when the library file is damaged', () => {
    const library = path.join(work, 'damaged');
    fs.mkdirSync(library, { recursive: true });
    const dbFile = path.join(library, 'sourcebook.db');
    fs.writeFileSync(dbFile, 'this is not a database, but it is the user\u2019s file');
    const out = runScenario(
      'damaged',
      `out.dialogs = __sb.dialogs; out.exitCode = __sb.exitCode; out.windows = __sb.windows.length; out.opened = __sb.opened;
       out.ipc = __sb.ipcHandlers.size;`,
      { SOURCEBOOK_LIBRARY: library, SOURCEBOOK_USER_DATA: path.join(work, 'profile-2') },
    );
    expect(out.exitCode).toBe(1);
    expect(out.windows).toBe(0);
    expect(out.ipc).toBe(0);
    const [dialog] = out.dialogs as Array<{ type: string; title: string; detail: string; buttons: string[] }>;
    expect(dialog).toMatchObject({ type: 'error', title: 'Library file damaged', buttons: ['Open Library Folder', 'Quit'] });
    expect(dialog!.detail).toMatch(/backups/);
    // The fake answers button 0: the folder is opened for the user.
    expect(out.opened).toEqual([['path', library]]);
    expect(fs.readFileSync(dbFile, 'utf8')).toBe('this is not a database, but it is the user\u2019s file');
    expect(fs.readdirSync(library)).toEqual(['sourcebook.db']);
  });
});
