import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { exportNote, exportNotes, findNotesCollection } from '../../services/notes/export';
import { CITATION_STYLES, type CitationStyle } from '../../../shared/notes/resolved';
import { Command, Option } from 'commander';
import { EXPORT_FORMATS, IMPORT_FORMATS, type ExportFormat, type ImportFormat } from '../../../shared/api/methods-exchange';
import { emit, printJson, printLines, progressLine } from '../output';
import type { CliRunner } from '../runner';
import type { ProgressEvent } from '../../api/handler-types';
// `backups list` and `backups restore` read the folder and restore without opening (migrating) the
// library: they are what a user with a damaged library needs.
import { listBackups, restoreFromBackup } from '../../services/exchange/auto-backup';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `sourcebook export`, `import` and `backups`. */
export function registerExchange(program: Command, run: CliRunner): void {
  program
    .command('export')
    .description('export the library, a collection, a topic or chosen articles; or notes (--note, --collection --notes)')
    .addOption(new Option('--format <format>', 'json (whole library, lossless) · md (Obsidian folder) · html (printable report) · csv (folder: quotes.csv + stance-matrix.csv) · csl-json · bibtex · ris · annotations (W3C Web Annotation) · pdf (the report as PDF: desktop app only) · docx (notes only: --note or --collection)').choices([...EXPORT_FORMATS, 'docx']).makeOptionMandatory())
    .requiredOption('--out <path>', 'the file to write (a folder for the library\'s md and csv; a file for notes)')
    .option('--collection <name-or-id>', 'only this collection')
    .option('--topic <title-or-id>', 'only this topic')
    .option('--article <id>', 'only this article (repeatable)', collect)
    .option('--note <id>', 'export one note with its embeds resolved (--format md, html or docx; pdf in the desktop app only)')
    .option('--notes', 'with --collection: export the collection\'s notes as one document, embeds resolved (md, html; docx always does)')
    .option('--citation-style <style>', 'with --note, or a collection\'s notes: format embeds as citations (chicago-note, chicago-author-date or apa)')
    .option('--force', 'replace an existing file, or write into a folder that is not a Sourcebook export')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Folder exports (md, csv) can be repeated into the same folder: files are updated in place.
PDF needs the desktop app (it prints with Electron's Chromium); here, export html and use your
browser's Print → Save as PDF.
Notes: --note ID exports one note; --collection C --notes exports every note of a collection in one
file (oldest first). With docx, --collection C alone exports its notes (docx is for notes only).
Without --notes, md and html with --collection export the collection's articles and quotes.
Examples:
  sourcebook export --format md --out ~/vault/Sourcebook
  sourcebook export --format html --out trams.html --collection "Tram vote"
  sourcebook export --format bibtex --out refs.bib --article ID1 --article ID2
  sourcebook export --format docx --out briefing.docx --note ID
  sourcebook export --format docx --out memos.docx --collection Memos
  sourcebook export --format md --out memos.md --collection Memos --notes --citation-style apa`)
    .action(async (o: { format: ExportFormat | 'docx'; out: string; collection?: string; topic?: string; article?: string[]; note?: string; notes?: boolean; citationStyle?: string; force?: boolean; json?: boolean }) => {
      if (o.note !== undefined || o.format === 'docx' || o.notes) {
        const written = await exportNoteToFile(run, o);
        emit(o, written, (w) =>
          w.notes === undefined
            ? [`Exported the note "${w.title}" as ${w.format} to ${w.out} (${w.bytes} bytes).`]
            : [`Exported ${w.notes} ${w.notes === 1 ? 'note' : 'notes'} of the collection "${w.title}" as ${w.format} to ${w.out} (${w.bytes} bytes).`],
        );
        return;
      }
      const format = o.format;
      const result = await run.call(
        'export.run',
        {
          format,
          out: path.resolve(o.out),
          force: Boolean(o.force),
          ...(o.collection !== undefined ? { collection: o.collection } : {}),
          ...(o.topic !== undefined ? { topic: o.topic } : {}),
          ...(o.article ? { articleIds: o.article } : {}),
        },
        { onProgress: tenthsOnTerminal() },
      );
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
incomplete are skipped and listed. Importing the same file again adds nothing new.
A Sourcebook JSON export may be of any size (it is checked, then imported, record by record);
files of the other formats are read whole, up to 100 MB.`)
    .action(async (file: string, o: { format?: ImportFormat; json?: boolean }) => {
      const report = await run.call('import.run', { path: path.resolve(file), ...(o.format ? { format: o.format } : {}) }, { onProgress: tenthsOnTerminal() });
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
      emit(o, listBackups(run.libraryDir()), (r) =>
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
    .description('replace the library with a backup (the current one is kept aside; safe while the app runs)')
    .argument('<name>', 'a backup name from `sourcebook backups`, or a path')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => emit(o, await restoreFromBackup(run.libraryDir(), name), (r) => [r.message]));
}

/**
 * `export --note ID | --collection C [--notes] --format md|html|docx|pdf --out FILE`: one note, or
 * every note of a collection in one file, embeds resolved (notes' own exporter; pdf is
 * `export/unsupported` here). `notes` in the result: how many, for a collection.
 */
async function exportNoteToFile(
  run: CliRunner,
  o: { format: string; out: string; note?: string; collection?: string; topic?: string; article?: string[]; notes?: boolean; citationStyle?: string; force?: boolean },
): Promise<{ out: string; format: string; title: string; bytes: number; notes?: number }> {
  if (o.note !== undefined && o.collection !== undefined) throw new AppError('validation', 'note: give either --note ID or --collection NAME|ID, not both');
  if (o.topic !== undefined || o.article !== undefined) throw new AppError('validation', 'topic: notes export by --note ID or --collection NAME|ID; --topic and --article are for the library exports');
  if (o.note === undefined && o.collection === undefined) {
    throw new AppError('validation', o.notes ? 'notes: --notes exports the notes of a collection; give --collection NAME|ID' : 'format: docx exports a note; give --note ID (or --collection NAME|ID for its notes)');
  }
  if (o.format !== 'md' && o.format !== 'html' && o.format !== 'docx' && o.format !== 'pdf') {
    throw new AppError('validation', `format: ${o.note !== undefined ? 'a note exports' : 'notes export'} as md, html, docx or pdf, not ${o.format}`);
  }
  const out = path.resolve(o.out);
  if (fs.existsSync(out) && !o.force) throw new AppError('conflict', `${out} already exists; choose another path or add --force.`, { path: out });
  if (o.citationStyle !== undefined && !(CITATION_STYLES as readonly string[]).includes(o.citationStyle)) {
    throw new AppError('validation', `citation-style: use ${CITATION_STYLES.join(', ')}`);
  }
  const options = o.citationStyle ? { citationStyle: o.citationStyle as CitationStyle } : {};
  let file: Awaited<ReturnType<typeof exportNote>>;
  let title: string;
  let notes: number | undefined;
  if (o.note !== undefined) {
    const note = await run.call('notes.get', { id: o.note });
    file = await exportNote(run.app(), note.id, o.format, options);
    title = note.title || 'Untitled note';
  } else {
    const collection = await findNotesCollection(run.app(), o.collection!);
    file = await exportNotes(run.app(), collection.id, o.format, options);
    title = collection.name;
    notes = (await run.call('notes.list', { collectionId: collection.id, limit: 1 })).total;
  }
  try {
    fs.writeFileSync(`${out}.partial`, file.bytes);
    fs.renameSync(`${out}.partial`, out);
  } catch (error) {
    fs.rmSync(`${out}.partial`, { force: true });
    throw new AppError('io/failed', `Cannot write ${out}: ${(error as Error).message}`, { path: out });
  }
  return { out, format: o.format, title, bytes: file.bytes.length, ...(notes !== undefined ? { notes } : {}) };
}

/** A large library's export or import takes minutes: on a terminal, say how far it is, each tenth once. */
function tenthsOnTerminal(): (e: ProgressEvent) => void {
  let said = '';
  return (e) => {
    if (!process.stderr.isTTY || e.total !== 100 || !e.message) return;
    const line = `${e.message}: ${Math.floor(e.done / 10) * 10}%`;
    if (line !== said) progressLine((said = line));
  };
}
