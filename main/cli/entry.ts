import { runCli } from './main';

// A reader that stops early (`sourcebook list --jsonl | head -1`) closes the pipe: stop quietly, as
// Unix tools do, instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2));
// Let stdout drain before exiting; `serve` never returns here.
process.exitCode = code;
