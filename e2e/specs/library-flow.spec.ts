import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

// The first-run flow needs an empty library, so it has a server of its own.
test.use({ library: 'pristine' });

test('empty library → paste an article → read it → trash it → restore it → delete it forever', async ({ app, clipDialog, trash, page }) => {
  const title = uniqueTitle('Harbour expansion vote');
  const body = 'The council voted 7 to 2 on Tuesday to expand the harbour.\n\n"This is the biggest investment in a generation," said the mayor.';

  await test.step('the empty library says what to do', async () => {
    await expect(page.getByText('No articles yet.')).toBeVisible();
    await expect(page.getByText(/Paste an article with Ctrl\s*\+\s*V or New article \(N\)/)).toBeVisible();
  });

  await test.step('create an article from pasted text', async () => {
    await app.newArticleButton.click();
    await clipDialog.expectOpen();
    await clipDialog.fill({ title, text: body, format: 'Plain text' });
    await clipDialog.save();
    await expect(clipDialog.dialog).toBeHidden();
  });

  await test.step('it is in the list, selected, and in the reader', async () => {
    await expect(app.articleOption(title)).toBeVisible();
    await expect(app.articleOption(title)).toHaveAttribute('aria-selected', 'true');
    await expect(app.readerHeading(title)).toBeVisible();
    await expect(app.reader.getByText('biggest investment in a generation')).toBeVisible();
    await expect(app.inspector.getByText('paste', { exact: true })).toBeVisible();
  });

  await test.step('move it to the trash', async () => {
    await app.readerTrashButton().click();
    await expect(app.articleOption(title)).toHaveCount(0);
    await expect(app.notifications.getByText(`Moved “${title}” to the trash`)).toBeVisible();
    await expect(page.getByText('No articles yet.')).toBeVisible();
  });

  await test.step('restore it from the Trash view', async () => {
    await app.goTo('Trash');
    await expect(trash.entry(title)).toBeVisible();
    await trash.restore(title);
    await expect(trash.entry(title)).toHaveCount(0);
    await expect(page.getByText('The trash is empty.')).toBeVisible();
    await app.goTo('All articles');
    await expect(app.articleOption(title)).toBeVisible();
  });

  await test.step('delete it forever, after confirming', async () => {
    await app.articleOption(title).click();
    await expect(app.readerHeading(title)).toBeVisible();
    await page.keyboard.press('Delete');
    await expect(app.articleOption(title)).toHaveCount(0);
    await app.goTo('Trash');
    await trash.entry(title).getByRole('button', { name: 'Delete forever' }).click();
    await expect(trash.confirmDialog).toBeVisible();
    // The safe choice has the focus.
    await expect(trash.confirmDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await trash.confirmDialog.getByRole('button', { name: 'Delete forever' }).click();
    await expect(trash.confirmDialog).toBeHidden();
    await expect(page.getByText('The trash is empty.')).toBeVisible();
    await app.goTo('All articles');
    await expect(page.getByText('No articles yet.')).toBeVisible();
  });

  await app.expectNoErrors();
});
