import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

/**
 * The quote, suggestion, speaker, topic, link and graph screens, found by roles and labels only.
 * Works on top of AppPage (the shell).
 */
export class QuotesPages {
  readonly page: Page;
  /** The small popover next to a selection in the reader. */
  readonly selectionPopover: Locator;
  readonly quoteForm: Locator;
  readonly suggestions: Locator;
  readonly suggestedQuotes: Locator;
  readonly speakerPane: Locator;
  readonly topicPane: Locator;
  readonly quotePane: Locator;
  readonly graphDialog: Locator;

  constructor(readonly app: AppPage) {
    this.page = app.page;
    this.selectionPopover = this.page.getByRole('dialog', { name: 'Selected text' });
    this.quoteForm = this.page.getByRole('dialog', { name: 'New quote' });
    this.suggestions = app.inspector.getByRole('region', { name: 'Suggestions' });
    this.suggestedQuotes = this.suggestions.getByRole('list', { name: 'Suggested quotes' });
    this.speakerPane = this.page.getByRole('region', { name: 'Speaker', exact: true });
    this.topicPane = this.page.getByRole('region', { name: 'Topic', exact: true });
    this.quotePane = this.page.getByRole('region', { name: 'Quote', exact: true });
    this.graphDialog = this.page.getByRole('dialog', { name: /^Graph/ });
  }

  /**
   * Filter the Quotes list and wait until it shows only matches: the filter applies once typing
   * pauses, and a row clicked before that (another spec's quote, in the shared library) is not one
   * of them, or is replaced under the click.
   */
  async filterQuotes(text: string): Promise<void> {
    const list = this.page.getByRole('listbox', { name: 'Quotes' });
    await this.page.getByRole('searchbox', { name: 'Filter quotes' }).fill(text);
    await expect(list.or(this.page.getByText(`No quotes contain “${text}”.`))).toBeVisible();
    await expect(list.and(this.page.locator('[aria-busy="true"]'))).toHaveCount(0);
    await expect(list.getByRole('option').filter({ hasNotText: text })).toHaveCount(0);
  }

  /**
   * Select the first occurrence of `phrase` in the reader's article body, as a user's drag would
   * (a DOM Range on the rendered text, spanning elements if need be).
   */
  async selectInReader(phrase: string): Promise<void> {
    const body = this.app.reader.getByTestId('reader-body');
    await expect(body).toContainText(phrase);
    const found = await body.evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join('');
      const at = all.indexOf(wanted);
      if (at < 0) return false;
      const locate = (offset: number, isEnd: boolean) => {
        let seen = 0;
        for (const node of nodes) {
          if (offset < seen + node.data.length || (isEnd && offset === seen + node.data.length)) return { node, offset: offset - seen };
          seen += node.data.length;
        }
        return null;
      };
      const start = locate(at, false);
      const end = locate(at + wanted.length, true);
      if (!start || !end) return false;
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }, phrase);
    expect(found, `“${phrase}” is in the reader`).toBe(true);
  }

  /** The reader's highlight(s) of a quote containing `text`. */
  readerMark(text: string): Locator {
    return this.app.reader.locator('mark.sb-quote', { hasText: text });
  }

  suggestion(text: string): Locator {
    return this.suggestedQuotes.getByRole('listitem').filter({ hasText: text });
  }

  /** The stance matrix's count button for a speaker and a stance ("Opposes"). */
  matrixCell(speaker: string, stance: 'supports' | 'opposes' | 'neutral' | 'mixed'): Locator {
    return this.topicPane.getByRole('button', { name: new RegExp(`^${escapeRegExp(speaker)}: \\d+ ${stance}\\.`) });
  }

  listOption(name: string | RegExp): Locator {
    return this.page.getByRole('listbox').getByRole('option', { name });
  }
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A surname no other run uses, letters only (name detection and the speaker lookup treat digits
 * and dashes differently): `Holm` → `Holmqxzvtw`.
 */
export function uniqueSurname(base: string): string {
  const letters = Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${base}${letters}`;
}
