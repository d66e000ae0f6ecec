import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

test('a change made elsewhere a moment after one made in this page still shows in it', async ({ app, clipDialog, api }) => {
  // Both titles share a unique word, and the list is filtered by it: other specs add articles to
  // the same library meanwhile (thousands at a time), which would push these out of view.
  const run = uniqueTitle('Changes');
  const mine = `${run} written here`;
  const theirs = `${run} written elsewhere`;
  await app.filterArticles(run);
  await app.newArticleButton.click();
  await clipDialog.expectOpen();
  await clipDialog.titleField.fill(mine);
  await clipDialog.textField.fill(`${mine}: a few words written in this page, which refetches its views for them at once.`);
  await clipDialog.save();
  await expect(app.readerHeading(mine)).toBeVisible();
  // At once, from elsewhere (the CLI, another tab): its event must not be taken for the echo of
  // this page's own write (which this page no longer hears at all) and dropped.
  await api.createArticles([{ title: theirs, text: `${theirs}: a few words written elsewhere just after.` }]);
  await expect(app.articleList.getByRole('option', { name: new RegExp(theirs) })).toBeVisible();
  await expect(app.articleList.getByRole('option', { name: new RegExp(mine) })).toBeVisible();
  await app.expectNoErrors();
});
