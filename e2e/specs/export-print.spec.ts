import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { ExchangePage } from '../pages/exchange-page';

/**
 * Browser mode cannot make PDF files (only the desktop app can: app.electron.spec.ts), so the
 * Export dialog offers "Print / Save as PDF…": the HTML report in a new tab and the browser's own
 * print dialog, whose "Save as PDF" printer makes the file. Headless Chromium cannot show that
 * dialog, so window.print is replaced by a recorder in every document of the context.
 */
test('Print / Save as PDF opens the report of the chosen collection in a new tab and prints it', async ({ app, api, page, context }) => {
  const exchange = new ExchangePage(page);
  await context.addInitScript(() => {
    const w = window as unknown as { __printCalls: number };
    w.__printCalls = 0;
    window.print = () => {
      w.__printCalls += 1;
    };
  });

  const title = uniqueTitle('Harbour tram plans');
  const collectionName = uniqueTitle('Print pack');
  const quoteText = 'The tram will reach the harbour by 2031';
  const article = await api.createArticle({ title, text: `The mayor spoke on Monday. "${quoteText}," said Ana Silva.` });
  await api.call('quotes.create', { articleId: article.id, text: quoteText, speaker: 'Ana Silva', speakerRole: 'Mayor' });
  const collection = await api.call<{ id: string }>('collections.create', { name: collectionName });
  await api.call('collections.addItems', { collectionId: collection.id, itemIds: [article.id] });

  await test.step('the dialog offers printing, not a PDF format, and says how to save a PDF', async () => {
    await page.reload();
    await expect(exchange.sidebar).toBeVisible();
    await exchange.openExport();
    await expect(exchange.printButton).toBeVisible();
    await expect(exchange.printButton).toHaveAccessibleDescription(/new tab with your browser’s print dialog.*Save as PDF/);
    await expect(exchange.formatSelect.getByRole('option', { name: 'HTML' })).toHaveCount(1);
    await expect(exchange.formatSelect.getByRole('option', { name: 'PDF' })).toHaveCount(0);
  });

  const report = await test.step('printing opens the report in a new tab and calls print there', async () => {
    await exchange.exportDialog.getByRole('radio', { name: 'A collection' }).check();
    await exchange.exportDialog.getByRole('combobox', { name: 'Collection' }).selectOption({ label: collectionName });
    const [tab] = await Promise.all([context.waitForEvent('page'), exchange.printButton.click()]);
    await expect(tab.getByRole('heading', { level: 1, name: `Sourcebook report — ${collectionName}` })).toBeVisible();
    await expect.poll(() => tab.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
    await expect(exchange.exportDialog.getByRole('status', { name: 'Export progress' })).toContainText(`The report of ${collectionName} opened in a new tab`);
    return tab;
  });

  await test.step('the tab holds the whole self-contained report, styled under the app’s CSP', async () => {
    await expect(report).toHaveTitle(`Sourcebook report — ${collectionName}`);
    await expect(report.getByRole('table').first()).toContainText(title);
    await expect(report.getByRole('heading', { level: 3, name: /Ana Silva/ })).toBeVisible();
    await expect(report.locator('blockquote').first()).toContainText(quoteText);
    // The report's inline <style> applied (the app's CSP allows inline styles, never inline script).
    expect(await report.locator('blockquote').first().evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('3px');
    expect(await report.evaluate(() => document.scripts.length)).toBe(0);
    // The app itself did not print.
    expect(await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(0);
    await report.close();
  });

  await app.expectNoErrors();
});

test('a blocked pop-up is explained rather than silently doing nothing', async ({ app, page }) => {
  const exchange = new ExchangePage(page);
  // What a pop-up blocker does: window.open returns null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.reload();
  await expect(exchange.sidebar).toBeVisible();
  await exchange.openExport();
  await exchange.printButton.click();
  await expect(exchange.exportDialog.getByRole('alert')).toContainText('The browser blocked the new tab');
  await expect(exchange.exportDialog.getByRole('alert')).toContainText('Allow pop-ups for this page');
  await app.expectNoErrors();
});
