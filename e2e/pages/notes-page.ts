import { expect, type Locator, type Page } from '@playwright/test';

/** The Notes view: the list, the editor (CodeMirror), its embeds and its banners, by roles and labels. */
export class NotesPage {
  readonly list: Locator;
  readonly editorPane: Locator;
  readonly editor: Locator;
  readonly title: Locator;
  readonly status: Locator;
  readonly completions: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('listbox', { name: 'Notes' });
    this.editorPane = page.getByRole('region', { name: 'Note', exact: true });
    this.editor = this.editorPane.getByRole('textbox', { name: 'Note text' });
    this.title = this.editorPane.getByLabel('Note title');
    this.status = this.editorPane.getByRole('toolbar', { name: 'Note tools' }).getByRole('status');
    this.completions = page.getByRole('listbox').filter({ has: page.locator('.cm-completionLabel') });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /^Notes/ }).click();
  }

  async newNote(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New note' }).first().click();
    // The editor's code loads on first use; give it (and a busy shared server) time.
    await expect(this.title).toBeEnabled({ timeout: 30_000 });
    await this.title.fill(title);
  }

  async openNote(title: string): Promise<void> {
    await this.list.getByRole('option', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await expect(this.title).toHaveValue(title, { timeout: 30_000 });
  }

  /** Type into CodeMirror at the end of the text. */
  async typeAtEnd(text: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /**
   * Type `[[` and a query, then choose the option whose label contains `label`. The library
   * search's answer may add options while the click lands, and a list redrawn under the pointer
   * drops that click (as a person would, the test clicks again while the list is still open).
   */
  async embed(query: string, label: string): Promise<void> {
    await this.page.keyboard.type(`[[${query}`);
    const option = this.page.getByRole('option').filter({ hasText: label }).first();
    await expect(option).toBeVisible();
    await expect(async () => {
      if (await option.isVisible()) await option.click({ timeout: 2000 });
      await expect(this.page.getByRole('listbox', { name: 'Completions' })).toBeHidden({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
  }

  async expectSaved(): Promise<void> {
    await expect(this.status).toHaveText('Saved');
  }

  quoteCard(text: string): Locator {
    return this.editorPane.getByRole('figure', { name: 'Embedded quote' }).filter({ hasText: text });
  }

  missing(what = 'quote'): Locator {
    return this.editorPane.getByRole('group', { name: `Missing ${what}` });
  }
}
