import type { Locator, Page } from '@playwright/test';

/**
 * The small clipper window the bookmarklet opens (served by Sourcebook at /clipper): what it says
 * about the clip, and its Close button.
 */
export class ClipperPopup {
  readonly status: Locator;
  /** The article's title (and any error detail) under the status line. */
  readonly detail: Locator;
  /** What became of the text selected on the page. */
  readonly selectionNote: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('status');
    this.detail = page.getByRole('paragraph');
    this.selectionNote = page.getByRole('note', { name: 'Your selection' });
    this.closeButton = page.getByRole('button', { name: 'Close' });
  }

  /** Close it with its Close button (the next click on the bookmarklet then opens a new window). */
  async close(): Promise<void> {
    const closed = this.page.waitForEvent('close');
    // The window closes itself in the button's click handler, which can end the page before
    // Playwright hears the click finish ("Target page … has been closed"): that error is the
    // close we asked for, so it counts only if the window then fails to close.
    await this.closeButton.click().catch(async (error: unknown) => {
      await closed.catch(() => {
        throw error;
      });
    });
    await closed;
  }

  /** The name the window pairs under (it is the browser's user agent, cut to 120 characters). */
  pairingName(): Promise<string> {
    return this.page.evaluate(() => navigator.userAgent.slice(0, 120));
  }
}

/**
 * The library secret a bookmarklet carries (shared/clipper/bookmarklet.ts), for specs that play the
 * clipper window's part or build a bookmarklet saved before bookmarklets carried one.
 */
export function bookmarkletSecret(bookmarklet: string): string {
  const secret = /secret:"([^"]+)"/.exec(decodeURIComponent(bookmarklet))?.[1];
  if (!secret) throw new Error('This bookmarklet carries no secret.');
  return secret;
}

/** The same bookmarklet as one saved before bookmarklets carried the library's secret. */
export function withoutSecret(bookmarklet: string): string {
  const source = decodeURIComponent(bookmarklet.slice('javascript:'.length));
  const old = source.replace(/secret:"[^"]+",/, '');
  if (old === source) throw new Error('This bookmarklet carries no secret.');
  return `javascript:${encodeURIComponent(old)}`;
}
