import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { ClipTabs } from '../pages/clip-tabs';

test.describe('Clipping files', () => {
  test('an HTML file in a legacy encoding is decoded with its declared charset and clipped', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    const title = uniqueTitle('Café déjà vu');
    const html =
      `<!doctype html><html><head><meta charset="iso-8859-1"><title>${title}</title></head><body><article><h1>${title}</h1>` +
      `<p>${`Le café du port a rouvert ses portes après trois ans de travaux, à la grande joie des habitués (${title}). `.repeat(6)}</p></article></body></html>`;
    await clip.open(app, 'Files');
    await clip.fileInput.setInputFiles({ name: 'cafe.html', mimeType: 'text/html', buffer: Buffer.from(html, 'latin1') });
    await expect(clip.chosenFiles.getByRole('listitem', { name: 'cafe.html' })).toContainText('Web page');
    await clip.clipFilesButton().click();
    await expect(clip.dialog).toBeHidden();
    await expect(app.notifications.getByText(`Added “${title}”.`)).toBeVisible();
    await expect(app.articleOption(title)).toHaveAttribute('aria-selected', 'true');
    await expect(app.readerHeading(title)).toBeVisible();
    await expect(app.reader.getByText('Le café du port a rouvert ses portes après trois ans').first()).toBeVisible();
    await app.expectNoErrors();
  });

  test('several files clip with per-file results; a file of another kind is skipped', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    const first = uniqueTitle('Markdown minutes');
    const second = uniqueTitle('Plain memo');
    await clip.open(app, 'Files');
    await clip.fileInput.setInputFiles([
      { name: 'minutes.md', mimeType: 'text/markdown', buffer: Buffer.from(`# ${first}\n\nThe committee **agreed** on three points for ${first}:\n\n- budget\n- timing\n- review\n`) },
      { name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from(`${second}\n\nPlease send the figures for ${second} by Friday so the report can go out on Monday.`) },
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    ]);
    await expect(clip.chosenFiles.getByRole('listitem', { name: 'scan.pdf' })).toContainText('Not supported');
    await clip.clipFilesButton().click();
    await expect(clip.progress.getByText('2 / 2')).toBeVisible();
    await expect(clip.result('minutes.md')).toContainText(`Added: “${first}”`);
    await expect(clip.result('memo.txt')).toContainText('Added');
    await clip.result('minutes.md').getByRole('button', { name: `Open “${first}”` }).click();
    await expect(clip.dialog).toBeHidden();
    await expect(app.readerHeading(first)).toBeVisible();
    await expect(app.reader.getByRole('listitem')).toHaveCount(3);
    await app.expectNoErrors();
  });

  test('a chosen folder lists its articles, subfolders included, and leaves other files out', async ({ app, page }) => {
    const clip = new ClipTabs(page);
    const first = uniqueTitle('Folder note');
    const second = uniqueTitle('Nested memo');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-e2e-folder-'));
    try {
      fs.mkdirSync(path.join(dir, 'older'));
      fs.writeFileSync(path.join(dir, 'note.md'), `# ${first}\n\nThe harbour board met on Monday and agreed the ${first} timetable.\n`);
      fs.writeFileSync(path.join(dir, 'older', 'memo.txt'), `${second}\n\nThe ferry schedule for ${second} changes in spring, the operator said.`);
      fs.writeFileSync(path.join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      await clip.open(app, 'Files');
      await clip.dialog.getByLabel('Choose a folder…').setInputFiles(dir);
      await expect(clip.dialog.getByRole('status').filter({ hasText: 'from the folder' })).toHaveText('2 files to clip from the folder; 1 other file left out.');
      await expect(clip.chosenFiles.getByRole('listitem')).toHaveCount(2);
      await clip.clipFilesButton().click();
      await expect(clip.progress.getByText('2 / 2')).toBeVisible();
      await expect(clip.result('note.md')).toContainText(`Added: “${first}”`);
      await expect(clip.result('memo.txt')).toContainText(`Added: “${second}”`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await app.expectNoErrors();
  });
});
