/**
 * The citation processor's HTML output read back as styled runs, so a citation can be written as
 * Markdown, DOCX runs or our own escaped HTML without trusting its markup. citeproc-js emits a
 * small, fixed vocabulary: <i>, <b>, <span style="font-variant:small-caps">, <sup>, <sub>, <div>,
 * and numeric or named character references.
 */
export interface StyledRun {
  text: string;
  italic: boolean;
  bold: boolean;
  smallCaps: boolean;
  superscript: boolean;
  subscript: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

export function cslHtmlToRuns(html: string): StyledRun[] {
  const runs: StyledRun[] = [];
  const depth = { italic: 0, bold: 0, smallCaps: 0, superscript: 0, subscript: 0 };
  const spanKinds: (keyof typeof depth | null)[] = [];
  const push = (raw: string) => {
    const text = decodeEntities(raw.replace(/\s*\n\s*/g, ' '));
    if (!text) return;
    const style = { italic: depth.italic > 0, bold: depth.bold > 0, smallCaps: depth.smallCaps > 0, superscript: depth.superscript > 0, subscript: depth.subscript > 0 };
    const last = runs[runs.length - 1];
    if (last && last.italic === style.italic && last.bold === style.bold && last.smallCaps === style.smallCaps && last.superscript === style.superscript && last.subscript === style.subscript) {
      last.text += text;
    } else runs.push({ text, ...style });
  };
  let pos = 0;
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>/gi)) {
    push(html.slice(pos, m.index));
    pos = m.index + m[0].length;
    const isClose = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    const kind: keyof typeof depth | null =
      tag === 'i' || tag === 'em' ? 'italic'
      : tag === 'b' || tag === 'strong' ? 'bold'
      : tag === 'sup' ? 'superscript'
      : tag === 'sub' ? 'subscript'
      : tag === 'span' ? (/small-caps/i.test(m[3] ?? '') ? 'smallCaps' : /italic/i.test(m[3] ?? '') ? 'italic' : /bold/i.test(m[3] ?? '') ? 'bold' : null)
      : null;
    if (tag === 'span') {
      if (isClose) {
        const open = spanKinds.pop();
        if (open) depth[open] = Math.max(0, depth[open] - 1);
      } else {
        spanKinds.push(kind);
        if (kind) depth[kind]++;
      }
    } else if (kind) depth[kind] = Math.max(0, depth[kind] + (isClose ? -1 : 1));
  }
  push(html.slice(pos));
  if (runs.length) {
    runs[0]!.text = runs[0]!.text.trimStart();
    runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.trimEnd();
  }
  return runs.filter((r) => r.text);
}

export const runsToText = (runs: readonly StyledRun[]): string => runs.map((r) => r.text).join('');

/** Markdown: italics as *…*, bold as **…**; Markdown's own punctuation in the text escaped. */
export function runsToMarkdown(runs: readonly StyledRun[]): string {
  return runs
    .map((r) => {
      const text = r.text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
      const core = text.trim();
      if (!core || (!r.italic && !r.bold)) return text;
      const mark = r.bold && r.italic ? '***' : r.bold ? '**' : '*';
      const lead = text.slice(0, text.indexOf(core));
      const trail = text.slice(text.indexOf(core) + core.length);
      return `${lead}${mark}${core}${mark}${trail}`;
    })
    .join('');
}

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Our own HTML for runs: every character escaped, only <i>, <b>, <sup>, <sub> and a small-caps span. */
export function runsToHtml(runs: readonly StyledRun[]): string {
  return runs
    .map((r) => {
      let html = escapeHtml(r.text);
      if (r.smallCaps) html = `<span class="small-caps">${html}</span>`;
      if (r.superscript) html = `<sup>${html}</sup>`;
      if (r.subscript) html = `<sub>${html}</sub>`;
      if (r.bold) html = `<b>${html}</b>`;
      if (r.italic) html = `<i>${html}</i>`;
      return html;
    })
    .join('');
}
