import { STANCE_VALUES, type Quote, type StanceValue } from '../../../shared/domain/entities';
import type { StanceMatrixRow } from '../../../shared/domain/analysis';
import { allQuotes, pushTo, type ExportData } from './export-data';

/**
 * One self-contained, printable HTML report of a collection, a topic, a selection or the library:
 * its sources, its quotes grouped by speaker and then by stance, and each topic's stance matrix.
 *
 * Self-contained: inline CSS only, no scripts, no images, fonts or anything else fetched (a CSP
 * meta tag forbids it even if a later edit slipped), so it opens offline and prints the same
 * anywhere. Every piece of library text is HTML-escaped. The desktop app prints this same document
 * to PDF (`--format pdf`: main/electron/pdf-printer.ts); browser mode opens it in a new tab and
 * calls the browser's print (`export.report.get`).
 *
 * Stance is shown as a symbol and a word, never by colour alone.
 */
const STANCE_LABEL: Record<StanceValue, string> = { supports: '✓ supports', opposes: '✗ opposes', neutral: '○ neutral', mixed: '◐ mixed' };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const e = escapeHtml;
/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

const CSS = `
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4da; --supports: #1f7a3a; --opposes: #b3261e; --neutral: #5f6368; --mixed: #8a5a00; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 -apple-system, "Segoe UI", system-ui, sans-serif; color: var(--ink); max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; } h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; } h4 { font-size: .95rem; margin: .75rem 0 .25rem; color: var(--muted); }
.meta, .muted { color: var(--muted); font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95em; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { font-weight: 600; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: .5rem 0 .75rem; padding: .1rem 0 .1rem .9rem; border-left: 3px solid var(--rule); }
blockquote p { margin: .2rem 0; } .source { font-size: .85em; color: var(--muted); }
.stance { font-weight: 600; white-space: nowrap; } .supports { color: var(--supports); } .opposes { color: var(--opposes); } .neutral { color: var(--neutral); } .mixed { color: var(--mixed); }
a { color: inherit; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } blockquote, tr { break-inside: avoid; } a { text-decoration: none; } }
`;

const stanceBadge = (v: StanceValue) => `<span class="stance ${v}">${e(STANCE_LABEL[v])}</span>`;

export const reportTitle = (scopeLabel: string): string => `Sourcebook report — ${scopeLabel}`;

/** The report as one string (`export.report.get`: the page shows or prints it). */
export function toHtmlReport(data: ExportData): string {
  const pieces: string[] = [];
  writeHtmlReport(data, (piece) => pieces.push(piece));
  return pieces.join('');
}

/**
 * The report, piece by piece (the HTML file export writes them as they come: one string of a whole
 * large library's report would near V8's string limit). Each piece ends a line.
 */
