import { expect, type Locator, type Page } from '@playwright/test';

export type PasteFormat = 'Plain text' | 'HTML' | 'Markdown';

/** The New article dialog (Paste tab). */
export class ClipDialog {
  readonly dialog: Locator;
  readonly titleField: Locator;
  readonly textField: Locator;
  readonly saveButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New article' });
    this.titleField = this.dialog.getByLabel('Title');
    this.textField = this.dialog.getByLabel('Article text');
    this.saveButton = this.dialog.getByRole('button', { name: 'Save', exact: true });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  format(name: PasteFormat): Locator {
    return this.dialog.getByRole('radio', { name });
  }

  async expectOpen(): Promise<void> {
    await expect(this.dialog).toBeVisible();
  }

  async fill(options: { title?: string; text: string; format?: PasteFormat }): Promise<void> {
    if (options.title !== undefined) await this.titleField.fill(options.title);
    if (options.format) await this.format(options.format).check();
    await this.textField.fill(options.text);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }
}
