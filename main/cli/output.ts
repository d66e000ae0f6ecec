/** Printing for the CLI: exactly one JSON document with --json, one object per line with --jsonl. */
export interface OutputOptions {
  json?: boolean;
  jsonl?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printLines(lines: string[]): void {
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** Print a value as JSON when asked, else with the human formatter. */
export function emit<T>(options: OutputOptions, value: T, human: (value: T) => string[]): void {
  if (options.json) printJson(value);
  else if (options.jsonl) printJsonLine(value);
  else printLines(human(value));
}

/** A column that fits: cut long text with an ellipsis. */
export const fit = (text: string | null | undefined, width: number): string => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
};

export function progressLine(text: string): void {
  process.stderr.write(`${text}\n`);
}
