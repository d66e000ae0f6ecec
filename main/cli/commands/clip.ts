import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { printJson, printJsonLine, printLines, progressLine } from '../output';
import type { CliRunner } from '../runner';

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function readSource(source: string): Promise<{ body: string; kind: 'text' | 'markdown' | 'html' }> {
  const body = source === '-' ? await readStdin() : readFile(source);
  const ext = source === '-' ? '' : path.extname(source).toLowerCase();
  const kind = ext === '.md' || ext === '.markdown' ? 'markdown' : ext === '.html' || ext === '.htm' || /^\s*<(!doctype|html)/i.test(body) ? 'html' : 'text';
  return { body, kind };
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('not-found', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { path: file });
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

export function registerClip(program: Command, run: CliRunner): void {
  program
    .command('clip')
    .description('store files (HTML, Markdown, text) or stdin (-) as articles, each in its own transaction')
    .argument('<sources...>', 'files, or - for standard input')
    .option('--url <original>', 'the URL the content came from')
    .option('--tag <tag>', 'tag every new article (repeatable)', collect)
    .option('--collection <name>', 'add every new article to this collection')
    .option('--json', 'print one JSON document (an array)')
    .option('--jsonl', 'print one JSON object per input, after it is committed')
    .action(async (sources: string[], o: { url?: string; tag?: string[]; collection?: string; json?: boolean; jsonl?: boolean }) => {
      const results: unknown[] = [];
      let failed = 0;
      for (const [index, source] of sources.entries()) {
        progressLine(`[${index + 1}/${sources.length}] ${source}`);
        try {
          const { body, kind } = await readSource(source);
          const article = await run.call('articles.create', {
            [kind]: body,
            ...(o.url ? { url: o.url } : {}),
            ...(o.tag ? { tags: o.tag } : {}),
            ...(o.collection ? { collection: o.collection } : {}),
          });
          const out = { source, id: article.id, duplicate: false, title: article.title, url: article.url, wordCount: article.wordCount };
          results.push(out);
          if (o.jsonl) printJsonLine(out);
          else if (!o.json) printLines([`${article.id}  ${article.title}`]);
        } catch (error) {
          if (!(error instanceof AppError) || sources.length === 1) throw error;
          failed++;
          progressLine(`error: ${error.code}: ${source}: ${error.message}`);
          if (o.jsonl) printJsonLine({ source, error: error.toInfo() });
        }
      }
      if (o.json) printJson(results);
      if (failed) process.exitCode = 1;
    });
}
