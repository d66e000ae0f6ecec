import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ProgressEvent } from '../../api/handler-types';
import { createServices } from '../../composition';
import { useTempPerTest, type TempLibrary } from '../../../test/helpers/temp-library';
import { GOLDEN_LIBRARY_JSON, writeLargeLibraryExport } from '../../../test/helpers/golden-library';
import { ExchangeJobs, type JobSizes } from './exchange-jobs';

/**
 * Exports and imports on worker threads (exchange-jobs.ts), as the app and browser mode run the
 * big ones: real libraries, real workers (built from the sources), the same router.
 */

const { library, scratch } = useTempPerTest('sourcebook-jobs-');
/** Every job to a worker, whatever its size. */
const EVERY_JOB: JobSizes = { articles: 0, importBytes: 0 };

/** Gives the library's services exchange jobs (as `exchangeWorkers: true` does), with test sizes. */
function withJobs(l: TempLibrary, options: ConstructorParameters<typeof ExchangeJobs>[1] = { from: EVERY_JOB }): ExchangeJobs {
  const jobs = new ExchangeJobs(l.app.library, options);
  l.app.services.exchangeJobs = jobs;
  return jobs;
}

/** A library holding the golden export's records. */
async function goldenLibrary(): Promise<TempLibrary> {
  const l = library();
  await l.ok('import.run', { path: GOLDEN_LIBRARY_JSON });
  return l;
}

/** An export's text without its time of export (the worker's clock is the real one, the test library's a stepping one). */
const withoutExportTime = (text: string) => text.replace(/("exportedAt": "|exported: "?|[Ee]xported )\d{4}-[\d\-T:.]+Z/g, '$1(time)');
const read = (file: string) => withoutExportTime(fs.readFileSync(file, 'utf8'));

describe('exports on a worker', () => {
  it('write what the same export writes in-process, with its progress, and the report reads the same', async () => {
    const l = await goldenLibrary();
    const dir = scratch();
    const jobs = withJobs(l);
    const here = vi.fn(async () => null);
    const progress: ProgressEvent[] = [];
    const onWorker = await jobs.run('export.run', { format: 'json', out: path.join(dir, 'worker.json'), force: false }, { onProgress: (e) => progress.push(e) }, here);
    expect(here).not.toHaveBeenCalled();
    expect(onWorker).toMatchObject({ format: 'json', counts: { articles: 5, quotes: 7 } });
    // The start, percent steps of its articles written (one at most every 200 ms), the end.
    expect([progress[0], progress.at(-1)].map((e) => [e!.task, e!.done, e!.total])).toEqual([['export', 0, 1], ['export', 1, 1]]);
    expect(progress.slice(1, -1).length).toBeGreaterThan(0);
    expect(progress.slice(1, -1).every((e) => e.task === 'export' && e.total === 100 && e.done < 100)).toBe(true);

    // Through the router: a folder format and the report.
    const mdOnWorker = await l.ok('export.run', { format: 'md', out: path.join(dir, 'md-worker') });
    const reportOnWorker = await l.ok('export.report.get', {});

    l.app.services.exchangeJobs = null;
    await l.ok('export.run', { format: 'json', out: path.join(dir, 'here.json') });
    const mdHere = await l.ok('export.run', { format: 'md', out: path.join(dir, 'md-here') });
    const reportHere = await l.ok('export.report.get', {});
    jobs.close();

    expect(read(path.join(dir, 'worker.json'))).toBe(read(path.join(dir, 'here.json')));
    expect(mdOnWorker.files).toEqual(mdHere.files);
    for (const file of mdHere.files) expect(read(path.join(dir, 'md-worker', file)), file).toBe(read(path.join(dir, 'md-here', file)));
    expect({ ...reportOnWorker, html: withoutExportTime(reportOnWorker.html) }).toEqual({ ...reportHere, html: withoutExportTime(reportHere.html) });
    expect(reportHere.html).not.toBe(withoutExportTime(reportHere.html));
  });

  it('fail as they fail in-process (the same error, code and details)', async () => {
    const l = await goldenLibrary();
    const taken = path.join(scratch(), 'taken.json');
    fs.writeFileSync(taken, 'someone else’s file');
    const jobs = withJobs(l);
    const onWorker = await l.fail('export.run', { format: 'json', out: taken });
    const unknownTopic = await l.fail('export.run', { format: 'html', out: path.join(scratch(), 'r.html'), topic: 'No such topic' });
    jobs.close();
    l.app.services.exchangeJobs = null;
    expect(onWorker).toEqual(await l.fail('export.run', { format: 'json', out: taken }));
    expect(unknownTopic).toEqual(await l.fail('export.run', { format: 'html', out: path.join(scratch(), 'r.html'), topic: 'No such topic' }));
    expect(fs.readFileSync(taken, 'utf8')).toBe('someone else’s file');
  });
});

