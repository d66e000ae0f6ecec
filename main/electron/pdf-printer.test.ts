import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../shared/errors';

/**
 * pdf-printer.ts against a recording stand-in for `electron` (the binary cannot run everywhere):
 * what window it makes, what it loads, what its session lets through, and that it always cleans up.
 * Whether Chromium really prints is the Electron e2e spec's job (e2e/specs/app.electron.spec.ts).
 */
const fake = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => void;
  const state = {
    windows: [] as FakeWindow[],
    partitions: [] as string[],
    beforeRequest: undefined as undefined | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
    permissionRequest: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    country: 'DE',
    /** What loadFile does: by default records the file's text and mode while it still exists. */
    onLoad: undefined as undefined | ((file: string) => Promise<void>),
    /** What printToPDF does. */
    print: async (): Promise<Buffer> => Buffer.from('%PDF-1.7\n%fake\n'),
  };
  class FakeWindow {
    destroyed = false;
    loadedFile: string | undefined;
    loadedText: string | undefined;
    loadedMode: number | undefined;
    allowedWhileLoading: { own: boolean; other: boolean; remote: boolean } | undefined;
    printOptions: unknown;
    handlers = new Map<string, Handler[]>();
    windowOpenHandler: undefined | ((details: { url: string }) => { action: string });
    webContents = {
      on: (event: string, fn: Handler) => {
        this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
      },
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => {
        this.windowOpenHandler = fn;
      },
      printToPDF: async (options: unknown) => {
        this.printOptions = options;
        return state.print();
      },
    };
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
    async loadFile(file: string) {
      this.loadedFile = file;
      this.loadedText = fs.readFileSync(file, 'utf8');
      this.loadedMode = fs.statSync(file).mode & 0o777;
      const ask = (url: string) => new Promise<boolean>((resolve) => state.beforeRequest!({ url }, (r) => resolve(!r.cancel)));
      const own = pathToFileURL(file).href;
      this.allowedWhileLoading = { own: await ask(own), other: await ask('file:///etc/passwd'), remote: await ask('https://example.com/pixel.gif') };
      await state.onLoad?.(file);
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.handlers.get(event) ?? []) fn(...args);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { state, FakeWindow };
});

vi.mock('electron', () => ({
  app: { getLocaleCountryCode: () => fake.state.country },
  BrowserWindow: fake.FakeWindow,
  session: {
    fromPartition: (partition: string) => {
      fake.state.partitions.push(partition);
      return {
        setPermissionRequestHandler: (fn: typeof fake.state.permissionRequest) => (fake.state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof fake.state.permissionCheck) => (fake.state.permissionCheck = fn),
        webRequest: { onBeforeRequest: (fn: typeof fake.state.beforeRequest) => (fake.state.beforeRequest = fn) },
      };
    },
  },
}));

const { createPdfPrinter } = await import('./pdf-printer');
const { PDF_PARTITION } = await import('./pdf-options');

const HTML = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report — Trams</title></head><body><h1>Trams “quoted”</h1></body></html>';

beforeEach(() => {
  fake.state.windows.length = 0;
  fake.state.partitions.length = 0;
  fake.state.beforeRequest = undefined;
  fake.state.country = 'DE';
  fake.state.onLoad = undefined;
  fake.state.print = async () => Buffer.from('%PDF-1.7\n%fake\n');
});

describe('createPdfPrinter', () => {
  it('sets nothing up until the first print (the app starts as before)', () => {
    createPdfPrinter();
    expect(fake.state.partitions).toEqual([]);
    expect(fake.state.windows).toEqual([]);
  });

  it('prints the given HTML from a private temp file in a hidden, script-less window, then cleans up', async () => {
    fake.state.country = 'US';
    const bytes = await createPdfPrinter().toPdf(HTML);

    expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF-1.7\n%fake\n');
    expect(fake.state.windows).toHaveLength(1);
    const win = fake.state.windows[0]!;
    expect(win.loadedText).toBe(HTML);
    if (process.platform !== 'win32') expect(win.loadedMode).toBe(0o600);
    expect(fs.existsSync(win.loadedFile!)).toBe(false);
    expect(win.destroyed).toBe(true);

    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(win.options.show).toBe(false);
    expect(prefs).toMatchObject({ partition: PDF_PARTITION, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
    expect(win.printOptions).toMatchObject({ printBackground: true, pageSize: 'Letter' });
  });

  it('lets the print session load only the document itself, and grants no permission', async () => {
    await createPdfPrinter().toPdf(HTML);
    const win = fake.state.windows[0]!;
    expect(fake.state.partitions).toEqual([PDF_PARTITION]);
    expect(win.allowedWhileLoading).toEqual({ own: true, other: false, remote: false });

    // After the print, not even that file is allowed any more.
    const after = await new Promise<boolean>((resolve) => fake.state.beforeRequest!({ url: pathToFileURL(win.loadedFile!).href }, (r) => resolve(!r.cancel)));
    expect(after).toBe(false);

    let granted: boolean | undefined;
    fake.state.permissionRequest!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(fake.state.permissionCheck!({}, 'notifications')).toBe(false);
  });

  it('blocks new windows and navigation from the printed page', async () => {
    await createPdfPrinter().toPdf(HTML);
    const win = fake.state.windows[0]!;
    expect(win.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect']) {
      let prevented = false;
      win.emit(event, { url: 'https://example.com/', preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
  });

  it('reuses one session for every print', async () => {
    const printer = createPdfPrinter();
    await printer.toPdf(HTML);
    await printer.toPdf(HTML);
    expect(fake.state.partitions).toEqual([PDF_PARTITION]);
    expect(fake.state.windows.map((w) => w.destroyed)).toEqual([true, true]);
  });

  it('passes a print failure on, and still destroys the window and removes the temp file', async () => {
    fake.state.print = async () => {
      throw new Error('render process gone');
    };
    await expect(createPdfPrinter().toPdf(HTML)).rejects.toThrow('render process gone');
    const win = fake.state.windows[0]!;
    expect(win.destroyed).toBe(true);
    expect(fs.existsSync(win.loadedFile!)).toBe(false);
  });

  it('stops a print that hangs with a typed export/failed error', async () => {
    fake.state.onLoad = () => new Promise(() => {});
    const error = await createPdfPrinter({ timeoutMs: 50 }).toPdf(HTML).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'export/failed', message: expect.stringMatching(/took longer than/) });
    const win = fake.state.windows[0]!;
    expect(win.destroyed).toBe(true);
    expect(fs.existsSync(win.loadedFile!)).toBe(false);
  });
});
