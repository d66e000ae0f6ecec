import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

export type ClipTabName = 'Paste' | 'URL' | 'Files' | 'Bulk' | 'Browser clipper';

/** The New article dialog's clipping tabs (URL, Files, Bulk), found by roles and labels. */
export class ClipTabs {
  readonly dialog: Locator;
  /** The failure box of a single clip (URL or one file). */
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New article' });
    this.problem = this.dialog.getByRole('alert');
  }

  tab(name: ClipTabName): Locator {
    return this.dialog.getByRole('tab', { name, exact: true });
  }

  async open(app: AppPage, tab: ClipTabName): Promise<void> {
    await app.newArticleButton.click();
    await expect(this.dialog).toBeVisible();
    await this.tab(tab).click();
    await expect(this.tab(tab)).toHaveAttribute('aria-selected', 'true');
  }

  // ---- URL ----
  get urlField(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Web address' });
  }
  get allowPrivate(): Locator {
    return this.dialog.getByRole('checkbox', { name: 'Allow local/private addresses' });
  }
  get clipButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Clip', exact: true });
  }
  get tagsField(): Locator {
    return this.dialog.getByRole('textbox', { name: /^Tags/ });
  }

  /** Clip one address from the URL tab (loopback addresses need `allowPrivate`). */
  async clipUrl(app: AppPage, url: string, options: { allowPrivate?: boolean } = {}): Promise<void> {
    await this.open(app, 'URL');
    await this.urlField.fill(url);
    if (options.allowPrivate) await this.allowPrivate.check();
    await this.clipButton.click();
  }

  // ---- Files ----
  get fileInput(): Locator {
    return this.dialog.getByLabel('Files to clip');
  }
  get chosenFiles(): Locator {
    return this.dialog.getByRole('list', { name: 'Chosen files' });
  }
  clipFilesButton(): Locator {
    return this.dialog.getByRole('button', { name: /^Clip (file|\d+ files)$/ });
  }

  // ---- Bulk ----
  get urlList(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Web addresses, one per line' });
  }
  clipPagesButton(): Locator {
    return this.dialog.getByRole('button', { name: /^Clip \d+ pages?$/ });
  }
  get progress(): Locator {
    return this.dialog.getByRole('region', { name: 'Clipping progress' });
  }
  get progressBar(): Locator {
    return this.progress.getByRole('progressbar', { name: 'Clipped so far' });
  }
  get results(): Locator {
    return this.dialog.getByRole('list', { name: 'Results' });
  }
  result(label: string): Locator {
    return this.results.getByRole('listitem', { name: label, exact: true });
  }
  get cancelButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Cancel', exact: true });
  }
  get doneButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Done', exact: true });
  }
}
