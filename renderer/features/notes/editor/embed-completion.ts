import { completionStatus, startCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import { embedQueryBefore, formatEmbed } from '../../../../shared/notes/embed-syntax';
import type { EmbedPickerEntry } from '../../../../shared/notes/resolved';
import { getPickerIndex, isPartialPickerIndex, searchPicker } from '../picker-index';
import { findOnServer, mergeMatches, serverMatchesIfKnown, serverQueryFor, shouldAskServer } from '../picker-search';

const TYPE_LABEL: Record<EmbedPickerEntry['type'], string> = { quote: 'Quote', article: 'Article', speaker: 'Speaker', topic: 'Topic', note: 'Note' };

/** How long the list waits for the library search before showing lunr's matches alone (they are added when they come). */
export const SERVER_WAIT_MS = 250;

const pause = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

/**
 * `[[` (or `![[`) opens a fuzzy picker over quotes, articles, speakers, topics and notes. Choosing
 * inserts a token with the item's id: quotes as embeds (`![[quote:…]]`, a block), everything else
 * as references (`[[article:…]]`), unless the writer typed `![[`, which embeds whatever is chosen.
 *
 * lunr holds the newest quotes and articles only; when it finds few (or the library is bigger than
 * it), the library search is asked too and its matches follow lunr's (picker-search.ts). CodeMirror
 * drops the answer of a superseded request (context.aborted); a search slower than SERVER_WAIT_MS
 * does not hold the list back: it reopens the completion when it arrives, if the same text is
 * still being completed.
 */
export async function embedCompletionSource(context: CompletionContext): Promise<CompletionResult | null> {
  const line = context.state.doc.lineAt(context.pos);
  const query = embedQueryBefore(line.text.slice(0, context.pos - line.from));
  if (!query) return null;
  const index = await getPickerIndex();
  if (context.aborted) return null;
  const local = searchPicker(index, query.query);
  let entries = local;
  const serverQuery = shouldAskServer(query.query, local.length, isPartialPickerIndex(index)) ? serverQueryFor(query.query) : null;
  if (serverQuery !== null) {
    const remote = serverMatchesIfKnown(serverQuery) ?? (await Promise.race([findOnServer(serverQuery).catch(() => [] as EmbedPickerEntry[]), pause(SERVER_WAIT_MS)]));
    if (context.aborted) return null;
    if (remote) entries = mergeMatches(local, remote);
    else reopenWhenAnswered(context, serverQuery, query.query, local);
  }
  const from = line.from + query.from;
  // A `]]` already typed after the cursor belongs to the token being replaced.
  const after = line.text.slice(context.pos - line.from);
  const to = after.startsWith(']]') ? context.pos + 2 : context.pos;
  const options: Completion[] = entries.map((entry, i) => ({
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

/**
 * A late search answer: complete again (now answered from what is known) if the writer is still
 * typing the same `[[…` and the answer adds something. Redrawing the list for nothing new would
 * swallow a click the writer is making on it.
 */
function reopenWhenAnswered(context: CompletionContext, serverQuery: string, typed: string, shown: readonly EmbedPickerEntry[]): void {
  const view = context.view;
  if (!view) return;
  const shownKeys = new Set(shown.map((e) => `${e.type}:${e.id}`));
  findOnServer(serverQuery).then(
    (remote) => {
      if (remote.every((e) => shownKeys.has(`${e.type}:${e.id}`))) return;
      const { state } = view;
      // The editor was closed, or the completion was (Escape, a click elsewhere).
      if (!view.dom.isConnected || completionStatus(state) === null) return;
      const head = state.selection.main.head;
      const line = state.doc.lineAt(head);
      if (embedQueryBefore(line.text.slice(0, head - line.from))?.query === typed) startCompletion(view);
    },
    // lunr's matches stand.
    () => {},
  );
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
