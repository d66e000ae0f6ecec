import type { ImportIssue } from '../../../shared/api/methods-exchange';
import { isoFromParts, joinName, monthNumber, normalizeDate, type PersonName } from './dates-names';
import { foldSpace, invalidImport, lineIndex, type ImportPlan, type PlannedArticle, type Where } from './import-plan';

/**
 * Reading CSL-JSON, BibTeX and RIS. Each record becomes an article that has not been clipped yet:
 * its text is the title, a byline and the abstract (or a line saying it is still to be clipped),
 * tagged `to-clip`, with the record's URL ready to clip. A record with neither title nor URL is
 * skipped and reported; a file that is not valid in its format is refused with the line (or the
 * field) where reading stopped.
 */

export interface CitationRecord {
  where: Where;
  title: string | null;
  authors: string[];
  container: string | null;
  url: string | null;
  published: string | null;
  abstract: string | null;
  lang: string | null;
  keywords: string[];
}

const NOT_CLIPPED = 'Not clipped yet: clip this article from its URL to read it here.';
const NOT_CLIPPED_NO_URL = 'Not clipped yet: the imported record has no URL; paste the text to read it here.';

export function citationsToPlan(records: CitationRecord[], issues: ImportIssue[]): ImportPlan {
  const articles: PlannedArticle[] = [];
  let skipped = 0;
  for (const r of records) {
    const url = r.url && /^https?:\/\//i.test(r.url) && URL.canParse(r.url) ? r.url : null;
    const title = foldSpace(r.title ?? '') || url;
    if (!title) {
      issues.push({ ...r.where, message: 'the record has neither a title nor a URL; skipped' });
      skipped++;
      continue;
    }
    const byline = [r.authors.join(', '), r.container ?? '', r.published ?? ''].map(foldSpace).filter(Boolean).join(' · ');
    const abstract = foldSpace(r.abstract ?? '');
    const paragraphs = [title, byline, abstract || (url ? NOT_CLIPPED : NOT_CLIPPED_NO_URL)].filter(Boolean);
    articles.push({
      where: r.where,
      title: title.slice(0, 2000),
      url,
      authors: r.authors.map(foldSpace).filter(Boolean),
      siteName: r.container ? foldSpace(r.container) || null : null,
      publishedAt: r.published,
      lang: r.lang ? foldSpace(r.lang).slice(0, 35) || null : null,
      excerpt: abstract ? abstract.slice(0, 280) : null,
      paragraphs,
      tags: [...new Set(r.keywords.map(foldSpace).filter((k) => k && k.length <= 500))],
      toClip: true,
      quotes: [],
      notes: [],
      matchByTitle: false,
    });
  }
  return { articles, issues, skipped: skipped ? { articles: skipped } : {} };
}

// ---------------------------------------------------------------- CSL-JSON

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function cslDate(value: unknown, field: string, issues: ImportIssue[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') {
    issues.push({ field, message: 'a CSL date is an object with "date-parts"; ignored' });
    return null;
  }
  const v = value as { 'date-parts'?: unknown; raw?: unknown; literal?: unknown };
  const parts = Array.isArray(v['date-parts']) ? v['date-parts'][0] : undefined;
  if (Array.isArray(parts) && parts.length > 0) return isoFromParts(parts[0], parts[1], parts[2]);
  return normalizeDate(str(v.raw) ?? str(v.literal));
}

export function parseCslJson(value: unknown): { records: CitationRecord[]; issues: ImportIssue[] } {
  const items = Array.isArray(value) ? value : value && typeof value === 'object' && 'type' in value ? [value] : null;
  if (!items) throw invalidImport({ field: '(root)', message: 'CSL-JSON is an array of items, each with a "type"' }, 'CSL-JSON');
  const issues: ImportIssue[] = [];
  const records: CitationRecord[] = [];
  items.forEach((item, i) => {
    const field = `[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalidImport({ field, message: 'each CSL-JSON item must be an object' }, 'CSL-JSON');
    const it = item as Record<string, unknown>;
    if (typeof it.type !== 'string') throw invalidImport({ field: `${field}.type`, message: 'every CSL-JSON item needs a "type" (such as "webpage")' }, 'CSL-JSON');
    if (it.author !== undefined && !Array.isArray(it.author)) throw invalidImport({ field: `${field}.author`, message: 'must be an array of names' }, 'CSL-JSON');
    const authors = ((it.author as unknown[] | undefined) ?? [])
      .map((n) => (n && typeof n === 'object' ? joinName(n as PersonName) : (str(n) ?? '')))
      .filter(Boolean);
    const keywords = (str(it.keyword) ?? '').split(/[,;]/).map((k) => k.trim()).filter(Boolean);
    const doi = str(it.DOI);
    records.push({
      where: { field },
      title: str(it.title),
      authors,
      container: str(it['container-title']),
      url: str(it.URL) ?? (doi ? `https://doi.org/${doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')}` : null),
      published: cslDate(it.issued, `${field}.issued`, issues),
      abstract: str(it.abstract),
      lang: str(it.language),
      keywords,
    });
  });
  return { records, issues };
}

