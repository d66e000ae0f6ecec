import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { articlePage, startPagesServer, type PagesServer } from '../fixtures/pages-server';
import { ClipTabs } from '../pages/clip-tabs';

let pages: PagesServer;
test.beforeAll(async () => {
  pages = await startPagesServer();
});
test.afterAll(async () => {
  await pages.close();
});

test('bulk: three URLs, one failing, show progress to 3/3 with 1 error and a reason per item', async ({ app, page }) => {
  const clip = new ClipTabs(page);
  const titles = [uniqueTitle('Bulk ferry strike'), uniqueTitle('Bulk port budget')];
  const paths = titles.map((t) => `/${t.replace(/\W+/g, '-')}`);
  titles.forEach((title, i) =>
    pages.set(paths[i]!, {
      body: articlePage({ title, paragraphs: [`${title}: the unions and the port authority met again on Monday without reaching an agreement on the new rota.`, `"We will keep talking," said a spokesperson for ${title}.`] }),
    }),
  );
  const missing = pages.url(`/${uniqueTitle('gone').replace(/\W+/g, '-')}`);
  const urls = [pages.url(paths[0]!), missing, pages.url(paths[1]!)];

  await clip.open(app, 'Bulk');
  await clip.urlList.fill([...urls, '', '# a comment', 'not a url'].join('\n'));
  await expect(clip.dialog.getByText('3 addresses to clip')).toBeVisible();
  await expect(clip.dialog.getByText(/1 line skipped, not a web address: not a url/)).toBeVisible();
  await clip.allowPrivate.check();
  await clip.tagsField.fill('bulk-e2e');
  await clip.clipPagesButton().click();

  await expect(clip.progress).toBeVisible();
  await expect(clip.progress.getByText('3 / 3')).toBeVisible();
  await expect(clip.progress.getByText('1 error', { exact: true })).toBeVisible();
  await expect(clip.progressBar).toHaveAttribute('value', '3');
  await expect(clip.progress.getByText('Done: 2 articles clipped, 1 failed.', { exact: true })).toBeVisible();
  await expect(clip.result(urls[0]!)).toContainText(`Added: “${titles[0]}”`);
  await expect(clip.result(missing)).toContainText('Page not found (HTTP 404)');
  await expect(clip.result(urls[2]!)).toContainText(`Added: “${titles[1]}”`);

  await clip.doneButton.click();
  await expect(clip.dialog).toBeHidden();
  await expect(app.notifications.getByText('Clipped 2 pages; 1 failed.')).toBeVisible();
  await expect(app.articleOption(titles[0]!)).toBeVisible();
  await expect(app.articleOption(titles[1]!)).toBeVisible();
  await expect(app.inspector.getByText('bulk-e2e')).toBeVisible();
  await app.expectNoErrors();
});

test('bulk: Cancel stops between items and keeps what was clipped', async ({ app, page }) => {
  const clip = new ClipTabs(page);
  // The pages answer only after Cancel was clicked, so the first clips are still under way then.
  // (A 400 ms delay per page did this by timing alone: on a loaded machine all twelve could finish
  // before the click, and there was no Cancel left to click.)
  let release = () => {};
  const hold = new Promise<void>((resolve) => (release = resolve));
  const urls = Array.from({ length: 12 }, (_, i) => {
    const title = uniqueTitle(`Bulk cancel ${i}`);
    const path = `/${title.replace(/\W+/g, '-')}`;
    pages.set(path, { body: articlePage({ title, paragraphs: [`${title} is one of twelve pages clipped in a row to test cancelling a bulk clip between items.`] }), hold });
    return pages.url(path);
  });
  await clip.open(app, 'Bulk');
  await clip.urlList.fill(urls.join('\n'));
  await clip.allowPrivate.check();
  try {
    await clip.clipPagesButton().click();
    await clip.cancelButton.click();
  } finally {
    release();
  }
  await expect(clip.progress.getByText(/^Cancelled: \d+ articles? clipped, \d+ not started\.$/)).toBeVisible();
  await expect(clip.results.getByText('Not started (cancelled)').first()).toBeVisible();
  const clipped = await clip.results.getByText(/^Added: /).count();
  expect(clipped).toBeGreaterThan(0);
  expect(clipped).toBeLessThan(urls.length);
  await app.expectNoErrors();
});
