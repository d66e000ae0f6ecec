import path from 'node:path';
import { Command, Option } from 'commander';
import { EXPORT_FORMATS, IMPORT_FORMATS, type ExportFormat, type ImportFormat } from '../../../shared/api/methods-exchange';
import { emit, printJson, printLines } from '../output';
import type { CliRunner } from '../runner';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `sourcebook export`, `import` and `backups`. */
export function registerExchange(program: Command, run: CliRunner): void {
  program
    .command('export')
    .description('export the library, a collection, a topic or chosen articles')
    .addOption(new Option('--format <format>', 'json (whole library, lossless) · md (Obsidian folder) · html (printable report) · csv (folder: quotes.csv + stance-matrix.csv) · csl-json · bibtex · ris · annotations (W3C Web Annotation)').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <path>', 'the file to write (a folder for md and csv)')
    .option('--collection <name-or-id>', 'only this collection')
    .option('--topic <title-or-id>', 'only this topic')
    .option('--article <id>', 'only this article (repeatable)', collect)
    .option('--force', 'replace an existing file, or write into a folder that is not a Sourcebook export')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Folder exports (md, csv) can be repeated into the same folder: files are updated in place.
Examples:
  sourcebook export --format md --out ~/vault/Sourcebook
  sourcebook export --format html --out trams.html --collection "Tram vote"
  sourcebook export --format bibtex --out refs.bib --article ID1 --article ID2`)
    .action(async (o: { format: ExportFormat; out: string; collection?: string; topic?: string; article?: string[]; force?: boolean; json?: boolean }) => {
      const result = await run.call('export.run', {
        format: o.format,
        out: path.resolve(o.out),
        force: Boolean(o.force),
        ...(o.collection !== undefined ? { collection: o.collection } : {}),
        ...(o.topic !== undefined ? { topic: o.topic } : {}),
        ...(o.article ? { articleIds: o.article } : {}),
      });
      emit(o, result, (r) => [
        `Exported ${r.scope.label} as ${r.format} to ${r.out}: ${r.counts.articles} articles, ${r.counts.quotes} quotes, ${r.counts.speakers} speakers, ${r.counts.topics} topics` +
          (r.files.length > 1 ? ` (${r.files.length} files${r.removed.length ? `, ${r.removed.length} old files removed` : ''})` : '') + '.',
      ]);
    });

  program
    .command('import')
    .description('import a Sourcebook JSON export, CSL-JSON, BibTeX, RIS, a Readwise CSV or a Hypothesis JSON export')
    .argument('<path>', 'the file to import')
    .addOption(new Option('--format <format>', 'the file\'s format (recognized when left out)').choices(IMPORT_FORMATS))
    .option('--json', 'print JSON')
    .addHelpText('after', `
An import is all or nothing: a file that cannot be read changes nothing. Records that are merely
incomplete are skipped and listed. Importing the same file again adds nothing new.`)
    .action(async (file: string, o: { format?: ImportFormat; json?: boolean }) => {
      const report = await run.call('import.run', { path: path.resolve(file), ...(o.format ? { format: o.format } : {}) });
      if (o.json) return printJson(report);
      printLines([`Imported ${file} (${report.format}): ${report.created} created, ${report.merged} already there (merged), ${report.skipped} skipped.`]);
      for (const e of report.errors) {
        const where = e.line !== undefined ? `line ${e.line}` : (e.field ?? '');
        process.stderr.write(`warning: ${where ? `${where}: ` : ''}${e.message}\n`);
      }
    });

  const backups = program.command('backups').description('automatic daily backups of the library');
  backups
    .command('list', { isDefault: true })
    .description('list the backups in the library\'s backups folder')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) =>
      emit(o, await run.call('backup.list', {}), (r) =>
        r.backups.length === 0 ? [`No backups in ${r.dir} yet.`] : r.backups.map((b) => `${b.name}  ${b.kind}  ${b.bytes} bytes  ${b.modifiedAt}`),
      ),
    );
  backups
    .command('now')
    .description('make today\'s automatic backup if it is not there yet, and prune old ones')
    .option('--keep <n>', 'how many daily backups to keep', (v) => Number.parseInt(v, 10), 7)
    .option('--json', 'print JSON')
    .action(async (o: { keep: number; json?: boolean }) =>
      emit(o, await run.call('backup.auto', { keep: o.keep }), (r) => [r.created ? `Backed up to ${r.created}.` : 'Today\'s backup is already there.', ...r.pruned.map((p) => `removed ${p}`)]),
    );
  backups
    .command('restore')
    .description('replace the library with a backup (the current file is kept aside); restart the app afterwards')
    .argument('<name>', 'a backup name from `sourcebook backups`, or a path')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => emit(o, await run.call('backup.restore', { name }), (r) => [r.message]));
}