// ---------------------------------------------------------------- BibTeX

/** LaTeX accents → combining marks (NFC-composed afterwards). */
const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a',
};
const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textendash: '–', textemdash: '—', textquoteright: '’', textquoteleft: '‘',
  textquotedblleft: '“', textquotedblright: '”', ldots: '…', dots: '…', textellipsis: '…', S: '§', P: '¶', textregistered: '®', texttrademark: '™', copyright: '©',
};

/**
 * A BibTeX field value as plain text: escaped specials (`\\&`, `\\{`, `\\^{}`…), accents (`\\"{o}`,
 * `{\\'e}`), named symbols (`\\ss`, `\\textbackslash{}`) and `--`/`---` resolved; formatting commands
 * (`\\emph{x}`) keep their argument; grouping braces dropped; `~` is a space; white space folded.
 */
export function latexToText(value: string): string {
  let out = '';
  let i = 0;
  const n = value.length;
  while (i < n) {
    const ch = value[i]!;
    if (ch === '\\') {
      const next = value[i + 1];
      if (next === undefined) {
        out += '\\';
        i++;
      } else if ((next === '^' || next === '~') && value.startsWith('{}', i + 2)) {
        out += next;
        i += 4;
      } else if ('{}%&$#_ \\'.includes(next)) {
        out += next;
        i += 2;
      } else if (ACCENTS[next] !== undefined && (/[^A-Za-z]/.test(next) || !/[A-Za-z]/.test(value[i + 2] ?? ''))) {
        // \"o, \"{o}, \'{\i}, and letter accents written \c{c} or \v c.
        let j = i + 2;
        while (value[j] === ' ') j++;
        let base = '';
        const braced = /^\{\s*(\\[ij]|[A-Za-z])\s*\}/.exec(value.slice(j));
        if (braced) {
          base = braced[1]!;
          j += braced[0].length;
        } else if (/[A-Za-z]/.test(value[j] ?? '')) {
          base = value[j]!;
          j++;
        }
        if (base) {
          out += `${base.replace(/^\\/, '')}${ACCENTS[next]}`.normalize('NFC');
          i = j;
        } else {
          out += next;
          i += 2;
        }
      } else if (/[A-Za-z]/.test(next)) {
        const m = /^[A-Za-z]+/.exec(value.slice(i + 1))!;
        const name = m[0];
        let j = i + 1 + name.length;
        if (value.startsWith('{}', j)) j += 2;
        else if (value[j] === ' ' && SYMBOLS[name] !== undefined) j++;
        // A known symbol becomes its character; any other command (\emph, \url) leaves its argument.
        out += SYMBOLS[name] ?? '';
        i = j;
      } else {
        out += next;
        i += 2;
      }
    } else if (ch === '{' || ch === '}') {
      i++;
    } else if (ch === '~') {
      out += ' ';
      i++;
    } else if (ch === '-' && value.startsWith('---', i)) {
      out += '—';
      i += 3;
    } else if (ch === '-' && value.startsWith('--', i)) {
      out += '–';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

interface BibEntry {
  type: string;
  key: string;
  line: number;
  fields: Map<string, string>;
}

/**
 * A small, strict BibTeX reader: `@type{key, field = {value} # "value" # macro, ...}` or with
 * parentheses; @string macros; @comment and @preamble skipped; text between entries ignored (as
 * BibTeX does). Any malformed entry stops the import with its line number.
 */
export function parseBibtexEntries(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  const macros = new Map<string, string>(MONTH_MACROS);
  const lineAt = lineIndex(text);
  let i = 0;
  const fail = (at: number, message: string): never => {
    throw invalidImport({ line: lineAt(at), message }, 'BibTeX');
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const readName = (what: string): string => {
    skipSpace();
    const m = /^[A-Za-z0-9_:.+/\-'!?*&<>[\]]+/.exec(text.slice(i, i + 500));
    if (!m) fail(i, `expected ${what}, found ${text[i] === undefined ? 'the end of the file' : `"${text[i]}"`}`);
    i += m![0].length;
    return m![0];
  };
  const readBraced = (open: string, close: string, start: number): string => {
    // i is just after the opening delimiter.
    let depth = 0;
    const from = i;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}' && depth > 0) depth--;
      else if (ch === close && depth === 0) {
        i++;
        return text.slice(from, i - 1);
      } else if (ch === '}' && depth === 0) fail(i, `unbalanced "}"`);
      // A new entry starting inside a value means this one was never closed.
      if (ch === '\n' && close === '"' && depth === 0 && /^\s*@[A-Za-z]+\s*[{(]/.test(text.slice(i + 1, i + 200))) {
        fail(start, 'the quoted value is not closed');
      }
      i++;
    }
    return fail(start, open === '"' ? 'the quoted value is not closed (the file ends first)' : 'the value is not closed: a "}" is missing (is the file cut short?)');
  };
  const readValue = (): string => {
    const parts: string[] = [];
    for (;;) {
      skipSpace();
      const start = i;
      const ch = text[i];
      if (ch === '{') {
        i++;
        parts.push(readBraced('{', '}', start));
      } else if (ch === '"') {
        i++;
        parts.push(readBraced('"', '"', start));
      } else if (ch !== undefined && /[0-9]/.test(ch)) {
        parts.push(readName('a number'));
      } else if (ch !== undefined && /[A-Za-z]/.test(ch)) {
        const name = readName('a value').toLowerCase();
        const macro = macros.get(name);
        if (macro === undefined) fail(start, `unknown macro "${name}" (values must be in {braces} or "quotes")`);
        parts.push(macro!);
      } else {
        fail(start, ch === undefined ? 'the file ends where a value should be (is it cut short?)' : `expected a value in {braces} or "quotes", found "${ch}"`);
      }
      skipSpace();
      if (text[i] === '#') {
        i++;
        continue;
      }
      return parts.join('');
    }
  };

  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at === -1) break;
    i = at + 1;
    const type = readName('an entry type after "@"').toLowerCase();
    skipSpace();
    const open = text[i];
    if (open !== '{' && open !== '(') fail(i, `expected "{" after @${type}`);
    const close = open === '{' ? '}' : ')';
    const entryStart = at;
    i++;
    if (type === 'comment' || type === 'preamble') {
      readBraced(open!, close, entryStart);
      continue;
    }
    if (type === 'string') {
      const name = readName('a macro name').toLowerCase();
      skipSpace();
      if (text[i] !== '=') fail(i, `expected "=" after the macro name "${name}"`);
      i++;
      macros.set(name, readValue());
      skipSpace();
      if (text[i] !== close) fail(i, `expected "${close}" to close @string`);
      i++;
      continue;
    }
    skipSpace();
    const keyMatch = /^[^,\s{}()"#%'=]+/.exec(text.slice(i, i + 500));
    const key = keyMatch ? keyMatch[0] : '';
    i += key.length;
    skipSpace();
    const fields = new Map<string, string>();
    if (text[i] === ',') i++;
    else if (text[i] !== close) fail(i, `expected "," after the citation key${key ? ` "${key}"` : ''}`);
    for (;;) {
      skipSpace();
      if (i >= text.length) fail(entryStart, `the @${type} entry is not closed: a "${close}" is missing (is the file cut short?)`);
      if (text[i] === close) {
        i++;
        break;
      }
      if (text[i] === '@') fail(entryStart, `the @${type} entry is not closed before the next entry starts`);
      const name = readName('a field name').toLowerCase();
      skipSpace();
      if (text[i] !== '=') fail(i, `expected "=" after the field name "${name}"`);
      i++;
      fields.set(name, readValue());
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        break;
      }
      fail(i, i >= text.length ? `the @${type} entry is not closed (is the file cut short?)` : `expected "," or "${close}" after the ${name} field, found "${text[i]}"`);
    }
    entries.push({ type, key, line: lineAt(entryStart), fields });
  }
  return entries;
}

const MONTH_MACROS: [string, string][] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, String(i + 1)]);

/** BibTeX authors: "A and B", each "Family, Given" or "Given Family"; {Braced Names} are organizations. */
export function bibtexAuthors(raw: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  const tokens = raw.split(/(\s+and\s+|[{}])/i);
  for (const token of tokens) {
    if (token === '{') depth++;
    if (token === '}') depth--;
    if (depth === 0 && /^\s+and\s+$/i.test(token)) {
      names.push(current);
      current = '';
    } else {
      current += token;
    }
  }
  names.push(current);
  return names
    .map((n) => {
      const trimmed = n.trim();
      if (/^\{[^{}]*\}$/.test(trimmed)) return latexToText(trimmed);
      const text = latexToText(trimmed);
      if (text.includes(',')) {
        const [family, ...rest] = text.split(',');
        return joinName({ family: family!.trim(), given: rest.join(',').trim() });
      }
      return text;
    })
    .filter((n) => n && n.toLowerCase() !== 'others');
}

export function parseBibtex(text: string): { records: CitationRecord[]; issues: ImportIssue[] } {
  const entries = parseBibtexEntries(text);
  if (entries.length === 0) throw invalidImport({ line: 1, message: 'no BibTeX entries (such as @online{key, ...}) were found' }, 'BibTeX');
  const records = entries.map((e): CitationRecord => {
    const f = (name: string) => {
      const v = e.fields.get(name);
      return v === undefined ? null : latexToText(v);
    };
    const rawUrl = e.fields.get('url') ?? (e.fields.get('howpublished')?.match(/\\url\{([^}]*)\}/)?.[1] ?? null);
    const doi = f('doi');
    const published = normalizeDate(f('date')) ?? (f('year') ? isoFromParts(f('year'), monthNumber(f('month') ?? '') ?? undefined, f('day') ?? undefined) : null);
    return {
      where: { line: e.line },
      title: f('title'),
      authors: e.fields.has('author') ? bibtexAuthors(e.fields.get('author')!) : [],
      container: f('journaltitle') ?? f('journal') ?? f('booktitle') ?? f('organization') ?? f('publisher') ?? f('institution'),
      url: rawUrl ? rawUrl.trim() : doi ? `https://doi.org/${doi}` : null,
      published,
      abstract: f('abstract'),
      lang: f('langid') ?? f('language'),
      keywords: (f('keywords') ?? '').split(/[,;]/).map((k) => k.trim()).filter(Boolean),
    };
  });
  return { records, issues: [] };
}

