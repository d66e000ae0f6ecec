import { expect, type Locator, type Page } from '@playwright/test';

/** The Export, Import and Backups dialogs, found by roles and labels only. */
export class ExchangePage {
  readonly sidebar: Locator;
  readonly exportDialog: Locator;
  readonly importDialog: Locator;
  readonly backupsDialog: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Library' });
    this.exportDialog = page.getByRole('dialog', { name: 'Export' });
    this.importDialog = page.getByRole('dialog', { name: 'Import' });
    this.backupsDialog = page.getByRole('dialog', { name: 'Backups' });
  }

  async openExport(): Promise<void> {
    await this.sidebar.getByRole('button', { name: 'Export…' }).click();
    await expect(this.exportDialog).toBeVisible();
  }

  async openImport(): Promise<void> {
    await this.sidebar.getByRole('button', { name: 'Import…' }).click();
    await expect(this.importDialog).toBeVisible();
  }

  async exportTo(options: { scope?: string; format: string; out: string; replace?: boolean }): Promise<void> {
    const d = this.exportDialog;
    await d.getByRole('radio', { name: options.scope ?? 'Whole library' }).check();
    await d.getByRole('combobox', { name: 'Format' }).selectOption({ label: options.format });
    await d.getByRole('textbox', { name: /^Output (file|folder)$/ }).fill(options.out);
    if (options.replace) await d.getByRole('checkbox', { name: 'Replace if it exists' }).check();
    await d.getByRole('button', { name: 'Export', exact: true }).click();
  }

  /** Browser mode only: the HTML report in a new tab with the browser's print dialog. */
  get printButton(): Locator {
    return this.exportDialog.getByRole('button', { name: 'Print / Save as PDF…' });
  }

  get formatSelect(): Locator {
    return this.exportDialog.getByRole('combobox', { name: 'Format' });
  }

  get exportPreview(): Locator {
    return this.exportDialog.getByLabel('Preview');
  }

  get exportStatus(): Locator {
    return this.exportDialog.getByRole('status', { name: 'Export progress' });
  }

  async importFile(name: string, content: string, mimeType = 'text/plain'): Promise<void> {
    const d = this.importDialog;
    await d.getByLabel('File to import').setInputFiles({ name, mimeType, buffer: Buffer.from(content, 'utf8') });
    await d.getByRole('button', { name: 'Import', exact: true }).click();
  }

  get importReport(): Locator {
    return this.importDialog.getByRole('region', { name: 'Import report' });
  }
}
