import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { ImportIssue } from '../../../shared/api/methods-exchange';
import { invalidImport } from './import-plan';
import { jsonErrorOffset } from './json-error';
import { JsonSyntaxError, JsonUnitTooLarge, lineOfOffset, readJsonArray, readJsonDocument, type ByteSource, type JsonEvent } from './json-records';
import {
  ArticleDoc, CollectionDoc, CollectionItemDoc, LIBRARY_FORMAT, LIBRARY_FORMAT_VERSION, LibraryDoc, LinkDoc, NoteDoc, QuoteDoc, QuoteSuggestionDoc, SavedSearchDoc,
  SourceSuggestionDoc, SpeakerDoc, StanceDoc, TagDoc, TaggingDoc, TopicDoc,
} from './library-format';

const FORMAT_NAME = 'Sourcebook library JSON';

/** Every list of the format (LibraryDoc), by its path in the document, with the schema of its records. */
const SECTIONS = {
  articles: ArticleDoc, quotes: QuoteDoc, speakers: SpeakerDoc, topics: TopicDoc, stances: StanceDoc, links: LinkDoc, tags: TagDoc, taggings: TaggingDoc,
  collections: CollectionDoc, collectionItems: CollectionItemDoc, notes: NoteDoc, 'suggestions.quotes': QuoteSuggestionDoc,
  'suggestions.sources': SourceSuggestionDoc, savedSearches: SavedSearchDoc,
};
type SectionName = keyof typeof SECTIONS;
type RecordOf<S extends SectionName> = z.output<(typeof SECTIONS)[S]>;
const isSection = (name: string): name is SectionName => Object.hasOwn(SECTIONS, name);

/** The document's own members (the format's header), checked once the whole file is read. */
const Header = LibraryDoc.pick({ format: true, version: true, exportedAt: true, schemaVersion: true });
const HEADER_KEYS = new Set(Object.keys(Header.shape));

/**
 * A library document's records, each section read when it is iterated (mergeLibraryDoc reads them
 * in the order references need, not the file's). A LibraryDoc, with its arrays, is one too.
 */
export interface LibraryRecords {
  articles: Iterable<RecordOf<'articles'>>;
  quotes: Iterable<RecordOf<'quotes'>>;
  speakers: Iterable<RecordOf<'speakers'>>;
  topics: Iterable<RecordOf<'topics'>>;
  stances: Iterable<RecordOf<'stances'>>;
  links: Iterable<RecordOf<'links'>>;
  tags: Iterable<RecordOf<'tags'>>;
  taggings: Iterable<RecordOf<'taggings'>>;
  collections: Iterable<RecordOf<'collections'>>;
  collectionItems: Iterable<RecordOf<'collectionItems'>>;
  notes: Iterable<RecordOf<'notes'>>;
  suggestions: { quotes: Iterable<RecordOf<'suggestions.quotes'>>; sources: Iterable<RecordOf<'suggestions.sources'>> };
  savedSearches: Iterable<RecordOf<'savedSearches'>>;
}

export interface LibraryJson {
  records: LibraryRecords;
  /** Records per section, as the check counted them. */
  counts: Record<SectionName, number>;
}

/**
 * Checks a library export from end to end, record by record (memory holds one record at a time,
 * so an export of any size can be imported), and returns its records to read again: its syntax,
 * that it is our format in a version this app reads, and every record against its schema. Nothing
 * is written, and other calls are answered meanwhile. Refused files are `import/invalid` with the
 * line (syntax) or the record's field.
 *
 * Reading the records again (LibraryJson.records) checks them again: should the file change in
 * between, the import fails as a `conflict` and its transaction rolls back.
 */
