import { domToTextWithOrigins, type TextNodeLike } from '../../../shared/text/dom-text';

/**
 * Highlight stored quotes in the rendered article. A quote's start/end index into the article's
 * plain text (shared/text/dom-text.ts); `domToTextWithOrigins` maps each character of that same
 * text back to a text node and offset in the rendered DOM, so a range becomes one <mark> per text
 * node it touches. If the rendered text differs from the stored one (the reader dropped something
 * main kept), offsets are not trusted and the quote's text is searched for instead, nearest to its
 * stored position.
 */
export interface HighlightQuote {
  id: string;
  start: number;
  end: number;
  text: string;
  /** Shown as the mark's tooltip ("Quote — Jane Doe"). */
  label?: string;
}

export interface HighlightResult {
  /** Quotes that could not be placed in the rendered text. */
  missing: string[];
}

interface Segment {
  from: number;
  to: number;
  quote: HighlightQuote;
}

function locate(quote: HighlightQuote, rendered: string, isSameText: boolean): [number, number] | null {
  if (isSameText && quote.start >= 0 && quote.end > quote.start && quote.end <= rendered.length) return [quote.start, quote.end];
  if (!quote.text) return null;
  let best = -1;
  for (let at = rendered.indexOf(quote.text); at >= 0; at = rendered.indexOf(quote.text, at + 1)) {
    if (best < 0 || Math.abs(at - quote.start) < Math.abs(best - quote.start)) best = at;
  }
  return best < 0 ? null : [best, best + quote.text.length];
}

/** Wrap each quote's range in `<mark class="sb-quote" data-quote-id>`. Call on freshly built content. */
export function highlightQuotes(root: HTMLElement, storedText: string, quotes: readonly HighlightQuote[]): HighlightResult {
  if (quotes.length === 0) return { missing: [] };
  const { text, origins } = domToTextWithOrigins(root as unknown as TextNodeLike);
  const isSameText = text === storedText;
  const byNode = new Map<Text, Segment[]>();
  const missing: string[] = [];

  for (const quote of quotes) {
    const range = locate(quote, text, isSameText);
    if (!range) {
      missing.push(quote.id);
      continue;
    }
    // Per text node, the span of DOM offsets this quote covers (collapsed white space included).
    const spans = new Map<Text, { from: number; to: number }>();
    for (let i = range[0]; i < range[1]; i++) {
      const origin = origins[i];
      if (!origin) continue; // a separator the text algorithm inserted between blocks
      const node = origin.node as unknown as Text;
      let from = origin.offset;
      let to = origin.offset + 1;
      if (origin === origins[i + 1]) {
        // A collapsed run of white space is attributed to the character after it; cover the run
        // itself (just before that character), or skip it when it sits in an earlier text node.
        to = origin.offset;
        from = to;
        while (from > 0 && /\s/.test(node.data[from - 1] ?? '')) from--;
        if (from === to) continue;
      }
      const span = spans.get(node);
      if (span) {
        span.from = Math.min(span.from, from);
        span.to = Math.max(span.to, to);
      } else spans.set(node, { from, to });
    }
    if (spans.size === 0) {
      missing.push(quote.id);
      continue;
    }
    for (const [node, span] of spans) {
      const list = byNode.get(node) ?? [];
      list.push({ ...span, quote });
      byNode.set(node, list);
    }
  }

  for (const [node, segments] of byNode) wrapSegments(node, segments);
  return { missing };
}

/** Split one text node at every segment boundary and wrap each covered piece (nested when quotes overlap). */
function wrapSegments(node: Text, segments: Segment[]): void {
  const cuts = new Set<number>();
  for (const s of segments) {
    cuts.add(s.from);
    cuts.add(s.to);
  }
  const length = node.data.length;
  const sorted = [...cuts].filter((c) => c > 0 && c < length).sort((a, b) => b - a);
  // Split from the end so `node` keeps being the head and earlier offsets stay valid.
  const pieces: { node: Text; from: number; to: number }[] = [];
  let end = length;
  for (const cut of sorted) {
    pieces.unshift({ node: node.splitText(cut), from: cut, to: end });
    end = cut;
  }
  pieces.unshift({ node, from: 0, to: end });

  const doc = node.ownerDocument;
  for (const piece of pieces) {
    const covering = segments.filter((s) => s.from <= piece.from && s.to >= piece.to);
    let inner: Node = piece.node;
    for (const { quote } of covering) {
      const mark = doc.createElement('mark');
      mark.className = 'sb-quote';
      mark.dataset.quoteId = quote.id;
      if (quote.label) mark.title = quote.label;
      inner.parentNode?.insertBefore(mark, inner);
      mark.appendChild(inner);
      inner = mark;
    }
  }
}
