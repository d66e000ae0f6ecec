import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { bookmarkletSource } from '../../shared/clipper/bookmarklet';
import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { articlePage, startPagesServer, type PagesServer } from '../fixtures/pages-server';
import { ClipperPage } from '../pages/clip-clipper';
import { ClipperPopup, withoutSecret } from '../pages/clipper-popup';

// The page being clipped lives on another site than Sourcebook: the fixture server is addressed as
// `localhost`, Sourcebook as `127.0.0.1` (different hosts, so cross-site as well as cross-origin),
// which is what a real news site opening the clipper window is.
let pages: PagesServer;
test.beforeAll(async () => {
  pages = await startPagesServer();
});
test.afterAll(async () => {
  await pages.close();
});

const onOtherSite = (path: string) => pages.url(path).replace('//127.0.0.1:', '//localhost:');

/** Click the bookmarklet on `page`: the browser runs a `javascript:` bookmark as a navigation to it. */
async function runBookmarklet(page: Page, bookmarklet: string): Promise<ClipperPopup> {
  const popup = page.waitForEvent('popup');
  await page.evaluate((code) => {
    window.location.href = code;
  }, bookmarklet);
  return new ClipperPopup(await popup);
}

/**
 * A page of another site that, on a click anywhere, opens Sourcebook's clipper window itself and
 * posts its own content the way the bookmarklet does — what any site can do to a browser that is
 * paired. It knows the library's address but not its bookmarklet secret (`secret`: a guess).
 */
function selfClippingPage(options: { title: string; site: string; sourcebook: string; secret?: string }): string {
  const message = `{type:'sourcebook-clip',${options.secret === undefined ? '' : `secret:${JSON.stringify(options.secret)},`}url:location.href,title:document.title,html:document.documentElement.outerHTML,selection:''}`;
  const script = `<script>
document.addEventListener('click', function () {
  var o = ${JSON.stringify(options.sourcebook)};
  var w = window.open(o + '/clipper', 'sourcebook_clipper', 'width=440,height=300');
  window.addEventListener('message', function (e) { if (e.source === w && e.data === 'sourcebook-ready') w.postMessage(${message}, o); });
}, { once: true });
</script>`;
  const body = articlePage({ title: options.title, site: options.site, paragraphs: [`Buy ${options.title} now: the offer ends tonight, and only readers of this page get it.`] });
  return body.replace('</body>', `${script}</body>`);
}

/** Click anywhere on a self-clipping page: the window it opens. */
async function clickSelfClippingPage(page: Page): Promise<ClipperPopup> {
  const popup = page.waitForEvent('popup');
  await page.locator('h1').click();
  return new ClipperPopup(await popup);
}

