import { type EmbedToken } from '../../../shared/notes/embed-syntax';
import { isSafeHref, parseMarkdown, type Block, type Inline } from '../../../shared/notes/markdown-ast';
import type { ResolvedEmbed } from '../../../shared/notes/resolved';
import { escapeHtml as esc, runsToHtml } from './csl-html';
import { NoteFootnotes } from './footnotes';
import {
  STANCE_SYMBOLS, STANCE_WORDS, formatLongDate, missingText, quoteDate, referenceText, sourceOf, type NoteExportModel,
} from './export-model';

/**
 * Self-contained HTML: one file, inline CSS, no scripts (a CSP meta tag forbids them and any
 * fetch), every piece of text escaped. Raw HTML typed in a note is shown as text. Images are not
 * fetched (the file must open offline and leak nothing): they become links.
 */

const CSS = `
:root { color-scheme: light dark; --fg: #1c1c1f; --muted: #5f6068; --bg: #ffffff; --rule: #e3e3df; --card: #f7f7f5; --accent: #3451c7;
  --supports: #1f7a3d; --opposes: #b42318; --neutral: #52545c; --mixed: #8a5a00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e7e7ea; --muted: #a3a4ad; --bg: #1c1d20; --rule: #2c2d32; --card: #25262a; --accent: #8198f5;
  --supports: #7ad69a; --opposes: #f2857a; --neutral: #b5b7c0; --mixed: #f0c259; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 18px/1.7 ui-serif, Charter, Cambria, 'Noto Serif', Georgia, serif; }
main { max-width: 70ch; margin: 0 auto; padding: 48px 24px 64px; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2em; margin-top: 0; }
.meta, figcaption, .muted, footer { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; font-size: 14px; color: var(--muted); }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 0.85em; background: var(--card); border-radius: 4px; }
code { padding: 0 0.25em; }
pre { padding: 12px 16px; overflow-x: auto; white-space: pre-wrap; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid var(--rule); color: var(--muted); }
figure.embed { margin: 1.4em 0; padding: 14px 18px; background: var(--card); border: 1px solid var(--rule); border-left: 4px solid var(--accent); border-radius: 6px; }
figure.embed blockquote { margin: 0; padding: 0; border: 0; color: var(--fg); font-size: 1.1em; }
figure.embed blockquote p { margin: 0; }
figure.embed figcaption { margin-top: 8px; }
figure.embed--missing { border-left-color: var(--opposes); }
.speaker { font-weight: 600; color: var(--fg); }
.stance { display: inline-block; margin: 2px 6px 2px 0; padding: 0 8px; border: 1px solid currentColor; border-radius: 999px; font-size: 12px; font-weight: 600; }
.stance--supports { color: var(--supports); } .stance--opposes { color: var(--opposes); } .stance--neutral { color: var(--neutral); } .stance--mixed { color: var(--mixed); }
.citation { color: var(--fg); }
table { border-collapse: collapse; margin: 1em 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; font-size: 14px; }
th, td { border: 1px solid var(--rule); padding: 4px 10px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
.bibliography li { padding-left: 2em; text-indent: -2em; list-style: none; }
.bibliography ul { padding: 0; }
.small-caps { font-variant: small-caps; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--rule); }
article + article { margin-top: 64px; padding-top: 32px; border-top: 2px solid var(--rule); }
@media print { body { font-size: 11pt; } main { max-width: none; padding: 0; } figure.embed { break-inside: avoid; } a { color: inherit; } }
`.trim();

const attr = (value: string): string => esc(value);

function citationHtml(model: NoteExportModel, notes: NoteFootnotes, r: ResolvedEmbed): string {
  const source = sourceOf(r);
  if (!source || !model.style) return '';
  const footnote = notes.cite(source.articleId);
  if (footnote) {
    return `<sup class="footnote-ref"><a href="#fn-${attr(footnote.label)}" id="fnref-${attr(footnote.label)}">${esc(String(footnote.n))}</a></sup>`;
  }
  const c = model.citations.get(source.articleId);
  return c ? ` <span class="citation">${runsToHtml(c.inText)}</span>` : '';
}

function linkHtml(text: string, url: string | null): string {
  return url && isSafeHref(url) ? `<a href="${attr(url)}">${esc(text)}</a>` : esc(text);
}

