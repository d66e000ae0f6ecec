import { lazyModule } from '../../lazy-module';

const loadPapa = lazyModule<typeof import('papaparse')>('papaparse');
import { STANCE_VALUES } from '../../../shared/domain/entities';
import { allQuotes, type ExportData } from './export-data';

/**
 * Spreadsheets: `quotes.csv` (one row per quote and topic it takes a stance on; a quote without a
 * stance has one row with those cells empty) and `stance-matrix.csv` (per topic, each speaker and
 * outlet with its position and counts). RFC 4180: comma-separated, CRLF line ends, fields quoted
 * when they need it; UTF-8 with a byte-order mark so Excel reads the encoding right; cells that
 * start with = + - @ (or a tab or carriage return) get a leading `'` so no spreadsheet runs them as
 * formulas (papaparse's escapeFormulae).
 */
const BOM = '\uFEFF';

type Row = (string | number)[];

/** How many rows go to papaparse at once: a whole library's quotes as one string held ~0.4 GB. */
const ROWS_PER_PIECE = 2000;

/** Rows as CSV, written in pieces as they come: the same bytes as the rows made into one string. */
function writeCsv(rows: Iterable<Row>, write: (piece: string) => void): void {
  write(BOM);
  let chunk: Row[] = [];
  const flush = () => {
    if (chunk.length) write(`${loadPapa().unparse(chunk, { newline: '\r\n', escapeFormulae: true })}\r\n`);
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_PIECE) flush();
  }
  flush();
}

export const QUOTE_COLUMNS = ['Quote', 'Speaker', 'Affiliation', 'Role', 'Stance', 'Topic', 'Said at', 'Article', 'Outlet', 'URL', 'Tags', 'Quote ID', 'Article ID'];
export const MATRIX_COLUMNS = ['Topic', 'Kind', 'Name', 'Role', 'Position', 'Position set directly', ...STANCE_VALUES.map((v) => v[0]!.toUpperCase() + v.slice(1)), 'Topic ID', 'Speaker ID'];

export function writeQuotesCsv(data: ExportData, write: (piece: string) => void): void {
  writeCsv(quoteRows(data), write);
}

function* quoteRows(data: ExportData): Generator<Row> {
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const speakers = new Map(data.speakers.map((s) => [s.id, s]));
  yield QUOTE_COLUMNS;
  for (const q of allQuotes(data)) {
    const a = articles.get(q.articleId);
    const speaker = q.speakerId ? speakers.get(q.speakerId) : undefined;
    const base = (stance: string, topic: string) => [
      q.text, q.speakerName ?? '', speaker?.affiliation ?? '', q.speakerRole ?? speaker?.role ?? '', stance, topic, q.saidAt ?? '',
      a?.title ?? q.articleTitle, a?.siteName ?? '', a?.canonicalUrl ?? a?.url ?? '', q.tags.join(', '), q.id, q.articleId,
    ];
    const stances = data.stancesBySubject.get(q.id) ?? [];
    if (stances.length === 0) yield base('', '');
    for (const st of stances) yield base(st.value, st.topicTitle);
  }
}

export function writeStanceMatrixCsv(data: ExportData, write: (piece: string) => void): void {
  writeCsv(matrixRows(data), write);
}

function* matrixRows(data: ExportData): Generator<Row> {
  yield MATRIX_COLUMNS;
  for (const m of data.matrices) {
    for (const row of [...m.speakers, ...m.outlets]) {
      yield [
        m.topicTitle, row.kind, row.label, row.role ?? '', row.current, row.isDerived ? 'no' : 'yes',
        ...STANCE_VALUES.map((v) => row.counts[v]), m.topicId, row.speakerId ?? '',
      ];
    }
  }
}
