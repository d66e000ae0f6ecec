import { describe, expect, it } from 'vitest';
import { PDF_PARTITION, PDF_TIMEOUT_MS, createPdfWindowOptions, isAllowedPdfRequest, pageSizeFor, pdfPrintOptions } from './pdf-options';

describe('createPdfWindowOptions (the hidden print window)', () => {
  const options = createPdfWindowOptions();
  const prefs = options.webPreferences!;

  it('is never shown and has no preload, so the printed page has no bridge to main', () => {
    expect(options.show).toBe(false);
    expect(prefs.preload).toBeUndefined();
  });

  it('runs no JavaScript, isolated and sandboxed, with web security on', () => {
    expect(prefs.javascript).toBe(false);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('uses its own in-memory session, not the app window’s and nothing kept on disk', () => {
    expect(prefs.partition).toBe(PDF_PARTITION);
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
    expect(prefs.session).toBeUndefined();
  });

  it('does not turn on spellcheck (it would download dictionaries on Linux)', () => {
    expect(prefs.spellcheck).toBe(false);
  });
});

describe('pdfPrintOptions', () => {
  it('prints backgrounds (stance colours, rules) without a header or footer', () => {
    expect(pdfPrintOptions('DE')).toEqual({ printBackground: true, pageSize: 'A4', landscape: false, displayHeaderFooter: false });
  });

  it('uses Letter where that is the paper, A4 elsewhere or when the country is unknown', () => {
    expect(pageSizeFor('US')).toBe('Letter');
    expect(pageSizeFor('ca')).toBe('Letter');
    expect(pdfPrintOptions('MX').pageSize).toBe('Letter');
    for (const country of ['GB', 'FR', 'DE', 'JP', 'AU', 'IN', '']) expect(pageSizeFor(country), country).toBe('A4');
  });

  it('gives a print a bounded time', () => {
    expect(PDF_TIMEOUT_MS).toBeGreaterThanOrEqual(10_000);
    expect(PDF_TIMEOUT_MS).toBeLessThanOrEqual(120_000);
  });
});

describe('isAllowedPdfRequest', () => {
  const documents = new Set(['file:///tmp/sourcebook-pdf-a1b2/document.html', 'file:///tmp/My%20Files/sourcebook-pdf-c3/document.html']);

  it('lets through only the documents being printed, however the file URL is spelled', () => {
    expect(isAllowedPdfRequest('file:///tmp/sourcebook-pdf-a1b2/document.html', documents)).toBe(true);
    expect(isAllowedPdfRequest('file:///tmp/My%20Files/sourcebook-pdf-c3/document.html', documents)).toBe(true);
    expect(isAllowedPdfRequest('file:///tmp/sourcebook-pdf-%61%31b2/document.html', documents)).toBe(true);
  });

  it.each([
    'https://example.com/tracker.png',
    'http://127.0.0.1:8080/',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'file:///tmp/sourcebook-pdf-a1b2/other.css',
    'file:///tmp/sourcebook-pdf-a1b2/document.html?x=1',
    'file://server/tmp/sourcebook-pdf-a1b2/document.html',
    'data:text/css,body{}',
    'sourcebook://app/',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isAllowedPdfRequest(url, documents)).toBe(false);
  });

  it('cancels everything when nothing is being printed', () => {
    expect(isAllowedPdfRequest('file:///tmp/sourcebook-pdf-a1b2/document.html', new Set())).toBe(false);
  });
});
