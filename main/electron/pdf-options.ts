import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';

/**
 * The PDF printer's settings as plain values, so unit tests under plain Node can assert them (like
 * security.ts, this module imports only Electron's types). The printer itself is pdf-printer.ts.
 */

/**
 * The print window's own session. No `persist:` prefix, so it lives in memory only (no cookies,
 * cache or storage on disk), and its deny-everything request handler leaves the app window's
 * session (which may show clipped articles' images) alone.
 */
export const PDF_PARTITION = 'sourcebook-pdf';

/** A report of a whole large library prints in a few seconds; past this something is stuck. */
export const PDF_TIMEOUT_MS = 30_000;

/**
 * A hidden window that can do nothing but lay out one self-contained document: no preload (no
 * bridge to main), no JavaScript at all (the exports carry none, and a CSP forbids it too), and the
 * same isolation as the app window. Its size only sets the layout viewport; printToPDF paginates.
 */
export function createPdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      partition: PDF_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A hidden window is throttled like a background tab; printing must not wait on that.
      backgroundThrottling: false,
    },
  };
}

/** Where US Letter, not A4, is the paper in the printer (ISO 3166 codes as app.getLocaleCountryCode() gives them). */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'PR', 'CR', 'DO', 'PA', 'SV', 'NI', 'BZ']);

export function pageSizeFor(countryCode: string): 'A4' | 'Letter' {
  return LETTER_COUNTRIES.has(countryCode.trim().toUpperCase()) ? 'Letter' : 'A4';
}

/**
 * Backgrounds on (stance colours, table rules), the paper the user's country uses, Chromium's
 * default margins, no header or footer (the file URL of a temp file would show in them).
 */
export function pdfPrintOptions(countryCode: string): PrintToPDFOptions {
  return { printBackground: true, pageSize: pageSizeFor(countryCode), landscape: false, displayHeaderFooter: false };
}

/** A file: URL's decoded path, so Chromium's and Node's spellings of one file compare equal (`%20`, `%7E`...). */
function filePathOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || parsed.search !== '' || parsed.host !== '') return undefined;
    return decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
}

/**
 * The print session answers only the documents being printed right now (their temp-file URLs);
 * every other request — http(s), websockets, other files, anything the HTML could name — is
 * cancelled. The exports are self-contained, so a cancelled request never costs content.
 */
export function isAllowedPdfRequest(url: string, documents: ReadonlySet<string>): boolean {
  const wanted = filePathOf(url);
  if (wanted === undefined) return false;
  for (const document of documents) if (filePathOf(document) === wanted) return true;
  return false;
}
