import { runCli } from './main';

const code = await runCli(process.argv.slice(2));
// Let stdout drain before exiting; `serve` never returns here.
process.exitCode = code;