export function writeHtmlReport(data: ExportData, write: (piece: string) => void): void {
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const quotes = allQuotes(data);
  const title = reportTitle(data.scope.label);
  const out = {
    push(...lines: string[]) {
      for (const line of lines) write(`${line}\n`);
    },
  };
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head><body>',
    `<h1>${e(title)}</h1>`,
    `<p class="meta">${e(`${data.articles.length} sources · ${quotes.length} quotes · ${data.speakers.length} speakers · ${data.topics.length} topics · exported ${data.exportedAt}`)}</p>`,
  );

  out.push('<h2>Sources</h2>');
  if (data.articles.length === 0) out.push('<p class="muted">No sources in this selection.</p>');
  else {
    out.push('<table><thead><tr><th>Title</th><th>Outlet</th><th>Authors</th><th>Published</th><th class="n">Quotes</th></tr></thead><tbody>');
    for (const a of data.articles) {
      const href = safeHref(a.canonicalUrl ?? a.url);
      const titleCell = href ? `<a href="${e(href)}">${e(a.title)}</a>` : e(a.title);
      out.push(`<tr><td>${titleCell}</td><td>${e(a.siteName ?? '')}</td><td>${e(a.authors.join(', '))}</td><td>${e(a.publishedAt?.slice(0, 10) ?? '')}</td><td class="n">${(data.quotesByArticle.get(a.id) ?? []).length}</td></tr>`);
    }
    out.push('</tbody></table>');
  }

  out.push('<h2>Quotes by speaker</h2>');
  if (quotes.length === 0) out.push('<p class="muted">No quotes in this selection.</p>');
  const groups = new Map<string, { label: string; role: string | null; quotes: Quote[] }>();
  for (const s of data.speakers) groups.set(s.id, { label: s.name, role: [s.role, s.affiliation].filter(Boolean).join(', ') || null, quotes: [] });
  const unattributed: Quote[] = [];
  for (const q of quotes) {
    const group = q.speakerId ? groups.get(q.speakerId) : undefined;
    if (group) group.quotes.push(q);
    else unattributed.push(q);
  }
  const renderQuote = (q: Quote) => {
    const a = articles.get(q.articleId);
    const href = safeHref(a?.canonicalUrl ?? a?.url ?? null);
    const source = [a?.siteName, a?.title ?? q.articleTitle, q.saidAt?.slice(0, 10)].filter((x): x is string => Boolean(x)).map(e).join(' · ');
    const stances = (data.stancesBySubject.get(q.id) ?? []).map((st) => `${stanceBadge(st.value)} ${e(st.topicTitle)}`).join(' · ');
    const parts = [`<blockquote><p>${e(q.text)}</p>`, `<p class="source">${href ? `<a href="${e(href)}">${source}</a>` : source}${stances ? ` — ${stances}` : ''}</p>`];
    if (q.note.trim()) parts.push(`<p class="muted">Note: ${e(q.note.trim())}</p>`);
    parts.push('</blockquote>');
    return parts.join('');
  };
  const renderGroup = (label: string, role: string | null, list: Quote[]) => {
    if (list.length === 0) return;
    out.push(`<h3>${e(label)}${role ? ` <span class="muted">${e(role)}</span>` : ''}</h3>`);
    const byStance = new Map<string, Quote[]>();
    for (const q of list) {
      const values = [...new Set((data.stancesBySubject.get(q.id) ?? []).map((st) => st.value))];
      const key = values.length === 0 ? 'none' : values.length === 1 ? values[0]! : 'several';
      pushTo(byStance, key, q);
    }
    for (const key of [...STANCE_VALUES, 'several', 'none']) {
      const qs = byStance.get(key);
      if (!qs) continue;
      const heading = key === 'none' ? 'No stance recorded' : key === 'several' ? 'Several stances' : STANCE_LABEL[key as StanceValue];
      // One at a time: spread into a call, a group of some 100k quotes would overflow the stack.
      out.push(`<h4>${key === 'none' || key === 'several' ? e(heading) : stanceBadge(key as StanceValue)}</h4>`);
      for (const q of qs) out.push(renderQuote(q));
    }
  };
  for (const g of groups.values()) renderGroup(g.label, g.role, g.quotes);
  renderGroup('Unattributed', null, unattributed);

  out.push('<h2>Stance matrix</h2>');
  if (data.matrices.length === 0) out.push('<p class="muted">No stances recorded in this selection.</p>');
  const matrixTable = (rows: StanceMatrixRow[], first: string) => {
    if (rows.length === 0) return;
    out.push(`<table><thead><tr><th>${e(first)}</th><th>Position</th>${STANCE_VALUES.map((v) => `<th class="n">${e(STANCE_LABEL[v])}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of rows) {
      const who = `${e(r.label)}${r.role ? ` <span class="muted">${e(r.role)}</span>` : ''}`;
      out.push(`<tr><td>${who}</td><td>${stanceBadge(r.current)} <span class="muted">${r.isDerived ? 'from quotes' : 'set'}</span></td>${STANCE_VALUES.map((v) => `<td class="n">${r.counts[v]}</td>`).join('')}</tr>`);
    }
    out.push('</tbody></table>');
  };
  for (const m of data.matrices) {
    out.push(`<h3>${e(m.topicTitle)}</h3>`, `<p class="meta">${STANCE_VALUES.map((v) => `${stanceBadge(v)} ${m.totals[v]}`).join(' · ')}</p>`);
    matrixTable(m.speakers, 'Speaker');
    matrixTable(m.outlets, 'Outlet');
    if (m.speakers.length === 0 && m.outlets.length === 0) out.push('<p class="muted">No stances recorded yet.</p>');
  }
  out.push('</body></html>');
}
