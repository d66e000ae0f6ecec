import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { AppPage } from '../pages/app-page';
import { NotesPage } from '../pages/notes-page';

interface Made {
  articleId: string;
  articleTitle: string;
  quoteId: string;
  word: string;
  quoteText: string;
}

/** An article with a quote (a unique word in it, for the picker) said by a speaker with a role and a stance. */
async function makeQuote(api: import('../fixtures/api').Api): Promise<Made> {
  const word = `zephyr${Math.random().toString(36).slice(2, 8)}`;
  const quoteText = `The ${word} line will open next spring`;
  const articleTitle = uniqueTitle('Transit plan');
  const article = await api.createArticle({ title: articleTitle, text: `The city announced plans. "${quoteText}," said Ana Silva. Others doubted it.`, url: 'https://news.example.com/transit' });
  const quote = await api.call<{ id: string }>('quotes.create', { articleId: article.id, text: quoteText, speaker: `Ana Silva ${word}`, speakerRole: 'Transport minister' });
  await api.call('stances.set', { subjectType: 'quote', subjectId: quote.id, topic: `Open the ${word} line`, value: 'supports' });
  return { articleId: article.id, articleTitle, quoteId: quote.id, word, quoteText };
}

test('write a note, embed a quote with [[, reload: the embed is rendered live', async ({ app, api, page }) => {
  const notes = new NotesPage(page);
  const made = await makeQuote(api);
  const title = uniqueTitle('Memo');

  await test.step('type in the editor and embed the quote from the picker', async () => {
    await notes.open();
    await notes.newNote(title);
    await notes.typeAtEnd('Who backs the new line?\n\n');
    await notes.embed(made.word, made.quoteText);
    await expect(notes.quoteCard(made.quoteText)).toBeVisible();
    await notes.expectSaved();
  });

  await test.step('after a reload the note shows the quote with speaker, role, stance and source', async () => {
    await page.reload();
    await notes.open();
    await notes.openNote(title);
    const card = notes.quoteCard(made.quoteText);
    await expect(card).toBeVisible();
    await expect(card).toContainText(`Ana Silva ${made.word}`);
    await expect(card).toContainText('Transport minister');
    await expect(card.locator('[data-stance="supports"]')).toContainText('Supports');
    await expect(card.getByRole('link', { name: /news\.example\.com/ })).toHaveAttribute('href', 'https://news.example.com/transit');
    const saved = await api.call<{ body: string }>('notes.get', { id: await noteIdByTitle(api, title) });
    expect(saved.body).toContain(`![[quote:${made.quoteId}]]`);
  });

  await test.step('changing the quote’s speaker elsewhere updates the embed', async () => {
    await api.call('quotes.update', { id: made.quoteId, speaker: `Rui Moreira ${made.word}`, speakerRole: 'Former mayor' });
    await expect(notes.quoteCard(made.quoteText)).toContainText(`Rui Moreira ${made.word}`);
    await expect(notes.quoteCard(made.quoteText)).toContainText('Former mayor');
  });

  await test.step('a trashed quote shows as missing, and Restore brings it back', async () => {
    await api.call('items.trash', { id: made.quoteId });
    await expect(notes.missing('quote')).toBeVisible();
    await expect(notes.missing('quote')).toContainText('It is in the trash');
    await notes.missing('quote').getByRole('button', { name: 'Restore from trash' }).click();
    await expect(notes.quoteCard(made.quoteText)).toBeVisible();
    await expect(notes.missing('quote')).toHaveCount(0);
  });

  await test.step('the article’s inspector lists the note', async () => {
    // The card's source opens the quote in its article, with the inspector beside it.
    await notes.quoteCard(made.quoteText).getByRole('button', { name: made.articleTitle }).click();
    await expect(app.readerHeading(made.articleTitle)).toBeVisible();
    await expect(app.inspector.getByRole('region', { name: 'Notes citing this' }).getByRole('button', { name: title })).toBeVisible();
  });
  await app.expectNoErrors();
});

test('a save that races another window shows both versions and keeps the chosen text', async ({ app, api, page }) => {
  const notes = new NotesPage(page);
  const title = uniqueTitle('Shared memo');
  const created = await api.call<{ id: string }>('notes.create', { title, body: 'First line.' });
  await expect(app.sidebar).toBeVisible();
  await notes.open();
  await notes.openNote(title);
  await api.call('notes.update', { id: created.id, body: 'First line.\nAdded in another window.' });
  await notes.typeAtEnd(' Mine.');
  const conflict = page.getByRole('alert', { name: 'Conflicting versions' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('textbox', { name: 'Stored version' })).toContainText('Added in another window.');
  await expect(conflict.getByRole('textbox', { name: 'Your version' })).toContainText('First line. Mine.');
  await conflict.getByRole('button', { name: 'Keep the right side' }).click();
  await notes.expectSaved();
  expect((await api.call<{ body: string }>('notes.get', { id: created.id })).body).toBe('First line. Mine.');
});

test('text typed while saving fails survives a crashed tab as a draft to restore', async ({ app, api, page, origin }) => {
  const notes = new NotesPage(page);
  const title = uniqueTitle('Offline memo');
  const created = await api.call<{ id: string }>('notes.create', { title, body: 'Stored.' });
  await expect(app.sidebar).toBeVisible();
  await notes.open();
  await notes.openNote(title);
  // The library stops answering saves (a crash, a lost connection).
  await page.route('**/api/notes.update', (route) => route.abort());
  await notes.typeAtEnd(' Never confirmed.');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not save' })).toBeVisible();
  // Then the tab dies, running no handler (a reload would try one last save, which Playwright lets
  // through while the page navigates: that would test the network, not the draft).
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => {}); // never answers: the tab is gone
  await crashed;
  expect((await api.call<{ body: string }>('notes.get', { id: created.id })).body).toBe('Stored.');

  const next = await page.context().newPage();
  const reopened = new AppPage(next, origin);
  await reopened.open();
  const notesAgain = new NotesPage(next);
  await notesAgain.open();
  await notesAgain.list.getByRole('option', { name: new RegExp(title) }).click();
  const offer = next.getByRole('alert').filter({ hasText: 'never saved' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Restore unsaved text' }).click();
  await notesAgain.expectSaved();
  expect((await api.call<{ body: string }>('notes.get', { id: created.id })).body).toBe('Stored. Never confirmed.');
});

async function noteIdByTitle(api: import('../fixtures/api').Api, title: string): Promise<string> {
  const page = await api.call<{ items: { id: string; title: string }[] }>('notes.list', { contains: title, limit: 5 });
  const found = page.items.find((n) => n.title === title);
  if (!found) throw new Error(`no note titled ${title}`);
  return found.id;
}
