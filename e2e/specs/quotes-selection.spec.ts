import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { QuotesPages, uniqueSurname } from '../pages/quotes-pages';

test.describe('quote from a selection', () => {
  test('select words in the reader → Q → quote with a new speaker: highlighted at once and listed', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const title = uniqueTitle('Ferry timetable');
    const speaker = `Ottoline ${uniqueSurname('Marsh')}`;
    const words = 'the new timetable cuts the evening crossings in half';
    await api.createArticle({
      title,
      // Articles with the same text are one article: the title keeps each run's text unique.
      html: `<p>Residents say <em>the new timetable</em> cuts the evening crossings in half, and the operator disagrees.</p><p>${title}.</p>`,
    });
    await q.app.openArticle(title);

    await test.step('selecting text shows a small popover next to it', async () => {
      await q.selectInReader(words);
      await expect(q.selectionPopover).toBeVisible();
      await expect(q.selectionPopover.getByRole('button', { name: /Quote/ })).toBeVisible();
    });

    await test.step('Q opens the quote form with the exact words, read-only', async () => {
      await page.keyboard.press('q');
      await expect(q.quoteForm).toBeVisible();
      const text = q.quoteForm.getByLabel('Quoted text');
      await expect(text).toHaveValue(words);
      await expect(text).toHaveAttribute('readonly', '');
      await expect(q.quoteForm.getByRole('combobox', { name: 'Speaker' })).toBeFocused();
    });

    await test.step('a name nobody has yet makes a new speaker', async () => {
      await page.keyboard.type(speaker);
      await expect(q.quoteForm.getByText(`New speaker “${speaker}” will be created.`)).toBeVisible();
      await q.quoteForm.getByLabel('Role').fill('Ferry users’ group chair');
      await q.quoteForm.getByRole('radio', { name: 'Indirect' }).check();
      await q.quoteForm.getByRole('button', { name: 'Save quote' }).click();
      await expect(q.quoteForm).toBeHidden();
    });

    await test.step('the quote is highlighted in the reader at once, as the active quote', async () => {
      const mark = q.readerMark('cuts the evening crossings');
      await expect(mark.first()).toBeVisible();
      await expect(mark.first()).toHaveClass(/is-active/);
      await expect(mark.first()).toHaveAttribute('title', `Quote — ${speaker}`);
      // The marks together cover exactly the selected words (across the <em>).
      const covered = await app.reader.locator('mark.sb-quote').evaluateAll((marks) => marks.map((m) => m.textContent).join(''));
      expect(covered.replace(/\s+/g, ' ')).toBe(words);
      await expect(app.inspector.getByRole('region', { name: 'Quotes' })).toContainText(speaker);
    });

    await test.step('it is listed in the Quotes view, verbatim, with its new speaker', async () => {
      await app.goTo('Quotes');
      await page.getByRole('searchbox', { name: 'Filter quotes' }).fill('evening crossings in half');
      await expect(page.getByRole('listbox', { name: 'Quotes' })).not.toHaveAttribute('aria-busy', 'true');
      const option = page.getByRole('listbox', { name: 'Quotes' }).getByRole('option', { name: new RegExp(speaker) });
      await expect(option).toBeVisible();
      await expect(option).toContainText('Verbatim');
      await option.click();
      await expect(q.quotePane.getByText('Indirect quote')).toBeVisible();
      await expect(q.quotePane.getByRole('button', { name: speaker })).toBeVisible();
    });
    await app.expectNoErrors();
  });

  test('the speaker field completes known speakers by alias, with the arrow keys', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const title = uniqueTitle('Bridge tolls');
    const surname = uniqueSurname('Quennell');
    const article = await api.createArticle({ title, text: `The bridge toll rises to four dollars in May, officials said on Friday. ${title}.` });
    // A known speaker with an alias, made by quoting them once.
    const known = await api.call<{ speakerId: string }>('quotes.create', { articleId: article.id, text: 'four dollars', kind: 'direct', speaker: `Harriet ${surname}` });
    await api.call('speakers.update', { id: known.speakerId, aliases: [`Hattie ${surname}`] });

    await q.app.openArticle(title);
    await q.selectInReader('toll rises to four');
    await page.keyboard.press('q');
    const field = q.quoteForm.getByRole('combobox', { name: 'Speaker' });
    await field.fill(`Hattie ${surname.slice(0, -2)}`);
    const option = q.quoteForm.getByRole('listbox').getByRole('option', { name: new RegExp(`Harriet ${surname}`) });
    await expect(option).toBeVisible();
    await expect(option).toContainText(`also “Hattie ${surname}”`);
    // Only the alias matches (the list first shows the most quoted speakers, until the lookup answers).
    await expect(q.quoteForm.getByRole('listbox').getByRole('option')).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue(`Harriet ${surname}`);
    await page.keyboard.press('Control+Enter');
    await expect(q.quoteForm).toBeHidden();
    await expect(q.readerMark('toll rises to').first()).toHaveAttribute('title', `Quote — Harriet ${surname}`);
    // Overlapping quotes are allowed: "four" is now inside both quotes' marks.
    await expect(app.reader.locator('mark.sb-quote mark.sb-quote', { hasText: 'four' })).toBeVisible();
    await app.expectNoErrors();
  });
});
