import { startCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import { embedQueryBefore, formatEmbed } from '../../../../shared/notes/embed-syntax';
import type { EmbedPickerEntry } from '../../../../shared/notes/resolved';
import { getPickerIndex, searchPicker } from '../picker-index';

const TYPE_LABEL: Record<EmbedPickerEntry['type'], string> = { quote: 'Quote', article: 'Article', speaker: 'Speaker', topic: 'Topic', note: 'Note' };

/**
 * `[[` (or `![[`) opens a fuzzy picker over quotes, articles, speakers, topics and notes. Choosing
 * inserts a token with the item's id: quotes as embeds (`![[quote:…]]`, a block), everything else
 * as references (`[[article:…]]`), unless the writer typed `![[`, which embeds whatever is chosen.
 */
export async function embedCompletionSource(context: CompletionContext): Promise<CompletionResult | null> {
  const line = context.state.doc.lineAt(context.pos);
  const query = embedQueryBefore(line.text.slice(0, context.pos - line.from));
  if (!query) return null;
  const index = await getPickerIndex();
  if (context.aborted) return null;
  const from = line.from + query.from;
  // A `]]` already typed after the cursor belongs to the token being replaced.
  const after = line.text.slice(context.pos - line.from);
  const to = after.startsWith(']]') ? context.pos + 2 : context.pos;
  const options: Completion[] = searchPicker(index, query.query).map((entry, i) => ({
    label: entry.type === 'quote' ? `“${entry.title}”` : entry.title,
    detail: entry.extra || undefined,
    type: entry.type,
    section: undefined,
    boost: -i,
    apply: (view: EditorView, _completion: Completion, applyFrom: number, applyTo: number) => {
      const token = formatEmbed({ type: entry.type, id: entry.id, isEmbed: query.isEmbed || entry.type === 'quote' });
      // A block embed on a line of its own renders as a card: give it its own line when it has none.
      const lineOf = view.state.doc.lineAt(applyFrom);
      const isBlock = token.startsWith('!');
      const needsBreakBefore = isBlock && view.state.sliceDoc(lineOf.from, applyFrom).trim() !== '';
      const rest = view.state.sliceDoc(Math.max(applyTo, to), lineOf.to);
      const needsBreakAfter = isBlock && rest.trim() !== '';
      const insert = `${needsBreakBefore ? '\n' : ''}${token}${needsBreakAfter ? '\n' : ''}`;
      view.dispatch({
        changes: { from: applyFrom, to: Math.max(applyTo, to), insert },
        selection: { anchor: applyFrom + insert.length },
        userEvent: 'input.complete',
        scrollIntoView: true,
      });
    },
  }));
  return {
    from,
    to,
    options: options.length ? options : [{ label: query.query ? `Nothing matches “${query.query}”` : 'The library has nothing to embed yet', apply: () => {}, type: 'empty' }],
    filter: false,
  };
}

/** The option's type as a word before its label (colour + word, never colour alone). */
export const typeBadge = {
  render(completion: Completion): Node | null {
    if (!completion.type || completion.type === 'empty') return null;
    const badge = document.createElement('span');
    badge.className = `cm-embed-badge cm-embed-badge--${completion.type}`;
    badge.textContent = TYPE_LABEL[completion.type as EmbedPickerEntry['type']] ?? completion.type;
    return badge;
  },
  position: 20,
};

/** Insert `[[` at the cursor and open the picker (the toolbar's Embed button, Mod-Shift-e). */
export function insertEmbedTrigger(view: EditorView): boolean {
  const { from, to } = view.state.selection.main;
  view.dispatch({ changes: { from, to, insert: '[[' }, selection: { anchor: from + 2 }, userEvent: 'input' });
  view.focus();
  startCompletion(view);
  return true;
}
