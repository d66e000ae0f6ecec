import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, PROJECT_ROOT } from '../helpers/cli';
import { verifyLibrary } from '../helpers/verify-library';

/** Articles we write ourselves, each with quotations so suggestions are stored with it. */
function writeArticles(dir: string, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from({ length: 30 }, (_, p) => `<p>Paragraph ${p} of report ${i} on the harbour budget, with figures ${i * 31 + p} and ${p * 7}.</p>`).join('');
    fs.writeFileSync(
      path.join(dir, `report-${String(i).padStart(3, '0')}.html`),
      `<!doctype html><html lang="en"><head><title>Harbour report ${i}</title></head><body><article><h1>Harbour report ${i}</h1>
       <p>"We will rebuild the eastern pier before winter number ${i}," said Marta Kowalczyk, the harbour director.</p>
       ${paragraphs}<p>Kowalczyk added that "the budget for item ${i} is final."</p></article></body></html>`,
    );
  }
}

/**
 * Start a bulk clip and SIGKILL it once it has reported `afterLines` committed articles plus a
 * random few milliseconds (so the kill lands inside the next article's work, whatever the machine's
 * speed); `afterLines` 0 kills during start-up. Returns the ids it reported as committed.
 */
function clipAndKill(sourceDir: string, library: string, afterLines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--library', library, 'clip', sourceDir, '--jsonl', '--concurrency', '2'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    let timer: NodeJS.Timeout | undefined;
    const killSoon = (maxDelayMs: number) => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * maxDelayMs));
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.split('\n').length - 1 >= afterLines) killSoon(120);
    });
    if (afterLines === 0) killSoon(1500);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      // Only whole lines count: a line cut by the kill was never fully reported.
      const ids = stdout
        .split('\n')
        .slice(0, -1)
        .flatMap((line) => {
          try {
            const parsed = JSON.parse(line) as { id?: string };
            return parsed.id ? [parsed.id] : [];
          } catch {
            return [];
          }
        });
      resolve(ids);
    });
  });
}

describe('crash safety: a bulk clip SIGKILLed at random moments', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-crash-clip-'));
    writeArticles(path.join(work, 'pages'), 40);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('keeps the library consistent and every reported article, over 20 runs', async () => {
    let committedBefore: string[] = [];
    let killedMidway = 0;
    for (let run = 0; run < 20; run++) {
      // Each library takes two runs: a fresh start, then a restart over the killed library.
      const library = path.join(work, `library-${Math.floor(run / 2)}`);
      const committed = run % 2 === 0 ? [] : committedBefore;
      // Spread the kills from start-up through the middle of the batch.
      const ids = await clipAndKill(path.join(work, 'pages'), library, run % 5 === 0 ? 0 : 1 + Math.floor(Math.random() * 30));
      committed.push(...ids);
      if (ids.length > 0 && ids.length < 40) killedMidway++;
      const problems = await verifyLibrary(library, committed);
      expect(problems, `run ${run}`).toEqual([]);
      committedBefore = committed;
    }
    // The kills must have landed in the middle of batches, or the test proved nothing.
    expect(killedMidway).toBeGreaterThan(8);
  }, 600_000);
});
