import type { Command } from 'commander';
import type { CliRunner } from '../runner';

/** `sourcebook export` and `import` (the Export work fills these in). */
export function registerExchange(_program: Command, _run: CliRunner): void {}
