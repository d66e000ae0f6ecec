import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

test.describe('New article dialog', () => {
  test('saving without text shows a validation error and keeps the dialog open', async ({ app, clipDialog }) => {
    await app.newArticleButton.click();
    await clipDialog.expectOpen();
    await clipDialog.titleField.fill(uniqueTitle('Empty'));
    await clipDialog.save();

    const error = clipDialog.dialog.getByRole('alert');
    await expect(error).toContainText('cannot be empty');
    await expect(clipDialog.textField).toHaveAttribute('aria-invalid', 'true');
    await expect(clipDialog.textField).toBeFocused();
    await expect(clipDialog.dialog).toBeVisible();

    // Typing clears the error.
    await clipDialog.textField.fill('Now there is text.');
    await expect(error).toHaveCount(0);
  });

  test('is a labelled modal dialog that keeps the focus inside and closes with Esc', async ({ app, clipDialog, page }) => {
    await app.newArticleButton.click();
    await clipDialog.expectOpen();
    await expect(clipDialog.dialog).toHaveAttribute('aria-modal', 'true');
    await expect(clipDialog.dialog.getByRole('tab', { name: 'Paste' })).toHaveAttribute('aria-selected', 'true');

    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      const isInside = await clipDialog.dialog.evaluate((dialog) => dialog.contains(dialog.ownerDocument.activeElement));
      expect(isInside).toBe(true);
    }
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      const isInside = await clipDialog.dialog.evaluate((dialog) => dialog.contains(dialog.ownerDocument.activeElement));
      expect(isInside).toBe(true);
    }

    await page.keyboard.press('Escape');
    await expect(clipDialog.dialog).toBeHidden();
    await expect(app.newArticleButton).toBeFocused();
  });

  test('Markdown is accepted and rendered as formatted text', async ({ app, clipDialog }) => {
    const title = uniqueTitle('Markdown');
    await app.newArticleButton.click();
    await clipDialog.fill({ title, format: 'Markdown', text: '## Findings\n\nThe report is **clear**:\n\n- one\n- two' });
    await clipDialog.save();
    await expect(clipDialog.dialog).toBeHidden();
    await expect(app.readerHeading(title)).toBeVisible();
    await expect(app.reader.getByRole('heading', { name: 'Findings' })).toBeVisible();
    await expect(app.reader.getByRole('listitem')).toHaveCount(2);
  });
});
