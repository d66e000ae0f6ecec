import { Command, CommanderError } from 'commander';
import { AppError, isAppError } from '../../shared/errors';
import { APP_VERSION } from '../app-version';
import { createRunner, exitCodeFor } from './runner';
import { registerAnnotate } from './commands/annotate';
import { registerClip } from './commands/clip';
import { registerItems } from './commands/items';
import { registerLibrary } from './commands/library';
import { registerServe } from './commands/serve';
import { registerSearch } from './commands/search';
import { registerExchange } from './commands/exchange';

/**
 * `sourcebook`: argument parsing and printing only; every command calls the API through the router.
 * Exit 0 ok · 1 failure · 2 bad usage or bad input; an error is one line on stderr: "error: <code>: <message>".
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command();
  const run = createRunner(() => program.opts<{ library?: string }>().library);
  program
    .name('sourcebook')
    .description('Sourcebook: an offline research notebook — clip articles, mark who said what with which stance, link sources, search.')
    .version(APP_VERSION, '-v, --version')
    .option('--library <dir>', 'the library folder (default: SOURCEBOOK_LIBRARY or the per-user app-data folder)')
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      // Usage errors keep the documented one-line form "error: <code>: <message>", hint included.
      outputError: (text, write) =>
        write(`error: validation: ${text.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim()} (run \`sourcebook --help\` for usage)\n`),
    })
    .addHelpText(
      'after',
      `
Output: --json prints exactly one JSON document on stdout; --jsonl one JSON object per line.
Exit codes: 0 ok · 1 failure · 2 bad usage or bad input (unknown id, invalid value).
Errors are one line on stderr: "error: <code>: <message>".

Examples:
  sourcebook clip article.html --tag chips
  sourcebook quote add --article ID --text "the exact words" --speaker "Samuel Bresnick"
  sourcebook stance set --quote ID --topic "Allow H200 sales to China" --value opposes
  sourcebook serve            # browser mode; prints http://127.0.0.1:PORT/?token=TOKEN`,
    );

  registerClip(program, run);
  registerItems(program, run);
  registerAnnotate(program, run);
  registerSearch(program, run);
  registerExchange(program, run);
  registerLibrary(program, run);
  registerServe(program, run);
  for (const command of program.commands) command.exitOverride();

  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  } finally {
    run.close();
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return 2;
  }
  const e: AppError = isAppError(error) ? error : new AppError('internal', (error as Error)?.message ?? String(error));
  process.stderr.write(`error: ${e.code}: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
  if (!isAppError(error) && process.env.SOURCEBOOK_DEBUG) console.error(error);
  return exitCodeFor(e.code);
}
