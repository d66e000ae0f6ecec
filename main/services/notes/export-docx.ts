import type { Paragraph, ParagraphChild, Table, TableCell, TableRow, TextRun } from 'docx';
import { lazyModule } from '../../lazy-module';
import { type EmbedToken } from '../../../shared/notes/embed-syntax';
import { isSafeHref, parseMarkdown, type Block, type Inline } from '../../../shared/notes/markdown-ast';
import type { ResolvedEmbed } from '../../../shared/notes/resolved';
import type { StyledRun } from './csl-html';
import { STANCE_SYMBOLS, STANCE_WORDS, formatLongDate, missingText, quoteDate, referenceText, sourceOf, type NoteExportModel } from './export-model';
import { NoteFootnotes } from './footnotes';

/**
 * DOCX through the `docx` library: Word's own heading, title, quote and list styles, embedded
 * quotes as shaded blocks with a left rule, topic matrices as tables, Chicago notes as real
 * footnotes, and a bibliography with hanging indents.
 */

/**
 * The docx package, loaded when a document is first built rather than at start-up: about 100 ms
 * and 10 MB that every session would pay (lazy-module.ts). `D.Paragraph` reads through to it.
 */
const loadDocx = lazyModule<typeof import('docx')>('docx');
const D = new Proxy({} as typeof import('docx'), { get: (_, name) => Reflect.get(loadDocx(), name) });
/** Word's heading style for level 1–6 (index 0–5). */
const heading = (index: number) => {
  const H = D.HeadingLevel;
  return [H.HEADING_1, H.HEADING_2, H.HEADING_3, H.HEADING_4, H.HEADING_5, H.HEADING_6][index]!;
};
const MONO = 'Consolas';
const MUTED = '5F6068';
const STANCE_COLOURS = { supports: '1F7A3D', opposes: 'B42318', neutral: '52545C', mixed: '8A5A00' } as const;

interface RunStyle {
  italics?: boolean;
  bold?: boolean;
  strike?: boolean;
  font?: string;
  color?: string;
}

/** Builds one document; footnote ids run across every note in it. */
class DocxBuilder {
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  private nextFootnote = 1;
  private listInstance = 0;
  /** Which of this note's citations are first (in full) or later (short); Word numbers the notes across the document. */
  private notes: NoteFootnotes;

  constructor(private model: NoteExportModel) {
    this.notes = new NoteFootnotes(model);
  }

  use(model: NoteExportModel): void {
    this.model = model;
    this.notes = new NoteFootnotes(model);
  }

  private footnoteFor(sourceId: string): number | null {
    const note = this.notes.cite(sourceId);
    if (!note) return null;
    const id = this.nextFootnote++;
    this.footnotes[String(id)] = { children: [new D.Paragraph({ children: cslRuns(note.runs) })] };
    return id;
  }

  private citationRuns(r: ResolvedEmbed): ParagraphChild[] {
    const source = sourceOf(r);
    if (!source || !this.model.style) return [];
    const footnote = this.footnoteFor(source.articleId);
    if (footnote !== null) return [new D.FootnoteReferenceRun(footnote)];
    const c = this.model.citations.get(source.articleId);
    return c ? [new D.TextRun(' '), ...cslRuns(c.inText)] : [];
  }

