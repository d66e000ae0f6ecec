import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../fixtures/env';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The whole window, found by roles and labels only (as a screen-reader user would). */
export class AppPage {
  readonly sidebar: Locator;
  readonly articleList: Locator;
  readonly reader: Locator;
  readonly inspector: Locator;
  readonly searchField: Locator;
  readonly titleFilter: Locator;
  readonly newArticleButton: Locator;
  readonly notifications: Locator;
  readonly errorToasts: Locator;

  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {
    this.sidebar = page.getByRole('navigation', { name: 'Library' });
    this.articleList = page.getByRole('listbox', { name: 'Articles' });
    this.reader = page.getByRole('region', { name: 'Reader', exact: true });
    this.inspector = page.getByRole('complementary', { name: 'Inspector' });
    this.searchField = page.getByRole('searchbox', { name: 'Search', exact: true });
    this.titleFilter = page.getByRole('searchbox', { name: 'Filter by title' });
    this.newArticleButton = page.getByRole('banner').getByRole('button', { name: 'New article' });
    this.notifications = page.getByRole('region', { name: 'Notifications' });
    this.errorToasts = this.notifications.getByRole('alert');
  }

  /** Open the app the way a user does: the URL `sourcebook serve` prints, carrying the token. */
  async open(): Promise<void> {
    await this.page.goto(`${this.origin}/?token=${encodeURIComponent(E2E_TOKEN)}`);
    await expect(this.sidebar).toBeVisible();
  }

  navItem(name: string): Locator {
    return this.sidebar.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}`) });
  }

  async goTo(name: 'All articles' | 'Quotes' | 'Speakers' | 'Topics' | 'Notes' | 'Trash'): Promise<void> {
    await this.navItem(name).click();
  }

  articleOption(title: string): Locator {
    return this.articleList.getByRole('option', { name: title });
  }

  selectedArticle(): Locator {
    return this.articleList.locator('[role="option"][aria-selected="true"]');
  }

  /** Show only articles whose title contains `text` (the list's own filter box). */
  async filterArticles(text: string): Promise<void> {
    await this.titleFilter.fill(text);
    // The filter applies once typing pauses; until its rows are in, the list is aria-busy.
    await expect(this.articleList.or(this.page.getByText(`No articles match “${text}”.`))).toBeVisible();
    await expect(this.articleList.and(this.page.locator('[aria-busy="true"]'))).toHaveCount(0);
    // aria-busy can drop for a moment while the old rows are still on screen (the filter has
    // settled, the list has not reset yet), so also wait until every row shown is a match.
    await expect(this.articleList.getByRole('option').filter({ hasNotText: text })).toHaveCount(0);
  }

  /**
   * Open an article in the reader. The list is filtered by the (unique) title first: in the shared
   * library other specs add articles meanwhile, and a row inserted above would move the one aimed
   * at from under the click.
   */
  async openArticle(title: string): Promise<void> {
    await this.goTo('All articles');
    await this.filterArticles(title);
    await this.articleOption(title).click();
    await expect(this.readerHeading(title)).toBeVisible();
  }

  readerHeading(title: string): Locator {
    return this.reader.getByRole('heading', { level: 1, name: title });
  }

  readerTrashButton(): Locator {
    return this.reader.getByRole('button', { name: 'Move to trash' });
  }

  async expectNoErrors(): Promise<void> {
    // toHaveText (not toBeEmpty) so a failure prints the error the user was shown.
    await expect(this.errorToasts).toHaveText('');
  }
}
