import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

test('the inspector adds a tag and a collection to an article', async ({ app, api }) => {
  const title = uniqueTitle('Ferry timetable');
  await api.createArticle({ title, text: `${title}\n\nThe ferry will run every hour from May, the harbour office said.` });
  await app.openArticle(title);

  const tag = app.inspector.getByRole('combobox', { name: 'Add tag' });
  await tag.fill('transport');
  await tag.press('Enter');
  await expect(app.inspector.getByText('transport', { exact: true })).toBeVisible();
  await expect(tag).toHaveValue('');

  const collection = app.inspector.getByRole('combobox', { name: 'Add to collection' });
  await collection.fill('Harbour beat');
  await collection.press('Enter');
  await expect(app.inspector.getByText('Harbour beat').first()).toBeVisible();
});
