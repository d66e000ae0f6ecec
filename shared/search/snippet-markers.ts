/**
 * Snippets mark matches with control characters, never HTML: the renderer turns the marked runs
 * into <mark> elements (no innerHTML) and the CLI into **bold**. These control characters almost
 * never occur in text; a stray one only shifts the highlighting (an unclosed mark ends with the
 * snippet), it can never inject markup.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let isMatch = false;
  let current = '';
  const flush = () => {
    if (current) {
      const last = parts[parts.length - 1];
      if (last && last.isMatch === isMatch) last.text += current;
      else parts.push({ text: current, isMatch });
    }
    current = '';
  };
  for (const ch of snippet) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      isMatch = ch === MARK_START;
    } else {
      current += ch;
    }
  }
  flush();
  return parts;
}

/** The snippet as plain text, without markers. */
export const snippetText = (snippet: string): string => snippet.replace(/[\u0002\u0003]/g, '');
