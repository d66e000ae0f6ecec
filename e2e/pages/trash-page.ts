import type { Locator, Page } from '@playwright/test';

/** The Trash view and its Delete forever confirmation. */
export class TrashPage {
  readonly list: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Trashed items' });
    this.confirmDialog = page.getByRole('alertdialog', { name: 'Delete forever?' });
  }

  entry(title: string): Locator {
    return this.list.getByRole('listitem', { name: title });
  }

  async restore(title: string): Promise<void> {
    await this.entry(title).getByRole('button', { name: 'Restore' }).click();
  }

  async deleteForever(title: string): Promise<void> {
    await this.entry(title).getByRole('button', { name: 'Delete forever' }).click();
    await this.confirmDialog.getByRole('button', { name: 'Delete forever' }).click();
  }
}
