import { GFM, parser as baseParser, type MarkdownConfig } from '@lezer/markdown';
import type { SyntaxNode } from '@lezer/common';
import { matchEmbedAt, type EmbedToken } from './embed-syntax';

/**
 * A note's Markdown as a small tree that the preview (React), the HTML export and the DOCX export
 * all render, so the three agree. Parsed by @lezer/markdown (CommonMark + GFM tables, strikethrough
 * and task lists) with one extension: embed tokens are `Embed` nodes, so code spans and code
 * blocks keep them as text exactly as CodeMirror's highlighting does.
 *
 * Raw HTML in a note is kept as text (`html` nodes): renderers show it escaped, never as markup.
 */

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'em' | 'strong' | 'del'; children: Inline[] }
  | { t: 'code'; text: string }
  | { t: 'link'; href: string; children: Inline[] }
  | { t: 'image'; src: string; alt: string }
  | { t: 'break' }
  | { t: 'embed'; token: EmbedToken };

export type Block =
  | { t: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { t: 'paragraph'; children: Inline[] }
  /** A paragraph that is nothing but one `![[…]]` token: the item rendered as a block. */
  | { t: 'embed'; token: EmbedToken }
  | { t: 'quote'; children: Block[] }
  | { t: 'list'; ordered: boolean; start: number; items: { checked: boolean | null; children: Block[] }[] }
  | { t: 'code'; lang: string; text: string }
  | { t: 'rule' }
  | { t: 'html'; text: string }
  | { t: 'table'; header: Inline[][]; rows: Inline[][][] };

/** The embed token as a Markdown inline node. */
export const EmbedMarkdown: MarkdownConfig = {
  defineNodes: [{ name: 'Embed' }],
  parseInline: [
    {
      name: 'Embed',
      before: 'Link',
      parse(cx, next, pos) {
        if (next !== 33 /* ! */ && next !== 91 /* [ */) return -1;
        const token = matchEmbedAt(cx.slice(pos, Math.min(cx.end, pos + 400)), 0);
        return token ? cx.addElement(cx.elt('Embed', pos, pos + token.to)) : -1;
      },
    },
  ],
};

const parser = baseParser.configure([GFM, EmbedMarkdown]);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', copy: '©' };
function decodeEntity(ref: string): string {
  const body = ref.slice(1, -1);
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  }
  return NAMED_ENTITIES[body] ?? ref;
}

/** Marks and punctuation nodes that are syntax, not content. */
const MARKS = new Set(['EmphasisMark', 'CodeMark', 'LinkMark', 'QuoteMark', 'ListMark', 'HeaderMark', 'StrikethroughMark', 'TaskMarker', 'TableDelimiter', 'LinkTitle', 'LinkLabel', 'CodeInfo']);

