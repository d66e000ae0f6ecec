import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { ExchangePage } from '../pages/exchange-page';

/**
 * The desktop app under Electron on a throwaway library and profile. Skipped, with the reason
 * printed, where the Electron binary is absent (it is downloaded lazily and this may be an offline
 * machine) or there is no display (run under `xvfb-run` on a headless Linux).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The binary node_modules/electron/index.js would return, found without triggering its download. */
function findElectron(): { binary: string } | { reason: string } {
  if (!fs.existsSync(path.join(electronDir, 'package.json'))) return { reason: 'the electron package is not installed' };
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return { reason: 'node_modules/electron/path.txt is missing (the binary was never downloaded)' };
  const binary = override ? path.join(override, relative || 'electron') : path.join(electronDir, 'dist', relative);
  if (!fs.existsSync(binary)) return { reason: `${path.relative(root, binary)} does not exist (the binary was never downloaded)` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset; run under xvfb-run)' };
  }
  return { binary };
}

const found = findElectron();
const skipReason = 'reason' in found ? `Electron binary not available: ${found.reason}` : undefined;
if (skipReason) console.log(`[app.electron.spec] skipped: ${skipReason}`);

/** The app loads better-sqlite3 built for Electron's ABI from native/ (see main/db/native-binding.ts). */
function ensureElectronSqlite(binary: string): void {
  const probe = spawnSync(binary, ['-e', 'process.stdout.write(process.versions.modules)'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const abi = probe.stdout.trim();
  if (!/^\d+$/.test(abi)) throw new Error(`The Electron binary did not report its ABI: ${probe.stderr || probe.error?.message}`);
  const binding = path.join(root, 'native', `electron-${abi}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (fs.existsSync(binding)) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'rebuild-electron-sqlite.mjs'), '--abi', abi], { cwd: root, stdio: 'inherit' });
  if (!fs.existsSync(binding)) throw new Error(`${binding} is missing: run \`npm run rebuild:electron-sqlite\` (needs internet once).`);
}

test.describe('Electron app', () => {
  test.skip(skipReason !== undefined, skipReason);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  const temp: string[] = [];

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(15 * 60_000); // a first rebuild of better-sqlite3 takes minutes
    if ('reason' in found) return;
    // The main/preload bundles are cheap to rebuild; the renderer is built by the config's webServer step.
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
    if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    }
    ensureElectronSqlite(found.binary);

    const library = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-electron-lib-'));
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-electron-profile-'));
    temp.push(library, userData);
    const env = Object.fromEntries(
      Object.entries({ ...process.env, SOURCEBOOK_LIBRARY: library, SOURCEBOOK_USER_DATA: userData }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE',
      ),
    );
    app = await electron.launch({ executablePath: found.binary, args: [root], cwd: root, env, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('opens one window on the app origin showing the empty library', async () => {
    expect(page.url()).toMatch(/^sourcebook:\/\/app\//);
    await expect(page.getByRole('navigation', { name: 'Library' })).toBeVisible();
    await expect(page.getByText('No articles yet.')).toBeVisible();
    expect(app.windows()).toHaveLength(1);
  });

  test('exposes only invoke and onEvent, and no Node.js, to the page', async () => {
    const surface = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      const bridge = g.sourcebook as Record<string, unknown> | undefined;
      return {
        keys: bridge ? Object.keys(bridge).sort() : [],
        types: bridge ? Object.values(bridge).map((value) => typeof value) : [],
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        ipcRenderer: typeof g.ipcRenderer,
      };
    });
    expect(surface).toEqual({
      keys: ['invoke', 'onEvent'],
      types: ['function', 'function'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('answers the typed API over the one IPC channel and validates the method', async () => {
    const results = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as { sourcebook: { invoke(method: unknown, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).sourcebook;
      return {
        info: await bridge.invoke('library.info', {}),
        list: await bridge.invoke('articles.list', {}),
        notAString: await bridge.invoke(42, {}),
        unknown: await bridge.invoke('nope.nothing', {}),
      };
    });
    expect(results.info.ok).toBe(true);
    expect(results.list).toMatchObject({ ok: true, value: { items: [] } });
    expect(results.notAString).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(results.unknown).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  test('blocks navigation and new windows', async () => {
    const before = page.url();
    for (const target of ['sourcebook://app/elsewhere.html', 'file:///etc/hostname', 'data:text/html,<h1>hi</h1>']) {
      await page.evaluate((url) => {
        (globalThis as unknown as { location: { href: string } }).location.href = url;
      }, target);
      await page.waitForTimeout(300);
      expect(page.url(), `navigating to ${target}`).toBe(before);
    }
    const opened = await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('sourcebook://app/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await expect(page.getByRole('navigation', { name: 'Library' })).toBeVisible();
  });

  test('exports the report and a note as PDF files (printToPDF in a hidden window)', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-electron-pdf-'));
    temp.push(outDir);
    const out = path.join(outDir, 'report.pdf');
    const setup = await page.evaluate(async () => {
      type Reply = { ok: boolean; value?: { id: string; pdf?: boolean; base64?: string; mimeType?: string } };
      const bridge = (globalThis as unknown as { sourcebook: { invoke(method: string, input: unknown): Promise<Reply> } }).sourcebook;
      const article = await bridge.invoke('articles.create', { title: 'Tram report for print', text: 'The mayor said "the tram comes in 2031" on Monday.' });
      await bridge.invoke('quotes.create', { articleId: article.value!.id, text: 'the tram comes in 2031', speaker: 'Ana Silva' });
      const note = await bridge.invoke('notes.create', { title: 'Print memo', body: 'A short memo to print.' });
      const notePdf = await bridge.invoke('notes.export', { id: note.value!.id, format: 'pdf' });
      return { capabilities: (await bridge.invoke('app.capabilities.get', {})).value, notePdf: notePdf.value };
    });
    expect(setup.capabilities).toEqual({ pdf: true });
    expect(setup.notePdf?.mimeType).toBe('application/pdf');
    expect(Buffer.from(setup.notePdf?.base64 ?? '', 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const exchange = new ExchangePage(page);
    await exchange.openExport();
    // The desktop app writes PDF itself; the browser-mode print path is not offered.
    await expect(exchange.printButton).toHaveCount(0);
    await exchange.exportTo({ format: 'PDF', out });
    await expect(exchange.exportStatus).toContainText('1 file written', { timeout: 60_000 });
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    await exchange.exportDialog.getByRole('button', { name: 'Done' }).click();
    // The hidden print window is destroyed after each print: only the app's window is left.
    await expect.poll(() => app.windows().length).toBe(1);
  });

  test('serves app files with the CSP header and refuses paths outside dist/renderer', async () => {
    const responses = await app.evaluate(async ({ net }) => {
      const index = await net.fetch('sourcebook://app/');
      const escape = await net.fetch('sourcebook://app/..%2f..%2fpackage.json');
      return { status: index.status, csp: index.headers.get('content-security-policy'), escapeStatus: escape.status };
    });
    expect(responses.status).toBe(200);
    expect(responses.csp).toContain("script-src 'self'");
    expect(responses.escapeStatus).toBeGreaterThanOrEqual(400);
  });
});
