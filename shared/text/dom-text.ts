/**
 * The one definition of an article's plain text.
 *
 * Quote anchors are character offsets into this text, so the main process (jsdom/linkedom, when
 * clipping) and the renderer (the browser DOM, when highlighting) must derive exactly the same string
 * from the same sanitized HTML. Both call this function over a minimal node interface that every DOM
 * implementation satisfies; it never touches a platform API.
 *
 * Rules: block elements are separated by a blank line ("\n\n"), <br> and table rows by "\n", runs of
 * white space inside a block collapse to one space (kept as-is inside <pre>), and each block is
 * trimmed. Invisible elements (script, style, template, head) contribute nothing.
 */
export interface TextNodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<TextNodeLike>;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'HTML', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT',
  'THEAD', 'UL',
]);
const LINE_TAGS = new Set(['TR']);
const CELL_TAGS = new Set(['TD', 'TH']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'HEAD', 'NOSCRIPT', 'IFRAME', 'OBJECT']);

/** Where one character of the output text came from: a text node and an offset inside it. */
export interface TextOrigin {
  node: TextNodeLike;
  offset: number;
}

export interface DomText {
  text: string;
  /** origins[i] is the source of text[i]; null for separators the algorithm inserted. */
  origins: (TextOrigin | null)[];
}

type Break = '' | ' ' | '\n' | '\n\n';
// Ranked, not compared by length: '\n' must beat ' ' (a <br> or a row end right after a space).
const BREAK_RANK: Record<Break, number> = { '': 0, ' ': 1, '\n': 2, '\n\n': 3 };
const strongerBreak = (a: Break, b: Break): Break => (BREAK_RANK[a] >= BREAK_RANK[b] ? a : b);

/** Plain text of a DOM subtree (see the module comment for the rules). */
export function domToText(root: TextNodeLike): string {
  return walk(root, false).text;
}

/** Plain text plus, for each character, the text node and offset it came from (for highlighting). */
export function domToTextWithOrigins(root: TextNodeLike): DomText {
  return walk(root, true);
}

function walk(root: TextNodeLike, wantOrigins: boolean): DomText {
  const out: string[] = [];
  const origins: (TextOrigin | null)[] = [];
  let pending: Break = '';
  /** The white space a pending ' ' stands for (null when markup, not the page's text, made it). */
  let pendingOrigin: TextOrigin | null = null;
  /** Newlines in a row inside <pre>, kept as-is when there are more than the pending break gives. */
  let preNewlines = 0;
  let atStart = true;

  const requestBreak = (b: Break, origin: TextOrigin | null = null) => {
    if (b === ' ' && pendingOrigin === null) pendingOrigin = origin;
    pending = strongerBreak(pending, b);
  };
  const emitChar = (ch: string, origin: TextOrigin | null) => {
    if (pending !== '') {
      if (!atStart) {
        const separator = pending === ' ' ? ' ' : '\n'.repeat(Math.max(pending.length, preNewlines));
        for (const sep of separator) {
          out.push(sep);
          if (wantOrigins) origins.push(pending === ' ' ? pendingOrigin : null);
        }
      }
      pending = '';
    }
    pendingOrigin = null;
    preNewlines = 0;
    atStart = false;
    out.push(ch);
    if (wantOrigins) origins.push(origin);
  };

  const visit = (node: TextNodeLike, inPre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        if (!inPre && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f')) {
          requestBreak(' ', wantOrigins ? { node, offset: i } : null);
          continue;
        }
        if (inPre && ch === '\n') {
          preNewlines++;
          requestBreak('\n');
          continue;
        }
        emitChar(ch === '\u00a0' ? ' ' : ch, wantOrigins ? { node, offset: i } : null);
      }
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      requestBreak('\n');
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    const isLine = LINE_TAGS.has(tag);
    const isCell = CELL_TAGS.has(tag);
    if (isBlock) requestBreak('\n\n');
    else if (isLine) requestBreak('\n');
    else if (isCell) requestBreak(' ');
    const childPre = inPre || tag === 'PRE';
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i]!, childPre);
    if (isBlock) requestBreak('\n\n');
    else if (isLine) requestBreak('\n');
    else if (isCell) requestBreak(' ');
  };

  visit(root, false);
  return { text: out.join(''), origins };
}

/** Words as counted for an article's word count (letters or digits, any script). */
export function countWords(text: string): number {
  const cjk = text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu)?.length ?? 0;
  const words = text.replace(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu, ' ').match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  return words + cjk;
}
