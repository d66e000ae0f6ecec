import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { QuotesPages, uniqueSurname } from '../pages/quotes-pages';

test.describe('stances and the topic matrix', () => {
  test('a stance on a quote shows in the topic matrix with its evidence; a speaker’s stance can be set from the topic page', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const title = uniqueTitle('Congestion charge');
    const topic = uniqueTitle('Congestion charge works');
    const speaker = `Petra ${uniqueSurname('Vance')}`;
    // Articles with the same text are one article: the title keeps each run's text unique.
    const article = await api.createArticle({ title, text: `${title}. The charge has done nothing for the air on our street, the shop owner said.` });
    await api.call('quotes.create', { articleId: article.id, text: 'The charge has done nothing for the air on our street', kind: 'direct', speaker, saidAt: '2025-04-02' });

    await test.step('record a stance on the quote', async () => {
      await app.goTo('Quotes');
      await q.filterQuotes('done nothing for the air');
      await page.getByRole('listbox', { name: 'Quotes' }).getByRole('option', { name: new RegExp(speaker) }).click();
      // The pane may still show the quote selected before (another spec's, in the shared library) until this one loads.
      await expect(q.quotePane).toContainText(speaker);
      const form = q.quotePane.getByRole('form', { name: 'Record a stance' });
      await form.getByLabel('Topic').fill(topic);
      await form.getByLabel('Stance').selectOption('opposes');
      await form.getByRole('button', { name: 'Save stance' }).click();
      await expect(q.quotePane.locator('.stance-list [data-stance="opposes"]')).toContainText(topic);
    });

    await test.step('the topic matrix counts it in the speaker’s “Opposes” cell, with the quote as evidence', async () => {
      await app.goTo('Topics');
      await page.getByRole('searchbox', { name: 'Filter topics' }).fill(topic);
      await page.getByRole('listbox', { name: 'Topics' }).getByRole('option', { name: new RegExp(topic) }).click();
      await expect(q.topicPane.getByRole('heading', { name: topic })).toBeVisible();
      const cell = q.matrixCell(speaker, 'opposes');
      await expect(cell).toHaveText('1');
      await expect(cell).toHaveAttribute('aria-expanded', 'false');
      await cell.click();
      await expect(cell).toHaveAttribute('aria-expanded', 'true');
      const evidence = q.topicPane.getByRole('list', { name: `Evidence: ${speaker} — Opposes` });
      await expect(evidence).toContainText('The charge has done nothing for the air on our street');
      await expect(evidence).toContainText(title);
      await expect(evidence.locator('time')).toHaveAttribute('datetime', /^2025-04-02/);
      const row = q.topicPane.getByRole('row', { name: new RegExp(`^${speaker}`) });
      await expect(row.getByRole('cell').nth(0)).toContainText('Opposes');
      await expect(row).toContainText('from evidence');
      await expect(q.topicPane.getByTestId('topic-timeline')).toBeVisible();
    });

    await test.step('set the speaker’s stance directly from the topic page', async () => {
      await q.topicPane.getByRole('row', { name: new RegExp(`^${speaker}`) }).getByRole('button', { name: 'Set stance' }).click();
      const form = q.topicPane.getByRole('form', { name: 'Set a speaker’s stance' });
      await expect(form.getByRole('combobox', { name: 'Speaker' })).toHaveValue(speaker);
      await form.getByLabel('Stance').selectOption('mixed');
      await form.getByRole('button', { name: 'Set stance' }).click();
      const row = q.topicPane.getByRole('row', { name: new RegExp(`^${speaker}`) });
      await expect(row).toContainText('set directly');
      await expect(row.locator('.stance-matrix__position [data-stance]')).toHaveAttribute('data-stance', 'mixed');
      await expect(q.matrixCell(speaker, 'mixed')).toHaveText('1');
    });

    await test.step('the speaker page shows the position over time', async () => {
      await q.topicPane.getByRole('row', { name: new RegExp(`^${speaker}`) }).getByRole('button', { name: speaker, exact: true }).click();
      const stances = q.speakerPane.getByRole('list', { name: 'Stances by topic' });
      await expect(stances).toContainText(topic);
      await expect(stances).toContainText('set directly');
      const timeline = q.speakerPane.getByRole('list', { name: `How the stance on ${topic} moved, oldest first` });
      await expect(timeline.getByRole('listitem')).toHaveCount(2);
      await expect(timeline.getByRole('listitem').first().locator('[data-stance]')).toHaveAttribute('data-stance', 'opposes');
      await expect(timeline.getByRole('listitem').last().locator('[data-stance]')).toHaveAttribute('data-stance', 'mixed');
    });
    await app.expectNoErrors();
  });
});
