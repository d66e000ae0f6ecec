import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { QuotesPages, uniqueSurname } from '../pages/quotes-pages';

test.describe('speakers', () => {
  test('merge two speakers: quotes move, the duplicate’s name becomes an alias', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const surname = uniqueSurname('Okonkwo');
    const keep = `Adaeze ${surname}`;
    const duplicate = `A. ${surname}`;
    const title = uniqueTitle('Rail strike');
    // Articles with the same text are one article: the title keeps each run's text unique.
    const article = await api.createArticle({ title, text: `${title}. Talks broke down at noon. Pay is the sticking point. We will be back on Monday.` });
    await api.call('quotes.create', { articleId: article.id, text: 'Talks broke down at noon.', kind: 'direct', speaker: keep });
    await api.call('quotes.create', { articleId: article.id, text: 'We will be back on Monday.', kind: 'direct', speaker: duplicate });

    await app.goTo('Speakers');
    await page.getByRole('searchbox', { name: 'Filter speakers' }).fill(surname);
    const speakers = page.getByRole('listbox', { name: 'Speakers' });
    await expect(speakers.getByRole('option')).toHaveCount(2);
    await speakers.getByRole('option', { name: new RegExp(`^${keep}`) }).click();
    await expect(q.speakerPane.getByRole('heading', { name: keep })).toBeVisible();

    await q.speakerPane.getByRole('button', { name: 'Merge with another speaker…' }).click();
    const form = q.speakerPane.getByRole('form', { name: 'Merge with another speaker' });
    const field = form.getByRole('combobox', { name: 'The same person or organization as' });
    await expect(field).toBeFocused();
    await field.fill(`A. ${surname.slice(0, -2)}`);
    await expect(form.getByRole('listbox').getByRole('option')).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue(duplicate);
    await expect(form.getByRole('radio', { name: new RegExp(`^${keep}`) })).toBeChecked();
    await form.getByRole('button', { name: 'Merge…' }).click();

    const confirm = page.getByRole('alertdialog', { name: `Merge “${duplicate}” into “${keep}”?` });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Merge' }).click();
    await expect(confirm).toBeHidden();

    await expect(speakers.getByRole('option')).toHaveCount(1);
    await expect(q.speakerPane.getByText('Also known as')).toBeVisible();
    await expect(q.speakerPane.locator('.speaker-header__aliases')).toContainText(duplicate);
    const quotes = q.speakerPane.getByRole('list', { name: `Quotes by ${keep}` });
    await expect(quotes.getByRole('listitem')).toHaveCount(2);
    await expect(quotes).toContainText('We will be back on Monday.');
    await app.expectNoErrors();
  });

  test('edit a speaker: rename keeps the old name as an alias; aliases can be added and removed', async ({ app, api, page }) => {
    const q = new QuotesPages(app);
    const surname = uniqueSurname('Lindqvist');
    const title = uniqueTitle('Forest fires');
    const article = await api.createArticle({ title, text: `${title}. The season started early this year.` });
    await api.call('quotes.create', { articleId: article.id, text: 'The season started early', kind: 'direct', speaker: `Maja ${surname}` });
    await app.goTo('Speakers');
    await page.getByRole('searchbox', { name: 'Filter speakers' }).fill(surname);
    await expect(page.getByRole('listbox', { name: 'Speakers' }).getByRole('option')).toHaveCount(1);
    await page.getByRole('listbox', { name: 'Speakers' }).getByRole('option', { name: new RegExp(`^Maja ${surname}`) }).click();
    await q.speakerPane.getByRole('button', { name: 'Edit' }).click();
    const form = q.speakerPane.getByRole('form', { name: `Edit Maja ${surname}` });
    await form.getByLabel('Name', { exact: true }).fill(`Maja ${surname}-Berg`);
    await form.getByLabel('Role').fill('Fire chief');
    await form.getByLabel(/^Aliases/).fill(`Chief ${surname}`);
    await page.keyboard.press('Enter');
    await expect(form.getByRole('list', { name: 'Aliases' })).toContainText(`Chief ${surname}`);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(q.speakerPane.getByRole('heading', { name: `Maja ${surname}-Berg` })).toBeVisible();
    await expect(q.speakerPane).toContainText('Fire chief');
    const aliases = q.speakerPane.locator('.speaker-header__aliases');
    await expect(aliases).toContainText(`Maja ${surname}`);
    await expect(aliases).toContainText(`Chief ${surname}`);
    await app.expectNoErrors();
  });
});
