import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { ExchangePage } from '../pages/exchange-page';
import { writeLargeLibraryExport } from '../../test/helpers/golden-library';

test('export the library as JSON, then import a BibTeX file', async ({ app, api, page }) => {
  const exchange = new ExchangePage(page);
  const title = uniqueTitle('Export me');
  await api.createArticle({ title, text: '"Ports matter," said the harbour master.' });
  const out = join(tmpdir(), `sourcebook-e2e-export-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);

  try {
    await test.step('export the whole library as JSON and see the result', async () => {
      await exchange.openExport();
      await expect(exchange.exportPreview).toContainText('the whole library');
      await exchange.exportTo({ format: 'JSON', out });
      await expect(exchange.exportStatus).toContainText(/Exported [\d,]+ articles?/);
      await expect(exchange.exportStatus).toContainText('1 file written');
      expect(existsSync(out)).toBe(true);
      const parsed = JSON.parse(readFileSync(out, 'utf8')) as unknown;
      expect(JSON.stringify(parsed)).toContain(title);
      await exchange.exportDialog.getByRole('button', { name: 'Done' }).click();
      await expect(exchange.exportDialog).toBeHidden();
    });

    await test.step('import that JSON export back (uploaded to the server, read record by record): everything merges', async () => {
      await exchange.openImport();
      await exchange.importFile('library.json', readFileSync(out, 'utf8'), 'application/json');
      await expect(exchange.importReport).toBeVisible();
      const text = (await exchange.importReport.textContent()) ?? '';
      expect(text).toContain('Imported Sourcebook JSON');
      // (Other specs share this library: what they purged meanwhile may come back as created.)
      expect(Number(/([\d,]+) merged/.exec(text)?.[1]?.replace(/,/g, '') ?? '0')).toBeGreaterThanOrEqual(1);
      await exchange.importDialog.getByRole('button', { name: 'Done' }).click();
      await expect(exchange.importDialog).toBeHidden();
    });

    await test.step('import a BibTeX file and see the report', async () => {
      const key = `e2e${Date.now()}`;
      const bibTitle = uniqueTitle('Harbours of the North Sea');
      const bib = `@article{${key},\n  title = {${bibTitle}},\n  author = {Doe, Jane},\n  journal = {Maritime Review},\n  year = {2021},\n  url = {https://example.org/${key}}\n}\n`;
      await exchange.openImport();
      await exchange.importFile(`${key}.bib`, bib);
      await expect(exchange.importReport).toBeVisible();
      const text = (await exchange.importReport.textContent()) ?? '';
      const created = Number(/([\d,]+) created/.exec(text)?.[1]?.replace(/,/g, '') ?? '0');
      expect(created).toBeGreaterThanOrEqual(1);
      await exchange.importDialog.getByRole('button', { name: 'Done' }).click();
      await expect(exchange.importDialog).toBeHidden();
      await expect(app.errorToasts).toBeEmpty();
    });
  } finally {
    rmSync(out, { force: true });
  }
});

test('a library export over 1 MB imports on the server\'s worker thread, through the dialog', async ({ app, page }) => {
  const exchange = new ExchangePage(page);
  const file = join(tmpdir(), `sourcebook-e2e-large-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  // 40 articles of ~40 KB of HTML each (~1.7 MB): past the size from which the app imports on a worker.
  writeLargeLibraryExport(file, 40, 40 * 1024);
  try {
    await exchange.openImport();
    await exchange.importFile('large-library.json', readFileSync(file, 'utf8'), 'application/json');
    await expect(exchange.importReport).toBeVisible({ timeout: 30_000 });
    const text = (await exchange.importReport.textContent()) ?? '';
    expect(text).toContain('Imported Sourcebook JSON');
    // Created the first time; merged if this spec runs again on the same library.
    const count = (word: string) => Number(new RegExp(`([\\d,]+) ${word}`).exec(text)?.[1]?.replace(/,/g, '') ?? '0');
    expect(count('created') + count('merged')).toBeGreaterThanOrEqual(80);
    await exchange.importDialog.getByRole('button', { name: 'Done' }).click();
    await expect(exchange.importDialog).toBeHidden();
    await expect(app.errorToasts).toBeEmpty();
  } finally {
    rmSync(file, { force: true });
  }
});
