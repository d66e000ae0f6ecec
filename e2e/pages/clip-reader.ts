import type { Locator, Page } from '@playwright/test';
import type { AppPage } from './app-page';

/** The reader's clipping tools: Versions (with the word diff), the original snapshot, Re-extract. */
export class ReaderClipTools {
  readonly versionsButton: Locator;
  readonly moreButton: Locator;
  readonly versionsDialog: Locator;
  readonly snapshotDialog: Locator;

  constructor(
    readonly page: Page,
    app: AppPage,
  ) {
    this.versionsButton = app.reader.getByRole('button', { name: /^Versions/ });
    this.moreButton = app.reader.getByRole('button', { name: 'Original page' });
    this.versionsDialog = page.getByRole('dialog', { name: 'Versions' });
    this.snapshotDialog = page.getByRole('dialog', { name: 'Original snapshot' });
  }

  get diff(): Locator {
    return this.versionsDialog.getByRole('region', { name: /^Changes from version/ });
  }

  async openSnapshot(): Promise<void> {
    await this.moreButton.click();
    await this.page.getByRole('menuitem', { name: 'View original snapshot' }).click();
  }

  async reextract(): Promise<void> {
    await this.moreButton.click();
    await this.page.getByRole('menuitem', { name: 'Re-extract' }).click();
  }
}