export function parseMarkdown(text: string): Block[] {
  const tree = parser.parse(text);
  const slice = (from: number, to: number) => text.slice(from, to);
  const children = (node: SyntaxNode): SyntaxNode[] => {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  };

  /** Inline content of `node` between from and to: child nodes become inlines, gaps become text. */
  const inlines = (node: SyntaxNode, from = node.from, to = node.to): Inline[] => {
    const out: Inline[] = [];
    const pushText = (value: string) => {
      if (!value) return;
      const last = out[out.length - 1];
      if (last?.t === 'text') last.text += value;
      else out.push({ t: 'text', text: value });
    };
    let pos = from;
    for (const c of children(node)) {
      if (c.to <= from || c.from >= to) continue;
      if (c.from > pos) pushText(slice(pos, c.from));
      pos = Math.max(pos, c.to);
      const inline = inlineOf(c);
      if (inline === null) continue;
      if (typeof inline === 'string') pushText(inline);
      else out.push(inline);
    }
    if (pos < to) pushText(slice(pos, to));
    // Continuation lines keep their line break but lose their indentation (and a quote's `>`).
    for (const i of out) if (i.t === 'text') i.text = i.text.replace(/\n[ \t]*/g, '\n');
    return out;
  };

  const inlineOf = (n: SyntaxNode): Inline | string | null => {
    switch (n.name) {
      case 'Emphasis':
        return { t: 'em', children: inlines(n) };
      case 'StrongEmphasis':
        return { t: 'strong', children: inlines(n) };
      case 'Strikethrough':
        return { t: 'del', children: inlines(n) };
      case 'InlineCode': {
        const marks = children(n).filter((c) => c.name === 'CodeMark');
        const inner = marks.length >= 2 ? slice(marks[0]!.to, marks[marks.length - 1]!.from) : slice(n.from, n.to);
        const code = inner.replace(/\n/g, ' ');
        return { t: 'code', text: /^ .* $/.test(code) && code.trim() ? code.slice(1, -1) : code };
      }
      case 'Link': {
        const url = n.getChild('URL');
        const marks = children(n).filter((c) => c.name === 'LinkMark');
        const labelEnd = marks[1]?.from ?? n.to;
        const label = inlines(n, (marks[0]?.to ?? n.from), labelEnd);
        if (!url) return slice(n.from, n.to);
        return { t: 'link', href: slice(url.from, url.to).replace(/^<|>$/g, ''), children: label };
      }
      case 'Image': {
        const url = n.getChild('URL');
        const marks = children(n).filter((c) => c.name === 'LinkMark');
        const alt = slice(marks[0]?.to ?? n.from, marks[1]?.from ?? n.to);
        return url ? { t: 'image', src: slice(url.from, url.to).replace(/^<|>$/g, ''), alt } : slice(n.from, n.to);
      }
      case 'Autolink': {
        const url = n.getChild('URL');
        const href = url ? slice(url.from, url.to) : slice(n.from + 1, n.to - 1);
        return { t: 'link', href, children: [{ t: 'text', text: href }] };
      }
      case 'URL':
        // GFM's bare URLs (www.…, https://…).
        return { t: 'link', href: slice(n.from, n.to), children: [{ t: 'text', text: slice(n.from, n.to) }] };
      case 'Escape':
        return slice(n.from + 1, n.to);
      case 'Entity':
        return decodeEntity(slice(n.from, n.to));
      case 'HardBreak':
        return { t: 'break' };
      case 'Embed': {
        const token = matchEmbedAt(text, n.from);
        return token ? { t: 'embed', token } : slice(n.from, n.to);
      }
      case 'HTMLTag':
      case 'Comment':
      case 'ProcessingInstruction':
        return slice(n.from, n.to);
      default:
        return MARKS.has(n.name) ? null : slice(n.from, n.to);
    }
  };

  const codeText = (n: SyntaxNode): string => {
    const code = n.getChildren('CodeText');
    if (n.name === 'FencedCode') return code.map((c) => slice(c.from, c.to)).join('');
    // Indented code: drop up to four columns of indentation from each line.
    return slice(n.from, n.to).split('\n').map((l) => l.replace(/^ {1,4}|^\t/, '')).join('\n');
  };

  const blocks = (parent: SyntaxNode): Block[] => {
    const out: Block[] = [];
    for (const n of children(parent)) {
      const block = blockOf(n);
      if (block) out.push(block);
    }
    return out;
  };

  const blockOf = (n: SyntaxNode): Block | null => {
    const heading = /^(?:ATXHeading|SetextHeading)([1-6])$/.exec(n.name);
    if (heading) {
      const content = inlines(n);
      const first = content[0];
      if (first?.t === 'text') first.text = first.text.trimStart();
      const last = content[content.length - 1];
      if (last?.t === 'text') last.text = last.text.replace(/[ \t]+#*[ \t]*$/, '').replace(/\n.*$/s, '').trimEnd();
      return { t: 'heading', level: Number(heading[1]) as 1, children: content.filter((i) => i.t !== 'text' || i.text) };
    }
    switch (n.name) {
      case 'Paragraph': {
        const content = inlines(n);
        const meaningful = content.filter((i) => !(i.t === 'text' && !i.text.trim()));
        if (meaningful.length === 1 && meaningful[0]!.t === 'embed' && meaningful[0]!.token.isEmbed) return { t: 'embed', token: meaningful[0]!.token };
        return { t: 'paragraph', children: content };
      }
      case 'Blockquote':
        return { t: 'quote', children: blocks(n) };
      case 'BulletList':
      case 'OrderedList': {
        const items = n.getChildren('ListItem').map((item) => {
          const task = item.getChild('Task');
          const marker = task?.getChild('TaskMarker');
          const checked = marker ? /x/i.test(slice(marker.from, marker.to)) : null;
          const body = task ? [{ t: 'paragraph' as const, children: inlines(task, marker ? marker.to : task.from).map(trimLead) }] : [];
          return { checked, children: [...body, ...blocks(item)] };
        });
        const mark = n.getChild('ListItem')?.getChild('ListMark');
        const start = n.name === 'OrderedList' && mark ? parseInt(slice(mark.from, mark.to), 10) || 1 : 1;
        return { t: 'list', ordered: n.name === 'OrderedList', start, items };
      }
      case 'FencedCode': {
        const info = n.getChild('CodeInfo');
        return { t: 'code', lang: info ? slice(info.from, info.to).trim() : '', text: codeText(n) };
      }
      case 'CodeBlock':
        return { t: 'code', lang: '', text: codeText(n) };
      case 'HorizontalRule':
        return { t: 'rule' };
      case 'HTMLBlock':
      case 'CommentBlock':
      case 'ProcessingInstructionBlock':
        return { t: 'html', text: slice(n.from, n.to) };
      case 'Table': {
        const cells = (row: SyntaxNode) => row.getChildren('TableCell').map((c) => inlines(c).map(trimBoth));
        const header = n.getChild('TableHeader');
        return { t: 'table', header: header ? cells(header) : [], rows: n.getChildren('TableRow').map(cells) };
      }
      case 'LinkReference':
        return null;
      default:
        return null;
    }
  };

  return blocks(tree.topNode);
}

const trimLead = (i: Inline, index: number): Inline => (index === 0 && i.t === 'text' ? { t: 'text', text: i.text.trimStart() } : i);
const trimBoth = (i: Inline): Inline => (i.t === 'text' ? { t: 'text', text: i.text.trim() } : i);

/** Plain text of inlines (for titles, alt text, DOCX fallbacks). Embeds are left to the caller. */
export function inlineText(items: readonly Inline[], embedText: (token: EmbedToken) => string = () => ''): string {
  return items
    .map((i) => {
      switch (i.t) {
        case 'text':
        case 'code':
          return i.text;
        case 'em':
        case 'strong':
        case 'del':
        case 'link':
          return inlineText(i.children, embedText);
        case 'image':
          return i.alt;
        case 'break':
          return '\n';
        case 'embed':
          return embedText(i.token);
      }
    })
    .join('');
}

/** Links that may be followed from a rendered note: web and mail only (no javascript:, file:, data:). */
export const isSafeHref = (href: string): boolean => /^(https?:|mailto:)/i.test(href.trim());
