import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { QuotesPages } from '../pages/quotes-pages';

const BODY = [
  'The harbour expansion plan passed on Monday after a long debate.',
  '“This is the biggest investment in a generation,” said Mayor Jane Holloway.',
  '“We will fight it in court,” said Tom Reyes, a spokesman for the Harbour Residents Association.',
  '“Nobody asked the fishermen,” said Ana Lima, who runs a boat repair shop on the quay.',
].join('\n\n');

test.describe('suggestions', () => {
  test('accept, edit-then-accept and dismiss suggested quotes with the keyboard', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const title = uniqueTitle('Harbour expansion');
    // Articles with the same text are one article: the title keeps each run's text unique.
    await api.createArticle({ title, text: `${title}.\n\n${BODY}` });
    await q.app.openArticle(title);

    const first = q.suggestion('biggest investment in a generation');
    const second = q.suggestion('We will fight it in court');
    const third = q.suggestion('Nobody asked the fishermen');

    await test.step('each suggested quote shows its speaker and role', async () => {
      await expect(first).toBeVisible();
      await expect(first).toContainText('Jane Holloway');
      await expect(first).toContainText('Mayor');
      await expect(second).toContainText('Tom Reyes');
    });

    await test.step('clicking a suggestion shows it in the reader, marked for a moment', async () => {
      await third.locator('.suggestion__text').click();
      // The mark lasts 2.6 s, so its size and its words are read in one look: a second read after
      // the poll could come after the mark was gone on a busy machine.
      const reveal = () =>
        page.evaluate(() => {
          const ranges = [...(CSS.highlights.get('sb-reveal') ?? [])];
          return { size: ranges.length, text: ranges.map((r) => r.toString()).join('') };
        });
      await expect.poll(reveal).toEqual({ size: 1, text: expect.stringContaining('Nobody asked the fishermen') });
    });

    await test.step('A on the focused suggestion accepts it: the quote appears in the reader', async () => {
      await first.focus();
      await page.keyboard.press('a');
      await expect(first).toHaveCount(0);
      await expect(q.readerMark('biggest investment in a generation')).toHaveAttribute('title', 'Quote — Jane Holloway');
      // The focus moves on to the next suggestion, ready for the next key.
      await expect(second).toBeFocused();
    });

    await test.step('J moves, D dismisses', async () => {
      await page.keyboard.press('j');
      await expect(third).toBeFocused();
      await page.keyboard.press('d');
      await expect(third).toHaveCount(0);
      await expect(q.readerMark('Nobody asked the fishermen')).toHaveCount(0);
    });

    await test.step('E edits the speaker, Enter accepts with it', async () => {
      await second.focus();
      await page.keyboard.press('e');
      const field = second.getByRole('combobox', { name: 'Speaker' });
      await expect(field).toBeFocused();
      await expect(field).toHaveValue('Tom Reyes');
      await field.fill('Thomas Reyes');
      await page.keyboard.press('Enter');
      await expect(second).toHaveCount(0);
      await expect(q.readerMark('We will fight it in court')).toHaveAttribute('title', 'Quote — Thomas Reyes');
    });

    await test.step('the inspector lists the accepted quotes; “Find again” does not bring back what was decided', async () => {
      const quotes = app.inspector.getByRole('region', { name: 'Quotes' });
      await expect(quotes).toContainText('Jane Holloway');
      await expect(quotes).toContainText('Thomas Reyes');
      await q.suggestions.getByRole('button', { name: 'Find again' }).click();
      await expect(q.suggestions.getByRole('status')).toContainText(/Found \d+ quotes? and \d+ sources?\./);
      await expect(q.suggestions.getByText('No open suggestions.', { exact: false })).toBeVisible();
    });
    await app.expectNoErrors();
  });
});
