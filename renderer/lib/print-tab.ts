/**
 * Browser mode's "Print / Save as PDF…": show a self-contained HTML document (the export report, a
 * note) in a new tab and open the browser's print dialog there, which offers "Save as PDF". The
 * desktop app makes PDFs itself instead (`app.capabilities.get`), and its windows cannot open tabs.
 *
 * Why a new tab filled with document.write:
 * - a tab, not a hidden iframe, so the user sees what is printed and keeps it open to read, print
 *   again or close; the print preview shows the report, not the app around it;
 * - written into, not navigated to a blob: URL, so there is no object URL to revoke and no
 *   navigation to wait for: the document exists as soon as it is written;
 * - the about:blank tab is same-origin with the app and inherits its CSP (no inline script may
 *   run; inline styles may), on top of the document's own CSP (`default-src 'none'`). The HTML is
 *   built by main with every piece of library text escaped and carries no script.
 * The tab is opened synchronously in the click, before the document is fetched, because browsers
 * only allow pop-ups during the user's gesture.
 */
export interface PrintTab {
  /** Replace the placeholder with `html`, then open the print dialog once it has laid out. */
  print(html: string): void;
  close(): void;
}

const PLACEHOLDER =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preparing…</title></head>' +
  '<body style="font: 16px system-ui, sans-serif; margin: 3rem;"><p role="status">Preparing the document to print…</p></body></html>';

function write(tab: Window, html: string): void {
  tab.document.open();
  tab.document.write(html);
  tab.document.close();
}

/** Null when the browser blocked the new tab. Call it directly in a click handler. */
export function openPrintTab(): PrintTab | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  write(tab, PLACEHOLDER);
  return {
    print(html) {
      if (tab.closed) return;
      write(tab, html);
      tab.focus();
      // After the written document's load (it fetches nothing, so this is at once), so the dialog
      // previews the laid-out report rather than an empty page.
      if (tab.document.readyState === 'complete') tab.print();
      else tab.addEventListener('load', () => tab.print(), { once: true });
    },
    close() {
      if (!tab.closed) tab.close();
    },
  };
}

export const POPUP_BLOCKED_MESSAGE =
  'The browser blocked the new tab the report opens in. Allow pop-ups for this page and try again, or export HTML and open the file in your browser to print it.';
