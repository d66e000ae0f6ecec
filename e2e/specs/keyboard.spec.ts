import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

test.describe('keyboard', () => {
  test('arrows and j/k move through the list, Enter opens, Delete trashes', async ({ app, api, page }) => {
    const prefix = uniqueTitle('Keys');
    // Created oldest first; the list shows the newest first: C, B, A.
    for (const letter of ['A', 'B', 'C']) {
      await api.createArticle({ title: `${prefix} ${letter}`, text: `Body of article ${letter} (${prefix}) for keyboard navigation.` });
    }
    await app.filterArticles(prefix);
    await expect(app.articleList.getByRole('option')).toHaveCount(3);

    await app.articleOption(`${prefix} C`).click();
    await expect(app.articleList).toBeFocused();
    await expect(app.readerHeading(`${prefix} C`)).toBeVisible();

    await page.keyboard.press('j');
    await expect(app.selectedArticle()).toContainText(`${prefix} B`);
    await expect(app.readerHeading(`${prefix} B`)).toBeVisible();

    await page.keyboard.press('ArrowDown');
    await expect(app.selectedArticle()).toContainText(`${prefix} A`);

    await page.keyboard.press('k');
    await expect(app.selectedArticle()).toContainText(`${prefix} B`);

    await page.keyboard.press('ArrowUp');
    await expect(app.selectedArticle()).toContainText(`${prefix} C`);

    await page.keyboard.press('End');
    await expect(app.selectedArticle()).toContainText(`${prefix} A`);
    await page.keyboard.press('Home');
    await expect(app.selectedArticle()).toContainText(`${prefix} C`);

    // Enter moves into the reader (to scroll it with the keyboard).
    await page.keyboard.press('Enter');
    await expect(app.reader.getByRole('region', { name: `${prefix} C` })).toBeFocused();

    // Delete trashes the selected article, and the next one is selected.
    await app.articleList.focus();
    await page.keyboard.press('Delete');
    await expect(app.articleOption(`${prefix} C`)).toHaveCount(0);
    await expect(app.articleList.getByRole('option')).toHaveCount(2);
    await expect(app.selectedArticle()).toContainText(`${prefix} B`);
    await expect(app.readerHeading(`${prefix} B`)).toBeVisible();

    // Undo brings it back.
    await app.notifications.getByRole('button', { name: 'Undo' }).click();
    await expect(app.articleOption(`${prefix} C`)).toBeVisible();
    await app.expectNoErrors();
  });

  test('N opens the New article dialog, Esc closes it and the focus returns', async ({ app, clipDialog, page }) => {
    // Just opened: the focus is on the page itself, not in a text field.
    await page.keyboard.press('n');
    await clipDialog.expectOpen();
    await expect(clipDialog.titleField).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(clipDialog.dialog).toBeHidden();
  });

  test('Ctrl+V outside a text field opens New article with the clipboard text', async ({ app, clipDialog, page }) => {
    await expect(app.sidebar).toBeVisible();
    // A paste event carrying clipboard data, as Ctrl+V makes (the system clipboard needs permissions headless).
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Pasted paragraph one.\\n\\nPasted paragraph two.');
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await clipDialog.expectOpen();
    await expect(clipDialog.textField).toHaveValue('Pasted paragraph one.\n\nPasted paragraph two.');
    await expect(clipDialog.format('Plain text')).toBeChecked();
    await expect(clipDialog.textField).toBeFocused();
    await clipDialog.cancelButton.click();
    await expect(clipDialog.dialog).toBeHidden();
  });

  test('/ and Ctrl+F focus the search field, which shows search results', async ({ app, page }) => {
    await page.keyboard.press('/');
    await expect(app.searchField).toBeFocused();
    await page.keyboard.type('harbour');
    await expect(page.getByRole('region', { name: 'Search results' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(app.searchField).toHaveValue('');
    await expect(page.getByRole('region', { name: 'Search results' })).toHaveCount(0);
    await expect(app.searchField).not.toBeFocused();

    await page.keyboard.press('Control+f');
    await expect(app.searchField).toBeFocused();
  });
});
