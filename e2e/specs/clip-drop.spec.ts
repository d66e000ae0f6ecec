import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { ClipTabs } from '../pages/clip-tabs';

type Payload = { types: Record<string, string>; file?: { name: string; type: string; text: string } };

/**
 * A drag from another application, as the page sees it: dragover then drop on the reader, with a
 * DataTransfer built in the page (Playwright's mouse cannot carry data in from outside the window).
 */
async function dropOnWindow(page: Page, payload: Payload): Promise<void> {
  await page.evaluate(async ({ types, file }) => {
    window.clearInterval((window as { heldDrag?: number }).heldDrag);
    const data = new DataTransfer();
    for (const [type, value] of Object.entries(types)) data.setData(type, value);
    if (file) data.items.add(new File([file.text], file.name, { type: file.type }));
    const target = document.querySelector('main') ?? document.body;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, payload);
}

test.describe('Drag and drop, and pasting a link', () => {
  test('dropping an HTML selection clips it and announces the result', async ({ app, page }) => {
    const title = uniqueTitle('Dropped selection');
    // Held over the window: dragover repeats, as a browser sends it while the pointer moves or
    // rests (the overlay hides after 200 ms without one, which a single event raced on a busy
    // machine). dropOnWindow stops it.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<p>x</p>');
      const dragOver = () => window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      dragOver();
      (window as { heldDrag?: number }).heldDrag = window.setInterval(dragOver, 50);
    });
    await expect(page.getByText('Drop to clip the selection', { exact: true })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Drop to clip the selection into Sourcebook.' })).toBeAttached();
    await dropOnWindow(page, {
      types: {
        'text/html': `<h1>${title}</h1><p>The minister said on Friday that the ferry timetable (${title}) would be restored before the summer season begins.</p><p>"We heard the islanders," she said.</p>`,
        'text/plain': `${title} The minister said…`,
      },
    });
    await expect(page.getByText('Drop to clip the selection', { exact: true })).toBeHidden();
    await expect(app.notifications.getByText(`Added “${title}”.`)).toBeVisible();
    await expect(app.readerHeading(title)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Added “${title}”.` }).first()).toBeAttached();
    await app.expectNoErrors();
  });

  test('dropping a Markdown file clips it', async ({ app, page }) => {
    const title = uniqueTitle('Dropped notes');
    await dropOnWindow(page, { types: {}, file: { name: 'notes.md', type: 'text/markdown', text: `# ${title}\n\nThree **findings** from the hearing on ${title}:\n\n- one\n- two\n- three\n` } });
    await expect(app.notifications.getByText(`Added “${title}”.`)).toBeVisible();
    await expect(app.readerHeading(title)).toBeVisible();
  });

  test('a dropped folder clips the web pages and text files in it and its subfolders, and says what it left out', async ({ app, page }) => {
    // A real folder from disk, dropped through the DevTools protocol (a DataTransfer made in the page
    // cannot hold a folder).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-dropped-folder-'));
    const pageTitle = uniqueTitle('Folder page');
    const notesTitle = uniqueTitle('Folder notes');
    fs.writeFileSync(path.join(dir, 'page.html'), `<html><head><title>${pageTitle}</title></head><body><h1>${pageTitle}</h1><p>The council met on Monday to approve the tram budget.</p></body></html>`);
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'notes.md'), `# ${notesTitle}\n\nThe depot opens in June, the operator said.\n`);
    fs.writeFileSync(path.join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    try {
      const box = (await page.getByRole('main').boundingBox())!;
      const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const cdp = await page.context().newCDPSession(page);
      const data = { items: [], files: [dir], dragOperationsMask: 1 };
      for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
      await expect(app.notifications.getByText('2 files to clip from the dropped folder; 1 other file left out.')).toBeVisible();
      await expect(app.notifications.getByText('Clipped 2 articles from the drop.')).toBeVisible();
      await expect(app.articleOption(pageTitle)).toBeVisible();
      await expect(app.articleOption(notesTitle)).toBeVisible();
      await app.expectNoErrors();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a dropped local link and a pasted link open the URL tab to confirm', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    const local = 'http://127.0.0.1:9/some-intranet-page';
    await dropOnWindow(page, { types: { 'text/uri-list': local, 'text/plain': local } });
    await expect(clip.tab('URL')).toHaveAttribute('aria-selected', 'true');
    await expect(clip.urlField).toHaveValue(local);
    await expect(app.notifications.getByText(/Tick “Allow local\/private addresses” to clip it/)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(clip.dialog).toBeHidden();

    // Ctrl+V of a web address with the focus outside any text field offers to clip it.
    const url = 'https://news.example/2026/05/ferry-timetable';
    await app.articleList.or(page.getByRole('main')).first().focus();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, url);
    await expect(clip.tab('URL')).toHaveAttribute('aria-selected', 'true');
    await expect(clip.urlField).toHaveValue(url);
  });
});