const pathFor = (title: string) => `/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
const NOT_THIS_LIBRARY = 'This bookmarklet is not from this library — copy it again from Sourcebook.';
const OUT_OF_DATE = 'This bookmarklet is out of date — copy it again from Sourcebook.';

interface QuoteRow {
  text: string;
  anchorStatus: string;
  origin: string;
  kind: string;
  articleTitle: string;
}

test('the bookmarklet clips a page from another site: pairing, the article, the selection as a quote; a site cannot clip itself', async ({ app, page, api, context, origin }) => {
  const clipper = new ClipperPage(page);
  const title = uniqueTitle('Ferry timetable');
  const path = `/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const quoted = `The ${title} changes start in May, when the evening crossings move to the new terminal.`;
  const caption = `Photo desk ${title}.`;
  pages.set(path, {
    body: articlePage({ title, paragraphs: [quoted, `Passengers were told about the ${title} plan in a letter last week.`] }).replace(
      '<footer>',
      `<footer><p>${caption}</p>`,
    ),
  });

  const bookmarklet = await test.step('the app shows the bookmarklet; Copy puts the same code on the clipboard', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await clipper.open(app);
    await clipper.copyButton.click();
    await expect(clipper.tabs.dialog.getByText('Copied. Paste it as the address of a new bookmark.')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await clipper.bookmarklet.getAttribute('href'));
    return copied;
  });

  const news = await context.newPage();
  await news.goto(onOtherSite(path));
  const paragraph = news.getByText(quoted);

  let popup = await test.step('the first click asks to pair, and the app shows the request', async () => {
    await paragraph.click({ clickCount: 3 });
    const opened = await runBookmarklet(news, bookmarklet);
    await expect(opened.status).toHaveText('Approve this browser in Sourcebook');
    const name = await opened.pairingName();
    await expect(app.notifications.getByText(`“${name}” asks to clip into this library.`, { exact: false })).toBeVisible();
    await clipper.client(name).getByRole('button', { name: 'Approve' }).click();
    await expect(clipper.client(name)).toContainText('Approved');
    return opened;
  });

  await test.step('once approved, the page arrives and the window says so, with the selection as a quote', async () => {
    // The window asks every 2 s whether the pairing was approved.
    await expect(popup.status).toHaveText('Clipped to Sourcebook ✓', { timeout: 15_000 });
    await expect(popup.detail).toHaveText(title);
    await expect(popup.selectionNote).toHaveText('Your selection was saved as a quote.');
    await page.keyboard.press('Escape');
    await app.openArticle(title);
    await expect(app.reader.getByText(quoted).first()).toBeVisible();
    const quotes = await api.call<{ items: QuoteRow[] }>('quotes.list', { contains: title });
    expect(quotes.items.map((q) => [q.text, q.anchorStatus, q.kind, q.origin, q.articleTitle])).toEqual([[quoted, 'exact', 'highlight', 'browser', title]]);
  });

  await test.step('a site that opens the clipper window itself and posts its own content is refused, and nothing is stored', async () => {
    await popup.close();
    // The browser is paired, so its clipper window holds a valid key: only the secret stands in the way.
    for (const [secret, heading] of [
      [undefined, OUT_OF_DATE],
      ['a-guess-at-the-secret-of-this-library-0123456', NOT_THIS_LIBRARY],
    ] as const) {
      const spamTitle = uniqueTitle('Miracle offer');
      const spamSite = uniqueTitle('Spam Daily');
      pages.set(pathFor(spamTitle), { body: selfClippingPage({ title: spamTitle, site: spamSite, sourcebook: origin, ...(secret ? { secret } : {}) }) });
      const spam = await context.newPage();
      await spam.goto(onOtherSite(pathFor(spamTitle)));
      const refused = await clickSelfClippingPage(spam);
      await expect(refused.status).toHaveText(heading);
      await expect(refused.detail).toContainText('Nothing was clipped.');
      const stored = await api.call<{ items: unknown[] }>('articles.list', { siteName: spamSite });
      expect(stored.items).toEqual([]);
      await refused.close();
      await spam.close();
    }
  });

  await test.step('a bookmarklet saved before bookmarklets carried the secret is told to be copied again', async () => {
    const oldTitle = uniqueTitle('Harbour fees');
    const oldSite = uniqueTitle('Old Gazette');
    pages.set(pathFor(oldTitle), { body: articlePage({ title: oldTitle, site: oldSite, paragraphs: [`The ${oldTitle} rise in June, the port authority said on Monday.`] }) });
    const older = await context.newPage();
    await older.goto(onOtherSite(pathFor(oldTitle)));
    const refused = await runBookmarklet(older, withoutSecret(bookmarklet));
    await expect(refused.status).toHaveText(OUT_OF_DATE);
    await expect(refused.detail).toContainText('Copy it again from Sourcebook (Clip → Browser clipper)');
    expect((await api.call<{ items: unknown[] }>('articles.list', { siteName: oldSite })).items).toEqual([]);
    await refused.close();
    await older.close();
  });

  // From here on the real bookmarklet clips again, in the same (still paired) browser.
  await test.step('the same selection again is not a second quote, and the window says why', async () => {
    popup = await runBookmarklet(news, bookmarklet);
    await expect(popup.status).toHaveText('Already in Sourcebook ✓');
    await expect(popup.selectionNote).toHaveText('Your selection was already a quote in this article; it was not added again.');
    const quotes = await api.call<{ items: QuoteRow[] }>('quotes.list', { contains: title });
    expect(quotes.items).toHaveLength(1);
  });

  await test.step('a selection outside the article is kept as a quote not found in the text, and the window says so', async () => {
    await popup.close();
    await news.getByText(caption).click({ clickCount: 3 });
    popup = await runBookmarklet(news, bookmarklet);
    await expect(popup.status).toHaveText('Already in Sourcebook ✓');
    await expect(popup.selectionNote).toContainText('Your selection is not in the article text Sourcebook kept');
    await expect(popup.selectionNote).toContainText('Not found in source');

    await app.goTo('Quotes');
    await page.getByRole('combobox', { name: 'Show' }).selectOption('orphans');
    await page.getByRole('searchbox', { name: 'Filter quotes' }).fill(caption);
    await expect(page.getByRole('listbox', { name: 'Quotes' }).getByRole('option', { name: new RegExp(caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toContainText(
      'Not found in source',
    );
  });
  await app.expectNoErrors();
});

test('Make a new bookmarklet: copies of the old one are refused with a message, the new one clips', async ({ app, page, api, context }) => {
  const clipper = new ClipperPage(page);
  const title = uniqueTitle('Tide tables');
  const site = uniqueTitle('Coast Weekly');
  pages.set(pathFor(title), { body: articlePage({ title, site, paragraphs: [`The ${title} for the summer are out, with two extra low tides in August.`] }) });

  await clipper.open(app);
  const old = (await clipper.bookmarklet.getAttribute('href'))!;
  const make = await test.step('the app asks first, then shows a new bookmarklet', async () => {
    await clipper.tabs.dialog.getByRole('button', { name: 'Make a new bookmarklet (old ones stop working)' }).click();
    const confirm = clipper.tabs.dialog.getByRole('group', { name: /Make a new bookmarklet\?/ });
    await expect(confirm).toContainText('Every copy of the current one, in every browser, stops working');
    await confirm.getByRole('button', { name: 'Make a new bookmarklet', exact: true }).click();
    await expect(app.page.getByText('Made a new bookmarklet. Bookmarklets saved earlier no longer work')).toBeVisible();
    await expect(clipper.bookmarklet).not.toHaveAttribute('href', old);
    await expect(confirm).toHaveCount(0);
    return (await clipper.bookmarklet.getAttribute('href'))!;
  });

  const news = await context.newPage();
  await news.goto(onOtherSite(pathFor(title)));
  await test.step('a copy of the old bookmarklet is refused before any pairing request, and says what to do', async () => {
    const refused = await runBookmarklet(news, old);
    await expect(refused.status).toHaveText(NOT_THIS_LIBRARY);
    await expect(refused.detail).toContainText('or a new one was made here since. Copy it again from Sourcebook');
    const clients = await api.call<{ name: string; status: string }[]>('clipper.list', {});
    expect(clients.filter((c) => c.status === 'pending')).toEqual([]);
    expect((await api.call<{ items: unknown[] }>('articles.list', { siteName: site })).items).toEqual([]);
    await refused.close();
  });

  await test.step('the new one pairs and clips', async () => {
    const popup = await runBookmarklet(news, make);
    await expect(popup.status).toHaveText('Approve this browser in Sourcebook');
    // This browser paired in the test before, under the same name (its user agent): approve the waiting one.
    const waiting = clipper.clients.getByRole('listitem', { name: await popup.pairingName(), exact: true }).filter({ hasText: 'Waiting for approval' });
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await expect(popup.status).toHaveText('Clipped to Sourcebook ✓', { timeout: 15_000 });
    await expect(popup.detail).toHaveText(title);
    expect((await api.call<{ items: { title: string }[] }>('articles.list', { siteName: site })).items.map((a) => a.title)).toEqual([title]);
  });
  await app.expectNoErrors();
});

test('a saved bookmarklet whose Sourcebook is not listening tells the user so', async ({ page }) => {
  // A bookmarklet saved for a port no Sourcebook listens on any more (it started on another one).
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const path = `/${uniqueTitle('moved').replace(/[^a-z0-9]+/gi, '-')}`;
  pages.set(path, { body: articlePage({ title: 'A page to clip', paragraphs: ['Some text worth keeping for later reading, in full.'] }) });
  await page.goto(onOtherSite(path));
  const alert = page.waitForEvent('dialog', { timeout: 20_000 });
  await runBookmarklet(page, bookmarkletSource(deadOrigin, 'any-secret-any-secret-any-secret-any-secret'));
  const dialog = await alert;
  expect(dialog.message()).toContain(`Sourcebook did not answer at ${deadOrigin}`);
  await dialog.dismiss();
});
