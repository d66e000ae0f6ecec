import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

const page1 = (title: string, cost: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>The pier will close for repairs in spring, the council said on Tuesday.</p><p>“We cannot keep patching it,” said engineer Lou Brandt.</p><p>${cost}</p></article></body></html>`;

test('the Quotes view filters quotes no longer found in their source, each with its verbatim badge', async ({ app, api, page }) => {
  const title = uniqueTitle('Pier repairs');
  const url = `https://news.example.org/${encodeURIComponent(title)}`;
  const first = await api.call<{ id: string }>('articles.clip', { source: { kind: 'html', url, html: page1(title, 'Repairs will cost two million pounds.') } });
  await api.call('quotes.create', { articleId: first.id, text: 'We cannot keep patching it', kind: 'direct', speaker: 'Lou Brandt' });
  await api.call('quotes.create', { articleId: first.id, text: 'Repairs will cost two million pounds.', kind: 'paraphrase' });
  // The page changes; clipping it again re-anchors the quotes: one is gone from the text.
  await api.call('articles.clip', { source: { kind: 'html', url, html: page1(title, 'The cost is not known yet.') } });

  await app.goTo('Quotes');
  const list = page.getByRole('listbox', { name: 'Quotes' });
  await page.getByRole('searchbox', { name: 'Filter quotes' }).fill('patching it');
  // This quote's row, not the first row: until the filter applies, the first row is another spec's quote.
  await expect(list.getByRole('option', { name: /We cannot keep patching it/ })).toContainText('Verbatim');

  await page.getByRole('combobox', { name: 'Show' }).selectOption('orphans');
  await expect(page.getByRole('heading', { level: 1, name: 'Not found in source' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter quotes' }).fill('two million pounds');
  const orphan = list.getByRole('option', { name: /Repairs will cost two million pounds/ });
  await expect(orphan).toBeVisible();
  await expect(orphan).toContainText('Not found in source');
  await page.getByRole('searchbox', { name: 'Filter quotes' }).fill('patching it');
  await expect(page.getByText('No quotes contain “patching it”.')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Filter quotes' }).fill('two million pounds');
  await orphan.click();
  await expect(page.getByRole('region', { name: 'Quote', exact: true }).getByText('The quoted words are no longer in the article text.')).toBeVisible();
  await app.expectNoErrors();
});