export async function readLibraryJson(source: ByteSource, watch: { onChecked?: (offset: number) => void; onRecord?: () => void } = {}): Promise<LibraryJson> {
  const from = hasByteOrderMark(source) ? 3 : 0;
  if (firstByte(source, from) !== '{') throw notOurFormat();
  const arrays = new Map<SectionName, number>();
  const counts = Object.fromEntries(Object.keys(SECTIONS).map((name) => [name, 0])) as Record<SectionName, number>;
  const header: Record<string, unknown> = {};
  const issues: ImportIssue[] = [];
  let issueCount = 0;
  const note = (field: string, message: string) => {
    issueCount++;
    if (issues.length < 20) issues.push({ field, message });
  };
  /** Sections (and `suggestions`) there but not as a list: not said to be missing as well. */
  const wrongShape = new Set<string>();
  const misshapen = (name: string, message: string) => {
    wrongShape.add(name);
    note(name, message);
  };

  let pausedAt = performance.now();
  for (const event of syntaxChecked(source, readJsonDocument(source, { from }))) {
    // The check writes nothing: it lets the app answer other calls (and send its progress) as it goes.
    if (performance.now() - pausedAt > PAUSE_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      pausedAt = performance.now();
    }
    const name = event.path.join('.');
    if (event.kind === 'array' && isSection(name)) {
      if (arrays.has(name)) note(name, 'appears twice in the file');
      arrays.set(name, event.start);
      counts[name] = event.count;
      continue;
    }
    if (event.kind !== 'unit' || event.index === null) {
      // A member's value, or an object entered: only our own members must have their shape.
      const expected = isSection(name) ? 'a list' : name === 'suggestions' ? 'an object' : HEADER_KEYS.has(name) ? 'a single value' : null;
      const found = event.kind === 'array' ? 'a list' : event.kind === 'object' ? 'an object' : null;
      if (expected && found && expected !== found) misshapen(name, `expected ${expected}, found ${found}`);
      if (event.kind !== 'unit') continue;
    }
    watch.onChecked?.(event.start);
    const value = parseUnit(source, event);
    if (event.index === null) {
      if (HEADER_KEYS.has(name)) {
        header[name] = value;
        // Said at once: checking the rest of a file this app cannot read is wasted time.
        if (name === 'format' && value !== LIBRARY_FORMAT) throw notOurFormat();
        if (name === 'version' && typeof value === 'number' && value > LIBRARY_FORMAT_VERSION) throw tooNew(value);
      } else if (isSection(name) || name === 'suggestions') {
        misshapen(name, `expected ${name === 'suggestions' ? 'an object' : 'a list'}, found ${value === null ? 'null' : typeof value}`);
      }
      continue;
    }
    // Sections this version does not know are read (their syntax checked) and left out.
    if (!isSection(name)) continue;
    const parsed = SECTIONS[name].safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) note([name, event.index, ...issue.path.map(String)].join('.'), issue.message);
  }

  if (header.format === undefined) throw notOurFormat();
  const checked = Header.safeParse(header);
  if (!checked.success) for (const issue of checked.error.issues) note(issue.path.map(String).join('.') || '(root)', issue.message);
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    if (!arrays.has(name) && !wrongShape.has(name) && !wrongShape.has(name.split('.')[0]!)) note(name, 'missing (an export lists every section, empty or not)');
  }
  if (issueCount > 0) {
    const error = invalidImport(issues[0]!, FORMAT_NAME);
    throw new AppError(error.code, error.message + (issueCount > 1 ? ` (and ${issueCount - 1} more problems)` : ''), { errors: issues });
  }

  const section = <S extends SectionName>(name: S): Iterable<RecordOf<S>> => ({ [Symbol.iterator]: () => readSection(source, name, arrays.get(name)!, watch.onRecord) });
  return {
    counts,
    records: {
      articles: section('articles'), quotes: section('quotes'), speakers: section('speakers'), topics: section('topics'), stances: section('stances'),
      links: section('links'), tags: section('tags'), taggings: section('taggings'), collections: section('collections'),
      collectionItems: section('collectionItems'), notes: section('notes'),
      suggestions: { quotes: section('suggestions.quotes'), sources: section('suggestions.sources') }, savedSearches: section('savedSearches'),
    },
  };
}

/** How long the check reads before it lets the event loop run (a large export is checked for minutes). */
const PAUSE_EVERY_MS = 50;

function* readSection<S extends SectionName>(source: ByteSource, name: S, start: number, onRecord?: () => void): Generator<RecordOf<S>> {
  try {
    for (const unit of readJsonArray(source, start, name.split('.'))) {
      onRecord?.();
      yield SECTIONS[name].parse(JSON.parse(unit.text)) as RecordOf<S>;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('conflict', `The file changed while it was being imported (its ${name} no longer read as checked); nothing was imported. Import it again.`, { section: name });
  }
}

/** The events of a document, its syntax errors said as `import/invalid` with their line. */
function* syntaxChecked(source: ByteSource, events: Generator<JsonEvent>): Generator<JsonEvent> {
  try {
    yield* events;
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw syntaxError(source, error.offset, error.endsEarly, error.found);
    if (error instanceof JsonUnitTooLarge) {
      throw invalidImport({ line: lineOfOffset(source, error.offset), message: `a single record of over ${Math.round(error.bytes / 1024 / 1024)} MB, more than Sourcebook can read` }, FORMAT_NAME);
    }
    throw error;
  }
}

function parseUnit(source: ByteSource, unit: JsonEvent & { kind: 'unit' }): unknown {
  try {
    return JSON.parse(unit.text);
  } catch {
    const at = jsonErrorOffset(unit.text);
    throw syntaxError(source, unit.start + Buffer.byteLength(unit.text.slice(0, at)), at >= unit.text.length, unit.text.slice(at, at + 12));
  }
}

function syntaxError(source: ByteSource, offset: number, endsEarly: boolean, found: string): AppError {
  const line = lineOfOffset(source, offset);
  return invalidImport({ line, message: endsEarly ? 'the JSON ends too early (is the file cut short?)' : `not valid JSON: unexpected ${JSON.stringify(found)}` }, FORMAT_NAME);
}

function notOurFormat(): AppError {
  return invalidImport({ field: 'format', message: `not a Sourcebook library export (expected "format": "${LIBRARY_FORMAT}")` }, FORMAT_NAME);
}

function tooNew(version: number): AppError {
  return invalidImport({ field: 'version', message: `written by a newer Sourcebook (format version ${version}; this app reads up to ${LIBRARY_FORMAT_VERSION}). Update Sourcebook to import it.` }, FORMAT_NAME);
}

function hasByteOrderMark(source: ByteSource): boolean {
  const head = Buffer.alloc(3);
  return source.read(head, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** The first character that is not white space, from `from` (empty at the end). */
function firstByte(source: ByteSource, from: number): string {
  const buf = Buffer.alloc(4096);
  for (let position = from; ;) {
    const read = source.read(buf, position);
    if (read === 0) return '';
    for (let i = 0; i < read; i++) if (!/\s/.test(String.fromCharCode(buf[i]!))) return String.fromCharCode(buf[i]!);
    position += read;
  }
}
