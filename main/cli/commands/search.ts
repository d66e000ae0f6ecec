import type { Command } from 'commander';
import type { CliRunner } from '../runner';

/** `sourcebook search` (the Search work fills this in). */
export function registerSearch(_program: Command, _run: CliRunner): void {}
