import { Command, Option } from 'commander';
import { emit, printLines } from '../output';
import type { CliRunner } from '../runner';
import { restoreLibrary } from '../../services/restore';

export function registerLibrary(program: Command, run: CliRunner): void {
  program
    .command('info')
    .description('where the library is and what it holds')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) =>
      emit(o, await run.call('library.info', {}), (i) => [
        `library: ${i.path}`,
        `schema: ${i.schemaVersion} · app ${i.appVersion}`,
        ...Object.entries(i.counts).map(([k, v]) => `  ${k}: ${v}`),
      ]),
    );

  program
    .command('settings')
    .description('show the library\'s settings, or change them')
    .addOption(new Option('--images <mode>', 'store: keep copies of clipped images in the library (offline); remote: link to them on the web').choices(['store', 'remote']))
    .option('--json', 'print JSON')
    .action(async (o: { images?: 'store' | 'remote'; json?: boolean }) =>
      emit(o, o.images ? await run.call('settings.update', { images: o.images }) : await run.call('settings.get', {}), (r) => [`images: ${r.images}`]),
    );

  program
    .command('backup')
    .description('write a consistent copy of the library database (safe while the app runs)')
    .argument('<path>', 'the new backup file, or a folder to write a dated sourcebook-<time>.db into')
    .option('--with-files', 'also copy the stored images (assets/) and raw page snapshots (snapshots/): <path> is then a new folder, or a folder to write a dated sourcebook-<time>/ into')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Without --with-files the backup is the database only (sourcebook.db): every article, quote, note
and stance, but not the images stored for offline reading (assets/) or the raw pages kept for
re-extraction (snapshots/), which are files beside it. The automatic backups are database-only too.
A --with-files backup is a folder that opens as a library itself (--library FOLDER).
Restore the database with \`sourcebook restore-backup FILE\`.`)
    .action(async (target: string, o: { withFiles?: boolean; json?: boolean }) => {
      if (!o.withFiles) return emit(o, await run.call('library.backup', { path: target }), (r) => [`Backed up to ${r.path} (${r.bytes} bytes).`]);
      emit(o, await run.call('library.backup', { path: target, withFiles: true }), (r) => [`Backed up the database and ${r.files ?? 0} files to ${r.path} (${r.bytes} bytes).`]);
    });

  // Never opens (migrates) the library: it must work when the library file is damaged.
  program
    .command('restore-backup')
    .description('replace the library database with a backup (the current file is kept aside)')
    .argument('<backup>', 'a backup file written by `sourcebook backup` or kept in the library\'s backups folder, or a `backup --with-files` folder')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Safe while the app runs: the backup is checked first, the current database is copied to the
backups folder, and the backup is written into the open database in one transaction, so open
windows and commands see the restored library (they may need to reload their lists). A failed
restore changes nothing. A backup file restores the database only; from a --with-files folder,
the stored images and snapshots the library lacks are copied back too (none is overwritten).`)
    .action(async (backup: string, o: { json?: boolean }) =>
      emit(o, await restoreLibrary(run.libraryDir(), backup), (r) => [
        `Restored ${r.restoredFrom}; the previous file was kept at ${r.previousKeptAt ?? '(there was none)'}.` +
          (r.filesRestored === undefined ? '' : ` Copied back ${r.filesRestored} image and snapshot files the library lacked.`),
      ]),
    );

  program
    .command('optimize')
    .description('merge the search indexes and count their common words, for faster searches (after a large import or an upgrade; seconds to minutes on a big library)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) =>
      emit(o, await run.call('library.optimize', {}), (r) => [
        `Optimized ${r.indexes.length} search indexes in ${(r.ms / 1000).toFixed(1)} s${r.pairsFilled > 0 ? `, after filling the phrase pairs of ${r.pairsFilled} articles and quotes` : ''}${r.commonWordsCounted.length > 0 ? `; counted the common words of ${r.commonWordsCounted.join(' and ')}` : ''}.`,
      ]),
    );

  program
    .command('check')
    .description('check the integrity of the database and its indexes (exit 1 with the problem)')
    .option('--deep', 'also rebuild every search index on a temporary copy of the library and compare (minutes for a big library; needs free disk space for the copy)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean; deep?: boolean }) => {
      const report = await run.call('library.check', o.deep ? { deep: true } : {});
      emit(o, report, (r) => (r.ok ? [`ok: ${r.checks.length} checks passed`] : r.problems.map((p) => `problem: ${p}`)));
      if (!report.ok) {
        if (!o.json) printLines(['Restore a copy from the library\'s backups folder with `sourcebook restore-backup FILE`.']);
        process.exitCode = 1;
      }
    });
}
