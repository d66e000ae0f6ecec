import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { QuotesPages, uniqueSurname } from '../pages/quotes-pages';

test.describe('links and the graph', () => {
  test('a “contradicts” link between two quotes shows as a backlink; the graph shows the nodes and re-centres on click', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const word = uniqueSurname('zq');
    const speakerA = `Ingrid ${uniqueSurname('Holm')}`;
    const speakerB = `Rafael ${uniqueSurname('Ortiz')}`;
    const article = await api.createArticle({
      title: uniqueTitle('Water meters'),
      text: `Meters cut water use by a third ${word}. Meters changed nothing at all ${word}.`,
    });
    await api.call('quotes.create', { articleId: article.id, text: `Meters cut water use by a third ${word}`, kind: 'direct', speaker: speakerA });
    await api.call('quotes.create', { articleId: article.id, text: `Meters changed nothing at all ${word}`, kind: 'direct', speaker: speakerB });

    const openQuote = async (speaker: string) => {
      await app.goTo('Quotes');
      await q.filterQuotes(word);
      await page.getByRole('listbox', { name: 'Quotes' }).getByRole('option', { name: new RegExp(speaker) }).click();
      await expect(q.quotePane.getByRole('button', { name: speaker })).toBeVisible();
    };

    await test.step('add a “contradicts” link from quote A to quote B, found by quick search', async () => {
      await openQuote(speakerA);
      await q.quotePane.getByRole('button', { name: 'Add link' }).click();
      const form = q.quotePane.getByRole('form', { name: 'Add link' });
      await form.getByLabel('This item…').selectOption('contradicts');
      const target = form.getByRole('combobox', { name: 'Target' });
      await target.fill(`changed nothing ${word}`);
      const option = form.getByRole('listbox').getByRole('option', { name: /Meters changed nothing at all/ });
      await expect(option).toBeVisible();
      await expect(option).toContainText(speakerB);
      await option.click();
      await expect(target).toHaveValue(/^“Meters changed nothing at all/);
      await form.getByRole('button', { name: 'Add link' }).click();
      await expect(form).toBeHidden();
      const links = q.quotePane.getByRole('list', { name: 'Links' });
      await expect(links.getByRole('listitem')).toHaveCount(1);
      await expect(links).toContainText('contradicts');
      await expect(links).toContainText('Meters changed nothing at all');
    });

    await test.step('quote B shows the backlink, and it leads back to quote A', async () => {
      await openQuote(speakerB);
      const backlinks = q.quotePane.getByRole('list', { name: 'Backlinks' });
      await expect(backlinks).toContainText('contradicted by');
      await backlinks.getByRole('button', { name: /Meters cut water use by a third/ }).click();
      // A quote opens where it lives: highlighted in its article.
      await expect(q.readerMark('Meters cut water use by a third')).toHaveClass(/is-active/);
    });

    await test.step('the graph view shows the quote’s neighbourhood and re-centres on a clicked node', async () => {
      await openQuote(speakerB);
      await q.quotePane.getByRole('button', { name: 'Graph' }).click();
      await expect(q.graphDialog).toBeVisible();
      await expect(q.graphDialog).toHaveAccessibleName(/^Graph: Meters changed nothing at all/);
      const svg = q.graphDialog.getByTestId('graph-svg');
      await expect(svg.locator('g.graph-node')).toHaveCount(4); // itself, its article, its speaker, quote A
      const list = q.graphDialog.getByRole('navigation', { name: /Connected items/ });
      await expect(list.getByRole('button', { name: new RegExp(`Centre on speaker ${speakerB}`) })).toBeVisible();
      await expect(list).toContainText('← contradicts');

      // Click the speaker's node in the drawing: the graph centres on the speaker.
      await svg.locator('g.graph-node--speaker circle').click();
      await expect(q.graphDialog).toHaveAccessibleName(`Graph: ${speakerB}`);
      await expect(svg.locator('g.graph-node.is-center')).toHaveClass(/graph-node--speaker/);

      // The list is the keyboard way: Back, then centre on quote A from the list.
      await q.graphDialog.getByRole('button', { name: 'Back' }).click();
      await expect(q.graphDialog).toHaveAccessibleName(/^Graph: Meters changed nothing at all/);
      await list.getByRole('button', { name: /Centre on quote Meters cut water use/ }).press('Enter');
      await expect(q.graphDialog).toHaveAccessibleName(/^Graph: Meters cut water use by a third/);

      // "Open quote" goes to the centred item.
      await q.graphDialog.getByRole('button', { name: 'Open quote' }).click();
      await expect(q.graphDialog).toBeHidden();
      await expect(q.readerMark('Meters cut water use by a third')).toHaveClass(/is-active/);
    });
    await app.expectNoErrors();
  });

  test('in the inspector, an article links to a web address and to another article', async ({ app, api }) => {
    const q = new QuotesPages(app);
    const firstTitle = uniqueTitle('Tram line report');
    const secondTitle = uniqueTitle('Tram line reply');
    const first = await api.createArticle({ title: firstTitle, text: `${firstTitle}. The tram line opens in spring.` });
    const second = await api.createArticle({ title: secondTitle, text: `${secondTitle}. The opening will slip to autumn.` });
    await q.app.openArticle(second.title);
    const links = app.inspector.getByRole('region', { name: 'Links', exact: true });
    await links.getByRole('button', { name: 'Add link' }).click();
    const form = links.getByRole('form', { name: 'Add link' });
    await form.getByLabel('This item…').selectOption('responds-to');
    await form.getByRole('combobox', { name: 'Target' }).fill(first.title);
    await form.getByRole('listbox').getByRole('option', { name: new RegExp(first.title) }).click();
    await form.getByRole('button', { name: 'Add link' }).click();
    await expect(links).toContainText('responds to');
    await expect(links.getByRole('button', { name: first.title })).toBeVisible();

    await links.getByRole('button', { name: 'Add link' }).click();
    await form.getByRole('combobox', { name: 'Target' }).fill('https://example.org/tram-report.pdf');
    await form.getByRole('button', { name: 'Add link' }).click();
    await expect(links.getByRole('link', { name: /example\.org/ })).toBeVisible();

    await q.app.openArticle(first.title);
    await expect(app.inspector.getByRole('region', { name: 'Backlinks' })).toContainText('answered by');
    await expect(app.inspector.getByRole('region', { name: 'Backlinks' }).getByRole('button', { name: second.title })).toBeVisible();
    await app.expectNoErrors();
  });
});