// ---------------------------------------------------------------- RIS

const RIS_LINE = /^([A-Z][A-Z0-9])  -(?: (.*))?$/;

/**
 * RIS: `TY  - ` starts a record, `ER  - ` ends it, one `XX  - value` tag per line (lines that are
 * not tags continue the previous value, as some exporters wrap long abstracts).
 */
export function parseRis(text: string): { records: CitationRecord[]; issues: ImportIssue[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const records: CitationRecord[] = [];
  let current: { line: number; tags: [string, string][] } | null = null;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\s+$/, '');
    if (line === '') return;
    const m = RIS_LINE.exec(line) ?? /^([A-Z][A-Z0-9]) {1,2}-\s*(.*)$/.exec(line);
    if (!m) {
      if (!current) throw invalidImport({ line: lineNo, message: `expected a "TY  - " line to start a record, found "${line.slice(0, 60)}"` }, 'RIS');
      const last = current.tags[current.tags.length - 1];
      if (last) last[1] = `${last[1]} ${line.trim()}`;
      return;
    }
    const tag = m[1]!;
    const value = (m[2] ?? '').trim();
    if (tag === 'TY') {
      if (current) throw invalidImport({ line: current.line, message: `the record starting here has no "ER  - " line before the next "TY  - " (line ${lineNo})` }, 'RIS');
      current = { line: lineNo, tags: [['TY', value]] };
      return;
    }
    if (!current) throw invalidImport({ line: lineNo, message: `"${tag}  - " outside a record: a record starts with "TY  - "` }, 'RIS');
    if (tag === 'ER') {
      records.push(risRecord(current.line, current.tags));
      current = null;
      return;
    }
    current.tags.push([tag, value]);
  });
  if (current) throw invalidImport({ line: (current as { line: number }).line, message: 'the record starting here has no "ER  - " line (is the file cut short?)' }, 'RIS');
  if (records.length === 0) throw invalidImport({ line: 1, message: 'no RIS records (starting with "TY  - ") were found' }, 'RIS');
  return { records, issues: [] };
}

function risRecord(line: number, tags: [string, string][]): CitationRecord {
  const all = (...names: string[]) => tags.filter(([t]) => names.includes(t)).map(([, v]) => v).filter(Boolean);
  const first = (...names: string[]) => {
    for (const n of names) {
      const v = all(n)[0];
      if (v) return v;
    }
    return null;
  };
  const doi = first('DO');
  return {
    where: { line },
    title: first('TI', 'T1', 'CT', 'BT'),
    authors: all('AU', 'A1').map((a) => (a.includes(',') ? joinName({ family: a.split(',')[0]!.trim(), given: a.split(',').slice(1).join(',').trim() }) : a)),
    container: first('T2', 'JO', 'JF', 'JA', 'J2', 'PB'),
    url: first('UR', 'L2') ?? (doi ? `https://doi.org/${doi}` : null),
    published: normalizeDate(first('DA', 'PY', 'Y1')),
    abstract: first('AB', 'N2'),
    lang: first('LA'),
    keywords: all('KW'),
  };
}