function embedBlockHtml(model: NoteExportModel, notes: NoteFootnotes, token: EmbedToken): string {
  const r = model.resolved[token.id];
  if (!r || r.status === 'missing') return `<figure class="embed embed--missing"><p><strong>${esc(missingText(r, token))}</strong></p></figure>`;
  switch (r.type) {
    case 'quote': {
      const who = r.speakerName ? `<span class="speaker">${esc(r.speakerName)}</span>${r.speakerRole ? `, <span class="role">${esc(r.speakerRole)}</span>` : ''}` : '<span class="speaker">Unattributed</span>';
      const stances = r.stances
        .map((s) => `<span class="stance stance--${s.value}">${STANCE_SYMBOLS[s.value]} ${STANCE_WORDS[s.value]} · ${esc(s.topicTitle)}</span>`)
        .join('');
      const source = [r.source.siteName ? `<cite>${esc(r.source.siteName)}</cite>` : null, esc(quoteDate(r.saidAt, r.source)) || null, linkHtml(r.source.title, r.source.url)]
        .filter(Boolean)
        .join(' · ');
      const text = r.text.split(/\r?\n/).map(esc).join('<br>');
      return `<figure class="embed embed--quote" id="${model.blockIds.get(r.id)}"><blockquote><p>“${text}”</p></blockquote><figcaption>— ${who}${stances ? `<br>${stances}` : ''}<br>${source}${citationHtml(model, notes, r)}</figcaption></figure>`;
    }
    case 'article': {
      const s = r.source;
      const meta = [s.siteName ? `<cite>${esc(s.siteName)}</cite>` : null, s.authors.length ? esc(s.authors.join(', ')) : null, esc(formatLongDate(s.publishedAt)) || null].filter(Boolean).join(' · ');
      return `<figure class="embed embed--article"><p><strong>${linkHtml(s.title, s.url)}</strong></p>${meta ? `<figcaption>${meta}${citationHtml(model, notes, r)}</figcaption>` : ''}</figure>`;
    }
    case 'speaker': {
      const about = [r.role, r.affiliation].filter(Boolean).join(', ');
      return `<figure class="embed embed--speaker"><p><span class="speaker">${esc(r.name)}</span>${about ? ` — ${esc(about)}` : ''}</p></figure>`;
    }
    case 'note':
      return `<figure class="embed embed--note"><p>See the note <strong>${esc(r.title || 'Untitled note')}</strong></p></figure>`;
    case 'topic': {
      const rows = [...r.speakers, ...r.outlets];
      const totals = (['supports', 'opposes', 'neutral', 'mixed'] as const).map((v) => `${r.totals[v]} ${STANCE_WORDS[v].toLowerCase()}`).join(', ');
      const body = rows.length
        ? `<table><thead><tr><th>Who</th><th>Position</th><th>Supports</th><th>Opposes</th><th>Neutral</th><th>Mixed</th></tr></thead><tbody>${rows
            .map(
              (row) =>
                `<tr><td>${esc(row.label)}${row.role ? ` <span class="muted">(${esc(row.role)})</span>` : ''}${row.kind === 'outlet' ? ' <span class="muted">outlet</span>' : ''}</td><td><span class="stance stance--${row.current}">${STANCE_SYMBOLS[row.current]} ${STANCE_WORDS[row.current]}</span>${row.isDerived ? '' : ' <span class="muted">stated</span>'}</td>${(['supports', 'opposes', 'neutral', 'mixed'] as const).map((v) => `<td class="num">${row.counts[v]}</td>`).join('')}</tr>`,
            )
            .join('')}</tbody></table>`
        : '<p class="muted">No stances recorded yet.</p>';
      return `<figure class="embed embed--topic"><p><strong>Stance matrix: ${esc(r.title)}</strong> <span class="muted">(${esc(totals)})</span></p>${body}</figure>`;
    }
  }
}

