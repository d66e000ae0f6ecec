import { isAppError } from '../../shared/errors';

/**
 * Plain helpers for the app's start: the `--library` flag and the dialog shown when the library
 * cannot be opened. No electron import, so both are unit-tested.
 */

/**
 * `--library DIR` or `--library=DIR` anywhere in argv (dev: `electron . --library X`; packaged:
 * `Sourcebook --library X`). The last one wins, as with most CLIs.
 */
export function parseLibraryFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--library') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        found = next;
        i += 1;
      }
    } else if (arg.startsWith('--library=')) {
      const value = arg.slice('--library='.length);
      if (value) found = value;
    }
  }
  return found;
}

export interface StartupDialog {
  title: string;
  message: string;
  detail: string;
  /** Offer a button that opens the library folder (to restore a backup, fix permissions...). */
  offerOpenFolder: boolean;
}

/**
 * What to tell the user when opening the library fails. The library is never reset or replaced:
 * every path ends in "quit", after the user knows what to do next.
 */
export function describeOpenError(error: unknown, libraryDir: string): StartupDialog {
  const code = isAppError(error) ? error.code : 'internal';
  const reason = error instanceof Error ? error.message : String(error);
  const elsewhere = `To use another library, start Sourcebook with --library FOLDER (or set SOURCEBOOK_LIBRARY).`;
  switch (code) {
    case 'db/too-new':
      return {
        title: 'Library made by a newer Sourcebook',
        message: 'This library was last opened by a newer version of Sourcebook, so this version cannot open it safely.',
        detail: `${reason}\n\nInstall the newer version of Sourcebook to keep using it. Nothing was changed.\n${elsewhere}\n\nLibrary: ${libraryDir}`,
        offerOpenFolder: false,
      };
    case 'db/corrupt':
      return {
        title: 'Library file damaged',
        message: 'The library file is damaged, so Sourcebook did not open it. It was left exactly as it was.',
        detail: `${reason}\n\nRestore a copy from the library's "backups" folder (quit, then run \`sourcebook restore-backup FILE --library DIR\`; \`sourcebook backups --library DIR\` lists them), or check it with \`sourcebook check\`.\n${elsewhere}\n\nLibrary: ${libraryDir}`,
        offerOpenFolder: true,
      };
    case 'db/unwritable':
      return {
        title: 'Library folder not writable',
        message: 'Sourcebook cannot write to the library folder.',
        detail: `${reason}\n\nFix the folder's permissions (or free the disk), then start Sourcebook again.\n${elsewhere}\n\nLibrary: ${libraryDir}`,
        offerOpenFolder: true,
      };
    case 'io/failed':
      return {
        title: 'Library could not be opened',
        message: 'A disk error stopped Sourcebook from opening the library.',
        detail: `${reason}\n\nLibrary: ${libraryDir}`,
        offerOpenFolder: true,
      };
    default:
      return {
        title: 'Sourcebook could not start',
        message: 'The library could not be opened.',
        detail: `${reason}\n\n${elsewhere}\n\nLibrary: ${libraryDir}`,
        offerOpenFolder: false,
      };
  }
}
