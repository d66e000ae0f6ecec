import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { AppError, isAppError } from '../../../shared/errors';
import { createServices } from '../../composition';
import { DB_FILE_NAME } from '../../db/open-database';
import type { AnySource } from '../../services/clip-service';
import { expandBulkSources } from '../../services/clip/load-input';
import { printJson, printJsonLine, printLines, progressLine } from '../output';
import type { CliRunner } from '../runner';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** CLI arguments → sources: URLs, "-", files, and folders expanded to their article files. */
async function toSources(args: string[], lists: string[]): Promise<AnySource[]> {
  const out: AnySource[] = [];
  for (const arg of args) {
    if (/^https?:\/\//i.test(arg)) out.push({ kind: 'url', url: arg });
    else if (arg !== '-' && fs.existsSync(arg) && fs.statSync(arg).isDirectory()) {
      for (const file of await expandBulkSources(arg)) out.push({ kind: 'file', path: file });
    } else out.push({ kind: 'file', path: arg });
  }
  for (const list of lists) {
    for (const entry of await expandBulkSources(list)) {
      out.push(/^https?:\/\//i.test(entry) ? { kind: 'url', url: entry } : { kind: 'file', path: entry });
    }
  }
  return out;
}

const label = (s: AnySource) => (s.kind === 'url' ? s.url : s.kind === 'file' ? s.path : `(pasted ${s.kind})`);

interface ClipCliOptions {
  url?: string;
  tag?: string[];
  collection?: string;
  list?: string[];
  allowPrivate?: boolean;
  concurrency: number;
  json?: boolean;
  jsonl?: boolean;
}

export function registerClip(program: Command, run: CliRunner): void {
  program
    .command('extract')
    .description('run the clip pipeline on files or URLs and print what it finds; stores nothing')
    .argument('<sources...>', 'files, URLs, or - for standard input')
    .option('--url <original>', 'the URL a file or stdin came from')
    .option('--allow-private', 'allow URLs on loopback or private addresses (an intranet page)')
    .option('--json', 'print one JSON document (an array)')
    .option('--jsonl', 'print one JSON object per input')
    .action(async (args: string[], o: { url?: string; allowPrivate?: boolean; json?: boolean; jsonl?: boolean }) => {
      const sources = await toSources(args, []);
      const results: unknown[] = [];
      let failed = 0;
      // Stores nothing, so it creates no library either: with none at the path, a scratch one
      // (deleted after) runs the pipeline; an existing one lends its settings and known speakers.
      const scratch = fs.existsSync(path.join(run.libraryDir(), DB_FILE_NAME)) ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-extract-'));
      const app = scratch ? createServices(scratch) : run.app();
      try {
        for (const source of sources) {
          try {
            const result = await app.services.clip.extract(source, { allowPrivateAddresses: o.allowPrivate, ...(o.url ? { url: o.url } : {}) });
            results.push(result);
            if (o.json) continue;
            if (o.jsonl) printJsonLine(result);
            else printLines([`${result.title}`, `  ${result.siteName ?? ''} ${result.publishedAt ?? ''} · ${result.wordCount} words · ${result.suggestedQuotes.length} quotes found`]);
          } catch (error) {
            if (!isAppError(error) || sources.length === 1) throw error;
            failed++;
            progressLine(`error: ${error.code}: ${label(source)}: ${error.message}`);
            if (o.jsonl) printJsonLine({ source: label(source), error: error.toInfo() });
          }
        }
      } finally {
        if (scratch) {
          app.close();
          fs.rmSync(scratch, { recursive: true, force: true });
        }
      }
      if (o.json) printJson(results);
      if (failed) process.exitCode = 1;
    });

  program
    .command('clip')
    .description('store files, URLs or stdin (-) as articles, each in its own transaction; folders clip their files')
    .argument('[sources...]', 'files, folders, URLs, or - for standard input')
    .option('--url <original>', 'the URL a file or stdin came from')
    .option('--tag <tag>', 'tag every new article (repeatable)', collect)
    .option('--collection <name>', 'add every new article to this collection')
    .option('--list <file>', 'also clip every URL in this file: one URL per line, or a browser bookmarks export (repeatable)', collect)
    .option('--allow-private', 'allow URLs on loopback or private addresses (an intranet page)')
    .option('--concurrency <n>', 'how many inputs to fetch at once', (v) => Math.max(1, Math.min(8, Number.parseInt(v, 10) || 3)), 3)
    .option('--json', 'print one JSON document (an array) at the end')
    .option('--jsonl', 'print one JSON object per input, after it is committed')
    .action(async (args: string[], o: ClipCliOptions) => {
      const sources = await toSources(args, o.list ?? []);
      if (sources.length === 0) throw new AppError('validation', 'Nothing to clip: give files, folders, URLs, - for standard input, or --list FILE.');
      const clip = run.app().services.clip;
      const controller = new AbortController();
      const onSignal = () => {
        progressLine('Cancelling: finishing the inputs in flight; everything already stored stays.');
        controller.abort();
      };
      process.once('SIGINT', onSignal);
      const results: unknown[] = [];
      let failed = 0;
      let done = 0;
      let lastError: AppError | null = null;
      let next = 0;
      const worker = async () => {
        while (next < sources.length && !controller.signal.aborted) {
          const index = next++;
          const source = sources[index]!;
          try {
            const r = await clip.clip(
              source,
              { tags: o.tag, collection: o.collection, allowPrivateAddresses: o.allowPrivate, ...(o.url ? { originalUrl: o.url } : {}) },
              { signal: controller.signal },
            );
            done++;
            progressLine(`[${done + failed}/${sources.length}] ${r.duplicate ? 'already stored' : r.updated ? `updated to version ${r.version}` : 'clipped'}: ${label(source)}`);
            results.push(r);
            if (o.jsonl) printJsonLine(r);
            else if (!o.json) printLines([`${r.id}  ${r.duplicate ? '(duplicate) ' : ''}${r.title}`]);
          } catch (error) {
            failed++;
            const e = isAppError(error) ? error : new AppError('internal', (error as Error).message);
            lastError = e;
            progressLine(`[${done + failed}/${sources.length}] error: ${e.code}: ${label(source)}: ${e.message}`);
            if (o.jsonl) printJsonLine({ source: label(source), error: e.toInfo() });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(o.concurrency, sources.length) }, worker));
      process.removeListener('SIGINT', onSignal);
      if (o.json) printJson(results);
      if (sources.length === 1 && lastError) throw lastError;
      if (sources.length > 1) progressLine(`${done} stored, ${failed} failed${controller.signal.aborted ? ', cancelled' : ''}.`);
      if (failed || controller.signal.aborted) process.exitCode = 1;
    });
}