  inlines(items: readonly Inline[], style: RunStyle = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const i of items) {
      switch (i.t) {
        case 'text':
          out.push(new D.TextRun({ text: i.text.replace(/\n/g, ' '), ...style }));
          break;
        case 'em':
          out.push(...this.inlines(i.children, { ...style, italics: true }));
          break;
        case 'strong':
          out.push(...this.inlines(i.children, { ...style, bold: true }));
          break;
        case 'del':
          out.push(...this.inlines(i.children, { ...style, strike: true }));
          break;
        case 'code':
          out.push(new D.TextRun({ text: i.text, ...style, font: MONO }));
          break;
        case 'break':
          out.push(new D.TextRun({ text: '', break: 1 }));
          break;
        case 'link': {
          const runs = this.inlines(i.children, style);
          if (isSafeHref(i.href)) out.push(new D.ExternalHyperlink({ link: i.href, children: runs }));
          else out.push(...runs);
          break;
        }
        case 'image':
          out.push(new D.TextRun({ text: `[image${i.alt ? `: ${i.alt}` : ''}]`, ...style, color: MUTED }));
          break;
        case 'embed':
          out.push(...this.inlineEmbed(i.token, style));
          break;
      }
    }
    return out;
  }

  private inlineEmbed(token: EmbedToken, style: RunStyle): ParagraphChild[] {
    const r = this.model.resolved[token.id];
    const text = referenceText(r, token);
    if (!r || r.status === 'missing') return [new D.TextRun({ text, ...style, color: STANCE_COLOURS.opposes })];
    if (r.type === 'article') return [link(text, r.source.url, style), ...this.citationRuns(r)];
    if (r.type === 'quote') return [new D.TextRun({ text, ...style }), ...this.citationRuns(r)];
    return [new D.TextRun({ text, ...style })];
  }

  /** An embedded item: shaded lines behind a coloured left rule. */
  private card(lines: ParagraphChild[][], colour = '3451C7'): Paragraph[] {
    const border = { left: { style: D.BorderStyle.SINGLE, size: 24, color: colour, space: 8 } };
    const shading = { type: D.ShadingType.CLEAR, color: 'auto', fill: 'F7F7F5' };
    return lines.map(
      (children, i) =>
        new D.Paragraph({
          children,
          border,
          shading,
          indent: { left: 360, right: 360 },
          spacing: { before: i === 0 ? 240 : 0, after: i === lines.length - 1 ? 240 : 60 },
        }),
    );
  }

  private embedBlock(token: EmbedToken): (Paragraph | Table)[] {
    const r = this.model.resolved[token.id];
    if (!r || r.status === 'missing') return this.card([[new D.TextRun({ text: missingText(r, token), bold: true })]], STANCE_COLOURS.opposes);
    switch (r.type) {
      case 'quote': {
        const who: ParagraphChild[] = [new D.TextRun({ text: '— ' }), new D.TextRun({ text: r.speakerName ?? 'Unattributed', bold: true })];
        if (r.speakerRole) who.push(new D.TextRun({ text: `, ${r.speakerRole}` }));
        const stances = r.stances.flatMap((s, i) => [
          ...(i ? [new D.TextRun({ text: '   ' })] : []),
          new D.TextRun({ text: `${STANCE_SYMBOLS[s.value]} ${STANCE_WORDS[s.value]} · ${s.topicTitle}`, bold: true, color: STANCE_COLOURS[s.value], size: 18 }),
        ]);
        const source: ParagraphChild[] = [];
        if (r.source.siteName) source.push(new D.TextRun({ text: r.source.siteName, italics: true, color: MUTED }));
        const date = quoteDate(r.saidAt, r.source);
        if (date) source.push(new D.TextRun({ text: `${source.length ? ' · ' : ''}${date}`, color: MUTED }));
        source.push(new D.TextRun({ text: source.length ? ' · ' : '', color: MUTED }), link(r.source.title, r.source.url, { color: MUTED }), ...this.citationRuns(r));
        return this.card([
          r.text.split(/\r?\n/).flatMap((line, i, all) => [...(i ? [new D.TextRun({ text: '', break: 1 })] : []), new D.TextRun({ text: `${i === 0 ? '“' : ''}${line}${i === all.length - 1 ? '”' : ''}`, size: 26 })]),
          who,
          ...(stances.length ? [stances] : []),
          // No Obsidian block id (`^q-…`) here: it only means something to Markdown readers, and in a
          // Word deliverable it is noise. The Markdown export keeps it.
          source,
        ]);
      }
      case 'article': {
        const s = r.source;
        const meta = [s.siteName, s.authors.join(', ') || null, formatLongDate(s.publishedAt) || null].filter(Boolean).join(' · ');
        return this.card([[link(s.title, s.url, { bold: true })], ...(meta ? [[new D.TextRun({ text: meta, color: MUTED }), ...this.citationRuns(r)]] : [])]);
      }
      case 'speaker': {
        const about = [r.role, r.affiliation].filter(Boolean).join(', ');
        return this.card([[new D.TextRun({ text: r.name, bold: true }), ...(about ? [new D.TextRun({ text: ` — ${about}` })] : [])]]);
      }
      case 'note':
        return this.card([[new D.TextRun({ text: 'See the note ' }), new D.TextRun({ text: r.title || 'Untitled note', bold: true })]]);
      case 'topic': {
        const rows = [...r.speakers, ...r.outlets];
        const totals = (['supports', 'opposes', 'neutral', 'mixed'] as const).map((v) => `${r.totals[v]} ${STANCE_WORDS[v].toLowerCase()}`).join(', ');
        const heading = para([new D.TextRun({ text: `Stance matrix: ${r.title}`, bold: true }), new D.TextRun({ text: ` (${totals})`, color: MUTED })]);
        if (!rows.length) return [heading, para([new D.TextRun({ text: 'No stances recorded yet.', italics: true, color: MUTED })])];
        const cell = (children: ParagraphChild[], isNumber = false) =>
          new D.TableCell({ children: [new D.Paragraph({ children, alignment: isNumber ? D.AlignmentType.RIGHT : D.AlignmentType.LEFT })] });
        const header = new D.TableRow({
          tableHeader: true,
          children: ['Who', 'Position', 'Supports', 'Opposes', 'Neutral', 'Mixed'].map((h, i) => cell([new D.TextRun({ text: h, bold: true })], i > 1)),
        });
        const body = rows.map(
          (row) =>
            new D.TableRow({
              children: [
                cell([new D.TextRun({ text: row.label }), ...(row.role ? [new D.TextRun({ text: ` (${row.role})`, color: MUTED })] : []), ...(row.kind === 'outlet' ? [new D.TextRun({ text: ' outlet', color: MUTED })] : [])]),
                cell([new D.TextRun({ text: `${STANCE_SYMBOLS[row.current]} ${STANCE_WORDS[row.current]}${row.isDerived ? '' : ' (stated)'}`, bold: true, color: STANCE_COLOURS[row.current] })]),
                ...(['supports', 'opposes', 'neutral', 'mixed'] as const).map((v) => cell([new D.TextRun({ text: String(row.counts[v]) })], true)),
              ],
            }),
        );
        return [heading, new D.Table({ rows: [header, ...body], width: { size: 100, type: D.WidthType.PERCENTAGE } }), new D.Paragraph({ children: [] })];
      }
    }
  }

  blocks(items: readonly Block[], ctx: { shift: number; quoteDepth: number; listLevel: number; listRef?: string }): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    const indent = ctx.quoteDepth ? { left: 720 * ctx.quoteDepth } : undefined;
    for (const b of items) {
      switch (b.t) {
        case 'heading':
          out.push(new D.Paragraph({ heading: heading(Math.min(5, b.level - 1 + ctx.shift)), children: this.inlines(b.children) }));
          break;
        case 'paragraph':
          out.push(new D.Paragraph({ children: this.inlines(b.children), ...(ctx.quoteDepth ? { style: 'Quote', indent } : {}) }));
          break;
        case 'embed':
          out.push(...this.embedBlock(b.token));
          break;
        case 'quote':
          out.push(...this.blocks(b.children, { ...ctx, quoteDepth: ctx.quoteDepth + 1 }));
          break;
        case 'list': {
          // Each ordered list is its own numbering instance, so it starts again at 1.
          const reference = b.ordered ? 'numbers' : 'bullets';
          const instance = b.ordered ? ++this.listInstance : 0;
          for (const item of b.items) {
            item.children.forEach((child, index) => {
              if (index === 0 && child.t === 'paragraph') {
                const box = item.checked === null ? [] : [new D.TextRun({ text: item.checked ? '☑ ' : '☐ ' })];
                out.push(
                  new D.Paragraph({
                    children: [...box, ...this.inlines(child.children)],
                    numbering: { reference, level: Math.min(ctx.listLevel, 8), ...(b.ordered ? { instance } : {}) },
                  }),
                );
              } else out.push(...this.blocks([child], { ...ctx, listLevel: ctx.listLevel + 1 }));
            });
          }
          break;
        }
        case 'code':
        case 'html':
          for (const line of b.text.split('\n')) {
            out.push(new D.Paragraph({ children: [new D.TextRun({ text: line, font: MONO, size: 18 })], shading: { type: D.ShadingType.CLEAR, color: 'auto', fill: 'F3F3F0' }, spacing: { after: 0 } }));
          }
          out.push(new D.Paragraph({ children: [] }));
          break;
        case 'rule':
          out.push(new D.Paragraph({ children: [], border: { bottom: { style: D.BorderStyle.SINGLE, size: 6, color: 'CDCDC8', space: 1 } } }));
          break;
        case 'table': {
          const row = (cells: Inline[][], isHeader: boolean) =>
            new D.TableRow({ tableHeader: isHeader, children: cells.map((c) => new D.TableCell({ children: [new D.Paragraph({ children: this.inlines(c, isHeader ? { bold: true } : {}) })] })) });
          out.push(new D.Table({ rows: [row(b.header, true), ...b.rows.map((r) => row(r, false))], width: { size: 100, type: D.WidthType.PERCENTAGE } }), new D.Paragraph({ children: [] }));
          break;
        }
      }
    }
    return out;
  }

  note(shift: number): (Paragraph | Table)[] {
    const { note } = this.model;
    const meta = [
      `Updated ${formatLongDate(note.updatedAt)}`,
      this.model.topics.length ? `Topics: ${this.model.topics.map((t) => t.title).join(', ')}` : null,
      note.tags.length ? `Tags: ${note.tags.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const out: (Paragraph | Table)[] = [
      new D.Paragraph({ heading: shift === 0 ? D.HeadingLevel.TITLE : heading(shift - 1), children: [new D.TextRun(note.title || 'Untitled note')] }),
      para([new D.TextRun({ text: meta, color: MUTED, size: 18 })]),
      ...this.blocks(parseMarkdown(note.body), { shift, quoteDepth: 0, listLevel: 0 }),
    ];
    if (this.model.bibliography?.entries.length) {
      out.push(new D.Paragraph({ heading: heading(shift), children: [new D.TextRun(this.model.bibliography.heading)] }));
      for (const e of this.model.bibliography.entries) out.push(new D.Paragraph({ children: cslRuns(e.runs), indent: { left: 720, hanging: 720 } }));
    }
    return out;
  }
}

const para = (children: ParagraphChild[]) => new D.Paragraph({ children });

function link(text: string, url: string | null, style: RunStyle): ParagraphChild {
  if (!url || !isSafeHref(url)) return new D.TextRun({ text, ...style });
  return new D.ExternalHyperlink({ link: url, children: [new D.TextRun({ text, ...style, style: 'Hyperlink' })] });
}

const cslRuns = (runs: readonly StyledRun[]): TextRun[] =>
  runs.map((r) => new D.TextRun({ text: r.text, italics: r.italic, bold: r.bold, smallCaps: r.smallCaps, superScript: r.superscript, subScript: r.subscript }));

const numberingLevels = (format: (typeof import('docx').LevelFormat)[keyof typeof import('docx').LevelFormat], text: (level: number) => string) =>
  Array.from({ length: 9 }, (_, level) => ({ level, format, text: text(level), alignment: D.AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }));

/** One DOCX holding each model in turn (a single note, or a collection with one section per note). */
export async function notesToDocx(models: NoteExportModel[], title: string): Promise<Uint8Array> {
  const builder = new DocxBuilder(models[0]!);
  const children: (Paragraph | Table)[] = [];
  const shift = models.length > 1 ? 1 : 0;
  if (models.length > 1) children.push(new D.Paragraph({ heading: D.HeadingLevel.TITLE, children: [new D.TextRun(title)] }));
  models.forEach((model, i) => {
    builder.use(model);
    const part = builder.note(shift);
    if (i > 0 && part[0] instanceof D.Paragraph) part[0] = new D.Paragraph({ heading: heading(shift - 1), pageBreakBefore: true, children: [new D.TextRun(model.note.title || 'Untitled note')] });
    children.push(...part);
  });
  const doc = new D.Document({
    creator: 'Sourcebook',
    lastModifiedBy: 'Sourcebook',
    title,
    description: 'A note exported from Sourcebook',
    styles: {
      default: { document: { run: { font: 'Cambria', size: 24 } }, heading1: { run: { font: 'Calibri' } }, heading2: { run: { font: 'Calibri' } }, title: { run: { font: 'Calibri' } } },
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: numberingLevels(D.LevelFormat.BULLET, (l) => ['•', '◦', '▪'][l % 3]!) },
        { reference: 'numbers', levels: numberingLevels(D.LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
      ],
    },
    footnotes: builder.footnotes,
    sections: [{ children }],
  });
  return new Uint8Array(await D.Packer.toBuffer(doc));
}
