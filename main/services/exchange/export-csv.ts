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

function csv(rows: (string | number)[][]): string {
  return `${BOM}${loadPapa().unparse(rows, { newline: '\r\n', escapeFormulae: true })}\r\n`;
}

export const QUOTE_COLUMNS = ['Quote', 'Speaker', 'Affiliation', 'Role', 'Stance', 'Topic', 'Said at', 'Article', 'Outlet', 'URL', 'Tags', 'Quote ID', 'Article ID'];
export const MATRIX_COLUMNS = ['Topic', 'Kind', 'Name', 'Role', 'Position', 'Position set directly', ...STANCE_VALUES.map((v) => v[0]!.toUpperCase() + v.slice(1)), 'Topic ID', 'Speaker ID'];

export function quotesCsv(data: ExportData): string {
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const speakers = new Map(data.speakers.map((s) => [s.id, s]));
  const rows: (string | number)[][] = [QUOTE_COLUMNS];
  for (const q of allQuotes(data)) {
    const a = articles.get(q.articleId);
    const speaker = q.speakerId ? speakers.get(q.speakerId) : undefined;
    const base = (stance: string, topic: string) => [
      q.text, q.speakerName ?? '', speaker?.affiliation ?? '', q.speakerRole ?? speaker?.role ?? '', stance, topic, q.saidAt ?? '',
      a?.title ?? q.articleTitle, a?.siteName ?? '', a?.canonicalUrl ?? a?.url ?? '', q.tags.join(', '), q.id, q.articleId,
    ];
    const stances = data.stancesBySubject.get(q.id) ?? [];
    if (stances.length === 0) rows.push(base('', ''));
    for (const st of stances) rows.push(base(st.value, st.topicTitle));
  }
  return csv(rows);
}

export function stanceMatrixCsv(data: ExportData): string {
  const rows: (string | number)[][] = [MATRIX_COLUMNS];
  for (const m of data.matrices) {
    for (const row of [...m.speakers, ...m.outlets]) {
      rows.push([
        m.topicTitle, row.kind, row.label, row.role ?? '', row.current, row.isDerived ? 'no' : 'yes',
        ...STANCE_VALUES.map((v) => row.counts[v]), m.topicId, row.speakerId ?? '',
      ]);
    }
  }
  return csv(rows);
}
