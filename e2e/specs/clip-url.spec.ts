import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { articlePage, startPagesServer, type PagesServer } from '../fixtures/pages-server';
import { ClipTabs } from '../pages/clip-tabs';
import { ReaderClipTools } from '../pages/clip-reader';

// Pages come from a local fixture server; loopback is refused unless the clip allows it.
let pages: PagesServer;
test.beforeAll(async () => {
  pages = await startPagesServer();
});
test.afterAll(async () => {
  await pages.close();
});

const slug = (title: string) => `/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
const paragraphs = (title: string, extra: string[] = []) => [
  `The regional council approved the ${title} plan on Tuesday after a debate that lasted well into the night.`,
  `"We have waited long enough for this," said the council leader, Maria Okafor, after the vote.`,
  ...extra,
];

test.describe('Clipping a URL', () => {
  test('clips a page into the list and the reader, and says so when it is clipped again', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    const title = uniqueTitle('Harbour levy');
    const path = slug(title);
    pages.set(path, { body: articlePage({ title, paragraphs: paragraphs(title) }) });

    await test.step('a loopback address is refused until allowed, and the error says how to allow it', async () => {
      await clip.clipUrl(app, pages.url(path));
      await expect(clip.problem).toContainText('Local or private address refused');
      await expect(clip.problem).toContainText('Allow local/private addresses');
      await clip.problem.getByRole('button', { name: 'Allow and clip again' }).click();
      await expect(clip.dialog).toBeHidden();
    });

    await test.step('the article is in the list, selected, and in the reader', async () => {
      await expect(app.notifications.getByText(`Added “${title}”.`)).toBeVisible();
      await expect(app.articleOption(title)).toHaveAttribute('aria-selected', 'true');
      await expect(app.readerHeading(title)).toBeVisible();
      await expect(app.reader.getByText('We have waited long enough for this')).toBeVisible();
      await expect(app.reader.getByRole('link', { name: 'Open original' })).toHaveAttribute('href', pages.url(path));
    });

    await test.step('the same page again is recognised as already in the library', async () => {
      await clip.clipUrl(app, pages.url(path), { allowPrivate: true });
      await expect(clip.dialog).toBeHidden();
      await expect(app.notifications.getByText(`Already in your library: “${title}”.`)).toBeVisible();
      await expect(app.articleOption(title)).toHaveCount(1);
      await expect(app.articleOption(title)).toHaveAttribute('aria-selected', 'true');
    });

    await test.step('the original snapshot opens through the safe renderer', async () => {
      const tools = new ReaderClipTools(page, app);
      await tools.openSnapshot();
      await expect(tools.snapshotDialog.getByRole('heading', { name: title })).toBeVisible();
      await expect(tools.snapshotDialog.locator('script, style, iframe')).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(tools.snapshotDialog).toBeHidden();
    });
    await app.expectNoErrors();
  });

  test('a changed page becomes version 2, and the diff shows what changed', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    const tools = new ReaderClipTools(page, app);
    const title = uniqueTitle('Dredging costs');
    const path = slug(title);
    pages.set(path, { body: articlePage({ title, paragraphs: paragraphs(title, ['The cost is estimated at 40 million euros.']) }) });
    await clip.clipUrl(app, pages.url(path), { allowPrivate: true });
    await expect(app.readerHeading(title)).toBeVisible();
    await expect(tools.versionsButton).toHaveCount(0);

    pages.set(path, { body: articlePage({ title, paragraphs: paragraphs(title, ['The cost is now estimated at 55 million euros after a review by independent engineers.']) }) });
    await clip.clipUrl(app, pages.url(path), { allowPrivate: true });
    await expect(clip.dialog).toBeHidden();
    await expect(app.notifications.getByText(`Updated to version 2: “${title}”.`)).toBeVisible();
    await expect(app.reader.getByText('after a review by independent engineers')).toBeVisible();

    await tools.versionsButton.click();
    await expect(tools.versionsDialog).toBeVisible();
    await expect(tools.versionsDialog.getByRole('combobox', { name: 'Compare' })).toHaveValue('1');
    await expect(tools.versionsDialog.getByRole('combobox', { name: 'With' })).toHaveValue('2');
    await expect(tools.diff.locator('del')).toContainText(['40']);
    await expect(tools.diff.locator('ins').filter({ hasText: 'independent engineers' })).toHaveCount(1);
    await expect(tools.versionsDialog.getByText(/^\+\d+ words added$/)).toBeVisible();
    await expect(tools.versionsDialog.getByText(/^−\d+ words? removed$/)).toBeVisible();
    await app.expectNoErrors();
  });

  test('a 404 and an address that is no web address show what went wrong', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    await clip.clipUrl(app, pages.url(slug(uniqueTitle('missing page'))), { allowPrivate: true });
    await expect(clip.problem).toContainText('Page not found (HTTP 404)');
    await expect(clip.problem).toContainText('The server answered HTTP 404');
    await expect(clip.dialog).toBeVisible();

    const pdf = slug(uniqueTitle('report')) + '.pdf';
    pages.set(pdf, { contentType: 'application/pdf', body: '%PDF-1.4 not really' });
    await clip.urlField.fill(pages.url(pdf));
    await clip.clipButton.click();
    await expect(clip.problem).toContainText('Not a web page');

    await clip.urlField.fill('not an address');
    await clip.clipButton.click();
    await expect(clip.urlField).toHaveAttribute('aria-invalid', 'true');
    await expect(clip.dialog.getByText('That is not a web address.')).toBeVisible();
    await expect(clip.urlField).toBeFocused();
  });
});