describe('an import on a worker', () => {
  it('brings the same records as in-process; a write made meanwhile waits for it (the thread free), reads go on', async () => {
    const l = library();
    withJobs(l);
    const progress: ProgressEvent[] = [];
    const order: string[] = [];
    const importing = l.dispatch('import.run', { path: GOLDEN_LIBRARY_JSON }, { onProgress: (e) => progress.push(e) }).finally(() => order.push('import'));
    const writing = l.dispatch('articles.create', { title: 'Harbour tolls', text: 'The harbour raised its tolls.' }).finally(() => order.push('write'));
    await l.ok('articles.list', {});
    order.push('read');

    const [report, written] = await Promise.all([importing, writing]);
    expect(order).toEqual(['read', 'import', 'write']);
    expect(report.ok && written.ok).toBe(true);
    expect(progress.at(-1)).toMatchObject({ task: 'import', done: 1, total: 1, errors: 0 });
    const here = library();
    const reportHere = await here.ok('import.run', { path: GOLDEN_LIBRARY_JSON });
    expect(report.ok && report.value).toEqual(reportHere);
    // The app's own connection sees what the worker committed, and the write made meanwhile.
    const listed = await l.ok('articles.list', {});
    expect(listed.total).toBe((await here.ok('articles.list', {})).total + 1);
  });

  it('that outlasts a write\'s wait gets the write refused, as does a second import; reads go on', async () => {
    const l = library();
    withJobs(l, { from: EVERY_JOB, writeWaitMs: 0 });
    const importing = l.dispatch('import.run', { path: GOLDEN_LIBRARY_JSON });
    const refused = await l.fail('articles.create', { title: 'Harbour tolls', text: 'The harbour raised its tolls.' });
    expect(refused).toMatchObject({ code: 'conflict', details: { busy: 'import' } });
    expect(refused.message).toMatch(/import is running/);
    expect(await l.fail('import.run', { path: GOLDEN_LIBRARY_JSON })).toMatchObject({ code: 'conflict' });
    await l.ok('articles.list', {});
    expect((await importing).ok).toBe(true);
    await l.ok('articles.create', { title: 'Harbour tolls', text: 'The harbour raised its tolls.' });
  });

  it('that fails reports the file\'s error as in-process does, and imports nothing', async () => {
    const broken = path.join(scratch(), 'broken.json');
    fs.writeFileSync(broken, fs.readFileSync(GOLDEN_LIBRARY_JSON, 'utf8').replace('"quotes": [', '"quotes": [,'));
    const l = library();
    withJobs(l);
    const onWorker = await l.fail('import.run', { path: broken });
    expect(onWorker.code).toBe('import/invalid');
    l.app.services.exchangeJobs?.close();
    l.app.services.exchangeJobs = null;
    expect(onWorker).toEqual(await l.fail('import.run', { path: broken }));
    expect((await l.ok('articles.list', {})).total).toBe(0);
  });

  it('stopped mid-way (the library closing) commits nothing and leaves the library writable', async () => {
    const big = path.join(scratch(), 'big.json');
    // 1,600 records: about a second of merging here, several progress events (one per 200 ms at most).
    writeLargeLibraryExport(big, 800, 16 * 1024);
    const l = library();
    const jobs = withJobs(l);
    let merging!: (value: string) => void;
    const merge = new Promise<string>((resolve) => (merging = resolve));
    // Stopped once the merge is under way (its progress past the check, which is the first half).
    const importing = l.dispatch('import.run', { path: big }, { onProgress: (e) => e.done > 50 && e.done < 100 && merging('merging') });
    expect(await Promise.race([merge, importing.then(() => 'finished before a progress event of the merge')])).toBe('merging');
    jobs.close();
    const result = await importing;
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!result.ok && result.error.message).toMatch(/import stopped before it finished .*nothing of it was imported/);

    // Nothing of it is in the library, and the app's connection (and another process's) writes.
    l.app.services.exchangeJobs = null;
    expect((await l.ok('articles.list', {})).total).toBe(0);
    await l.ok('articles.create', { title: 'Harbour tolls', text: 'The harbour raised its tolls.' });
    const other = createServices(l.dir);
    try {
      expect(other.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
      expect(other.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      other.close();
    }
  });
});

describe('stopping an import on a worker (import.stop)', () => {
  /** Starts importing a large export and stops it at the first progress event that `when` accepts. */
  async function stopWhen(when: (e: ProgressEvent) => boolean) {
    const big = path.join(scratch(), 'big.json');
    writeLargeLibraryExport(big, 800, 16 * 1024);
    const l = library();
    withJobs(l);
    let stopped: Promise<unknown> | null = null;
    const result = await l.dispatch('import.run', { path: big }, { onProgress: (e) => void (when(e) && (stopped ??= l.ok('import.stop', {}))) });
    return { l, result, stopped: await stopped };
  }

  for (const [phase, when] of [
    ['while the file is checked', (e: ProgressEvent) => e.done < 50],
    ['during the merge', (e: ProgressEvent) => e.done > 50 && e.done < 100],
  ] as const) {
    it(`${phase}: the import fails as cancelled, nothing of it is imported, the library stays writable`, async () => {
      const { l, result, stopped } = await stopWhen(when);
      expect(stopped).toEqual({ stopping: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(!result.ok && result.error.message).toMatch(/stopped; nothing of it was imported/);
      expect((await l.ok('articles.list', {})).total).toBe(0);
      await l.ok('articles.create', { title: 'Harbour tolls', text: 'The harbour raised its tolls.' });
    });
  }

  it('with no import under way says so, and an export under way goes on', async () => {
    const l = await goldenLibrary();
    withJobs(l);
    const exporting = l.ok('export.run', { format: 'json', out: path.join(scratch(), 'lib.json') });
    expect(await l.ok('import.stop', {})).toEqual({ stopping: false });
    expect((await exporting).counts.articles).toBeGreaterThan(0);
  });
});

describe('stopping an export on a worker (export.stop)', () => {
  /** Starts `export.run`, asks export.stop until a worker has the export (it stops at its first step), and gives the result. */
  async function exportStopped(l: TempLibrary, input: Record<string, unknown>) {
    const exporting = l.dispatch('export.run', input);
    for (let tries = 0; !(await l.ok('export.stop', {})).stopping; tries++) {
      if (tries > 500) throw new Error('no export reached a worker');
      await new Promise((r) => setTimeout(r, 10));
    }
    return exporting;
  }

  it('a file export fails as cancelled and leaves no file, nor changes the one it would have replaced', async () => {
    const l = await goldenLibrary();
    withJobs(l);
    const dir = scratch();
    const result = await exportStopped(l, { format: 'json', out: path.join(dir, 'library.json') });
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(!result.ok && result.error.message).toMatch(/export was stopped; no file was written/);
    fs.writeFileSync(path.join(dir, 'report.html'), 'the earlier report');
    expect(await exportStopped(l, { format: 'html', out: path.join(dir, 'report.html'), force: true })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // Neither file nor any half-written temporary one.
    expect(fs.readdirSync(dir)).toEqual(['report.html']);
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toBe('the earlier report');
    // The next export runs to its end.
    expect((await l.ok('export.run', { format: 'json', out: path.join(dir, 'library.json') })).counts.articles).toBe(5);
  });

  it('a folder export says the folder may hold part of it, and exporting again completes it', async () => {
    const l = await goldenLibrary();
    const jobs = withJobs(l);
    const dir = scratch();
    const result = await exportStopped(l, { format: 'md', out: path.join(dir, 'vault') });
    expect(!result.ok && result.error.message).toMatch(/export was stopped; the folder may hold part of it/);
    const again = await l.ok('export.run', { format: 'md', out: path.join(dir, 'vault') });
    l.app.services.exchangeJobs = null;
    const here = await l.ok('export.run', { format: 'md', out: path.join(dir, 'here') });
    jobs.close();
    expect(again.files).toEqual(here.files);
    for (const file of here.files) expect(read(path.join(dir, 'vault', file)), file).toBe(read(path.join(dir, 'here', file)));
  });

  it('with no export under way says so, and an import under way goes on', async () => {
    const l = library();
    withJobs(l);
    const importing = l.ok('import.run', { path: GOLDEN_LIBRARY_JSON });
    expect(await l.ok('export.stop', {})).toEqual({ stopping: false });
    expect((await importing).created).toBeGreaterThan(0);
  });
});

describe('which jobs go to a worker', () => {
  it('small ones stay on the caller\'s thread; a worker that cannot start leaves the job there too, said once', async () => {
    const l = await goldenLibrary();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const missing = new URL('file:///nonexistent/exchange-worker.mjs');
      // The app's sizes: a 5-article library and a 40 KB file are small, so no worker is tried.
      const small = withJobs(l, { entry: missing });
      const here = vi.fn(async () => 'here');
      expect(await small.run('export.run', { format: 'json', out: path.join(scratch(), 'x.json'), force: false }, {}, here)).toBe('here');
      expect(await small.run('import.run', { path: GOLDEN_LIBRARY_JSON }, {}, here)).toBe('here');
      expect(stderr).not.toHaveBeenCalled();

      const unstartable = withJobs(l, { entry: missing, from: EVERY_JOB });
      const dir = scratch();
      await l.ok('export.run', { format: 'json', out: path.join(dir, 'a.json') });
      await l.ok('export.run', { format: 'csv', out: path.join(dir, 'csv') });
      expect(fs.existsSync(path.join(dir, 'a.json')) && fs.existsSync(path.join(dir, 'csv', 'quotes.csv'))).toBe(true);
      const told = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('exchange worker'));
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/run on the app's thread/);
      unstartable.close();
      small.close();
    } finally {
      stderr.mockRestore();
    }
  });
});
