import { lazyModule } from '../../lazy-module';

const loadYaml = lazyModule<typeof import('yaml')>('yaml');
import { parseEmbeds, type EmbedToken } from '../../../shared/notes/embed-syntax';
import type { ResolvedEmbed } from '../../../shared/notes/resolved';
import { runsToMarkdown } from './csl-html';
import { NoteFootnotes } from './footnotes';
import {
  STANCE_SYMBOLS, STANCE_WORDS, formatLongDate, missingText, quoteDate, referenceText, sourceOf, stanceLabel, type NoteExportModel,
} from './export-model';

/**
 * Markdown with every embed resolved: the writer's own Markdown is kept as typed, and each token
 * becomes plain Markdown. A quote block is a blockquote with the speaker, role, stance and source,
 * ending in Obsidian's block id `^q-<last 12 characters of the quote id>` (quoteBlockId) so it can be linked to.
 */

const escapeMd = (text: string): string => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const link = (text: string, url: string | null): string => (url ? `[${escapeMd(text)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : escapeMd(text));

/** The lines of a block embed (without the container prefix). */
function blockLines(model: NoteExportModel, notes: NoteFootnotes, token: EmbedToken): string[] {
  const r = model.resolved[token.id];
  if (!r || r.status === 'missing') return [`> **${escapeMd(missingText(r, token))}**`];
  switch (r.type) {
    case 'quote': {
      const attribution = [
        r.speakerName ? `— **${escapeMd(r.speakerName)}**${r.speakerRole ? `, ${escapeMd(r.speakerRole)}` : ''}` : '— Unattributed',
        ...r.stances.map((s) => escapeMd(stanceLabel(s))),
      ].join(' · ');
      const source = [r.source.siteName ? `*${escapeMd(r.source.siteName)}*` : null, quoteDate(r.saidAt, r.source) || null, link(r.source.title, r.source.url)]
        .filter(Boolean)
        .join(', ');
      const lines = r.text.split(/\r?\n/).map((l, i, all) => `> ${i === 0 ? '“' : ''}${escapeMd(l)}${i === all.length - 1 ? '”' : ''}`);
      return [...lines, '>', `> ${attribution}\\`, `> ${source}${citationSuffix(model, notes, r)} ^${model.blockIds.get(r.id)}`];
    }
    case 'article': {
      const s = r.source;
      const meta = [s.siteName ? `*${escapeMd(s.siteName)}*` : null, s.authors.length ? escapeMd(s.authors.join(', ')) : null, formatLongDate(s.publishedAt) || null].filter(Boolean).join(' · ');
      return [`> **${link(s.title, s.url)}**${meta ? '\\' : ''}`, ...(meta ? [`> ${meta}${citationSuffix(model, notes, r)}`] : [])];
    }
    case 'speaker':
      return [`> **${escapeMd(r.name)}**${[r.role, r.affiliation].filter(Boolean).length ? ` — ${escapeMd([r.role, r.affiliation].filter(Boolean).join(', '))}` : ''}`];
    case 'note':
      return [`> See the note **${escapeMd(r.title || 'Untitled note')}**`];
    case 'topic': {
      const totals = (['supports', 'opposes', 'neutral', 'mixed'] as const).map((v) => `${r.totals[v]} ${STANCE_WORDS[v].toLowerCase()}`).join(', ');
      const rows = [...r.speakers, ...r.outlets];
      const table = rows.length
        ? [
            '',
            '| Who | Position | Supports | Opposes | Neutral | Mixed |',
            '| --- | --- | ---: | ---: | ---: | ---: |',
            ...rows.map(
              (row) =>
                `| ${escapeMd(row.label)}${row.role ? ` (${escapeMd(row.role)})` : ''}${row.kind === 'outlet' ? ' — outlet' : ''} | ${STANCE_SYMBOLS[row.current]} ${STANCE_WORDS[row.current]}${row.isDerived ? '' : ' (stated)'} | ${row.counts.supports} | ${row.counts.opposes} | ${row.counts.neutral} | ${row.counts.mixed} |`,
            ),
          ]
        : ['', '*No stances recorded yet.*'];
      return [`**Stance matrix: ${escapeMd(r.title)}** (${totals})`, ...table];
    }
  }
}

function citationSuffix(model: NoteExportModel, notes: NoteFootnotes, r: ResolvedEmbed): string {
  const source = sourceOf(r);
  if (!source || !model.style) return '';
  const footnote = notes.cite(source.articleId);
  if (footnote) return `[^${footnote.label}]`;
  const c = model.citations.get(source.articleId);
  return c ? ` ${runsToMarkdown(c.inText)}` : '';
}

function inlineText(model: NoteExportModel, notes: NoteFootnotes, token: EmbedToken): string {
  const r = model.resolved[token.id];
  const text = referenceText(r, token);
  if (!r || r.status === 'missing') return escapeMd(text);
  if (r.type === 'article') return link(text, r.source.url) + citationSuffix(model, notes, r);
  if (r.type === 'quote') return escapeMd(text) + citationSuffix(model, notes, r);
  return escapeMd(text);
}

/** The body with tokens replaced. A `![[…]]` alone on its line (inside quotes or lists too) becomes a block. */
function resolveMarkdownBody(model: NoteExportModel, notes: NoteFootnotes): string {
  const body = model.note.body;
  const tokens = parseEmbeds(body);
  let out = '';
  let pos = 0;
  for (const token of tokens) {
    const lineStart = body.lastIndexOf('\n', token.from - 1) + 1;
    let lineEnd = body.indexOf('\n', token.to);
    if (lineEnd === -1) lineEnd = body.length;
    const prefix = body.slice(lineStart, token.from);
    const isAlone = token.isEmbed && /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*$/.test(prefix) && body.slice(token.to, lineEnd).trim() === '' && token.from >= pos;
    if (isAlone) {
      const continuation = prefix.replace(/(?:[-*+]|\d{1,9}[.)])([ \t]+)/, (m) => ' '.repeat(m.length));
      const lines = blockLines(model, notes, token);
      out += body.slice(pos, token.from) + lines.map((l, i) => (i === 0 ? l : `${continuation}${l}`.replace(/[ \t]+$/, ''))).join('\n');
      pos = lineEnd;
    } else {
      out += body.slice(pos, token.from) + inlineText(model, notes, token);
      pos = token.to;
    }
  }
  return out + body.slice(pos);
}

export function noteToMarkdown(model: NoteExportModel, options: { frontMatter: boolean; headingLevel?: number } = { frontMatter: true }): string {
  const { note } = model;
  const parts: string[] = [];
  if (options.frontMatter) {
    const meta: Record<string, unknown> = { title: note.title || 'Untitled note', 'sourcebook-id': note.id, created: note.createdAt, updated: note.updatedAt };
    if (note.tags.length) meta.tags = note.tags;
    if (model.topics.length) meta.topics = model.topics.map((t) => t.title);
    parts.push(`---\n${loadYaml().stringify(meta, { lineWidth: 0 }).trimEnd()}\n---`);
  }
  const level = options.headingLevel ?? 1;
  parts.push(`${'#'.repeat(level)} ${escapeMd(note.title || 'Untitled note')}`);
  const notes = new NoteFootnotes(model);
  const body = resolveMarkdownBody(model, notes).replace(/\s+$/, '');
  if (body) parts.push(body);
  if (notes.entries.length) parts.push(notes.entries.map((f) => `[^${f.label}]: ${runsToMarkdown(f.runs)}`).join('\n'));
  if (model.bibliography?.entries.length) {
    parts.push(`${'#'.repeat(level + 1)} ${model.bibliography.heading}\n\n${model.bibliography.entries.map((e) => `- ${runsToMarkdown(e.runs)}`).join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}
