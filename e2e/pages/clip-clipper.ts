import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './app-page';
import { ClipTabs } from './clip-tabs';

/** The Browser clipper tab: the bookmarklet and the paired browsers. */
export class ClipperPage {
  readonly tabs: ClipTabs;
  readonly bookmarklet: Locator;
  readonly copyButton: Locator;
  readonly clients: Locator;

  constructor(readonly page: Page) {
    this.tabs = new ClipTabs(page);
    this.bookmarklet = this.tabs.dialog.getByRole('link', { name: 'Clip to Sourcebook' });
    this.copyButton = this.tabs.dialog.getByRole('button', { name: 'Copy', exact: true });
    this.clients = this.tabs.dialog.getByRole('list', { name: 'Paired browsers' });
  }

  async open(app: AppPage): Promise<void> {
    await this.tabs.open(app, 'Browser clipper');
    await expect(this.tabs.dialog.getByRole('heading', { name: 'Paired browsers' })).toBeVisible();
  }

  client(name: string): Locator {
    return this.clients.getByRole('listitem', { name, exact: true });
  }
}