function inlineHtml(model: NoteExportModel, notes: NoteFootnotes, items: readonly Inline[]): string {
  return items
    .map((i) => {
      switch (i.t) {
        case 'text':
          return esc(i.text);
        case 'em':
          return `<em>${inlineHtml(model, notes, i.children)}</em>`;
        case 'strong':
          return `<strong>${inlineHtml(model, notes, i.children)}</strong>`;
        case 'del':
          return `<del>${inlineHtml(model, notes, i.children)}</del>`;
        case 'code':
          return `<code>${esc(i.text)}</code>`;
        case 'break':
          return '<br>';
        case 'link':
          return isSafeHref(i.href) ? `<a href="${attr(i.href)}">${inlineHtml(model, notes, i.children)}</a>` : inlineHtml(model, notes, i.children);
        case 'image':
          return isSafeHref(i.src) ? `<a href="${attr(i.src)}">[image${i.alt ? `: ${esc(i.alt)}` : ''}]</a>` : `[image${i.alt ? `: ${esc(i.alt)}` : ''}]`;
        case 'embed': {
          const r = model.resolved[i.token.id];
          const text = esc(referenceText(r, i.token));
          if (!r || r.status === 'missing') return `<span class="missing">${text}</span>`;
          if (r.type === 'article') return linkHtml(referenceText(r, i.token), r.source.url) + citationHtml(model, notes, r);
          if (r.type === 'quote') return `${i.token.label ? text : `<q>${esc(r.text)}</q>${r.speakerName ? ` (${esc(r.speakerName)})` : ''}`}${citationHtml(model, notes, r)}`;
          return text;
        }
      }
    })
    .join('');
}

function blocksHtml(model: NoteExportModel, notes: NoteFootnotes, blocks: readonly Block[], headingShift: number): string {
  return blocks
    .map((b) => {
      switch (b.t) {
        case 'heading': {
          const level = Math.min(6, b.level + headingShift);
          return `<h${level}>${inlineHtml(model, notes, b.children)}</h${level}>`;
        }
        case 'paragraph':
          return `<p>${inlineHtml(model, notes, b.children)}</p>`;
        case 'embed':
          return embedBlockHtml(model, notes, b.token);
        case 'quote':
          return `<blockquote>${blocksHtml(model, notes, b.children, headingShift)}</blockquote>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
          const items = b.items
            .map((item) => `<li>${item.checked === null ? '' : item.checked ? '☑ ' : '☐ '}${blocksHtml(model, notes, item.children, headingShift)}</li>`)
            .join('');
          return `<${tag}${start}>${items}</${tag}>`;
        }
        case 'code':
          return `<pre><code>${esc(b.text)}</code></pre>`;
        case 'rule':
          return '<hr>';
        case 'html':
          return `<pre class="raw-html">${esc(b.text)}</pre>`;
        case 'table':
          return `<table><thead><tr>${b.header.map((c) => `<th>${inlineHtml(model, notes, c)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((row) => `<tr>${row.map((c) => `<td>${inlineHtml(model, notes, c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
      }
    })
    .join('\n');
}

/** One note as an <article>: title, meta line, body, footnotes, bibliography. */
export function noteArticleHtml(model: NoteExportModel, headingShift = 0): string {
  const { note } = model;
  const h = (n: number) => Math.min(6, n + headingShift);
  const meta = [
    `Updated ${esc(formatLongDate(note.updatedAt))}`,
    model.topics.length ? `Topics: ${model.topics.map((t) => esc(t.title)).join(', ')}` : null,
    note.tags.length ? `Tags: ${note.tags.map(esc).join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const notes = new NoteFootnotes(model);
  const parts = [`<header><h${h(1)}>${esc(note.title || 'Untitled note')}</h${h(1)}><p class="meta">${meta}</p></header>`, blocksHtml(model, notes, parseMarkdown(note.body), headingShift)];
  if (notes.entries.length) {
    parts.push(
      `<section class="footnotes" aria-label="Notes"><hr><ol>${notes.entries
        .map((f) => `<li id="fn-${attr(f.label)}" value="${f.n}">${runsToHtml(f.runs)} <a href="#fnref-${attr(f.label)}" class="footnote-back" aria-label="Back to the text of note ${f.n}">↩</a></li>`)
        .join('')}</ol></section>`,
    );
  }
  if (model.bibliography?.entries.length) {
    parts.push(
      `<section class="bibliography"><h${h(2)}>${esc(model.bibliography.heading)}</h${h(2)}><ul>${model.bibliography.entries.map((e) => `<li>${runsToHtml(e.runs)}</li>`).join('')}</ul></section>`,
    );
  }
  return `<article>\n${parts.join('\n')}\n</article>`;
}

export function htmlDocument(title: string, articles: string[], exportedAt: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Sourcebook">
<title>${esc(title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<main>
${articles.join('\n')}
<footer>Exported from Sourcebook on ${esc(formatLongDate(exportedAt))}.</footer>
</main>
</body>
</html>
`;
}
