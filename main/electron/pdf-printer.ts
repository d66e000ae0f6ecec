import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, type Session } from 'electron';
import { AppError } from '../../shared/errors';
import type { PdfPrinter } from '../services/exchange/pdf';
import { PDF_PARTITION, PDF_TIMEOUT_MS, createPdfWindowOptions, isAllowedPdfRequest, pdfPrintOptions } from './pdf-options';

/**
 * The desktop app's PdfPrinter (main/services/exchange/pdf.ts): Chromium's own print-to-PDF on a
 * hidden, script-less, sandboxed window in an in-memory session that may fetch nothing.
 *
 * The HTML goes through a temp file (its folder 0700 from mkdtemp, the file 0600, both removed
 * afterwards) rather than a data: URL, because Chromium caps URLs at 2 MB and a whole library's
 * report is bigger. The window is destroyed whatever happens, and a print that hangs is stopped
 * after PDF_TIMEOUT_MS with `export/failed`.
 *
 * Nothing here runs at start-up: the session is set up on the first print, so creating the printer
 * costs nothing and the app starts as before.
 */
export function createPdfPrinter(options: { timeoutMs?: number } = {}): PdfPrinter {
  const timeoutMs = options.timeoutMs ?? PDF_TIMEOUT_MS;
  /** The temp-file URLs being printed now: the only requests the print session lets through. */
  const documents = new Set<string>();
  let printSession: Session | undefined;

  const sessionForPrinting = (): Session => {
    if (printSession) return printSession;
    const s = session.fromPartition(PDF_PARTITION);
    s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
    // No URL filter: every request of this session, whatever its scheme, is seen and judged.
    s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPdfRequest(details.url, documents) }));
    return (printSession = s);
  };

  return {
    async toPdf(html: string): Promise<Uint8Array> {
      sessionForPrinting();
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sourcebook-pdf-'));
      const file = path.join(dir, 'document.html');
      const url = pathToFileURL(file).href;
      let window: BrowserWindow | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        await fs.writeFile(file, html, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
        documents.add(url);
        const printing = new BrowserWindow(createPdfWindowOptions());
        window = printing;
        // The app-wide hardening (window.ts, 'web-contents-created') applies too; these make this
        // window safe on its own: it never opens another window or leaves its document.
        printing.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        printing.webContents.on('will-navigate', (event) => event.preventDefault());
        printing.webContents.on('will-redirect', (event) => event.preventDefault());

        const work = (async () => {
          await printing.loadFile(file);
          return printing.webContents.printToPDF(pdfPrintOptions(app.getLocaleCountryCode()));
        })();
        // Once the time-out has won, the abandoned print rejects as the window goes: not an error to report.
        work.catch(() => {});
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new AppError(
                  'export/failed',
                  `Making the PDF took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped. Try a smaller selection (a collection or a topic), or export HTML and print it from a browser.`,
                  { timeoutMs },
                ),
              ),
            timeoutMs,
          );
        });
        return await Promise.race([work, timeout]);
      } finally {
        clearTimeout(timer);
        documents.delete(url);
        if (window && !window.isDestroyed()) window.destroy();
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  };
}
