import { autocompletion, closeCompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, placeholder, type ViewUpdate } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { EmbedMarkdown } from '../../../../shared/notes/markdown-ast';
import { embedCompletionSource, insertEmbedTrigger, typeBadge } from './embed-completion';
import { createEmbedWidgets, type EmbedWidgets, type PortalRegistry } from './embed-widgets';

/** Markdown colours from the app's palette (CSS variables), so light and dark both follow tokens.css. */
const markdownHighlight = HighlightStyle.define([
  { tag: tags.heading1, fontSize: '1.45em', fontWeight: '700' },
  { tag: tags.heading2, fontSize: '1.25em', fontWeight: '700' },
  { tag: tags.heading3, fontSize: '1.1em', fontWeight: '700' },
  { tag: [tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: tags.monospace, fontFamily: 'var(--font-mono)', fontSize: '0.88em', backgroundColor: 'var(--bg-code)' },
  { tag: tags.quote, color: 'var(--fg-muted)', fontStyle: 'italic' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--fg-faint)' },
  { tag: tags.list, color: 'var(--fg-muted)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'transparent', color: 'var(--fg)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-reading)', fontSize: '17px', lineHeight: '1.65', overflow: 'auto' },
  '.cm-content': { maxWidth: 'var(--reading-measure)', minWidth: 0, padding: '0 var(--space-7) var(--space-8)', caretColor: 'var(--fg)' },
  '.cm-line': { padding: '0' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine': { boxShadow: '-14px 0 0 -12px var(--focus-ring)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--bg-selected-focus)' },
  '.cm-placeholder': { color: 'var(--fg-faint)' },
  '.cm-searchMatch': { backgroundColor: 'var(--mark)', outline: '1px solid var(--mark-border)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--mark-active)' },
  '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--fg)', fontFamily: 'var(--font-ui)', fontSize: 'var(--text-md)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panel.cm-search input, .cm-panel.cm-search button': { fontFamily: 'var(--font-ui)', fontSize: 'var(--text-sm)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 'var(--radius-2)', boxShadow: 'var(--shadow-raised)', color: 'var(--fg)' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--font-ui)', fontSize: 'var(--text-md)', maxHeight: '22em', maxWidth: 'min(640px, 80vw)' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '4px 8px', display: 'flex', gap: '8px', alignItems: 'baseline' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--bg-selected-focus)', color: 'var(--fg)' },
  '.cm-completionLabel': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: '1 1 auto', minWidth: 0 },
  '.cm-completionDetail': { color: 'var(--fg-faint)', fontStyle: 'normal', flex: '0 1 auto', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '40%' },
});

export interface EditorOptions {
  doc: string;
  registry: PortalRegistry;
  /** More extensions (a compartment the caller reconfigures). */
  extensions?: Extension[];
  onChange(update: ViewUpdate): void;
  onBlur(): void;
}

export interface NoteEditorSetup {
  state: EditorState;
  widgets: EmbedWidgets;
}

/** The note editor: Markdown with live embeds, history, search (Mod-f), the `[[` picker; keyboard first. */
export function createEditorState({ doc, registry, extensions: extra = [], onChange, onBlur }: EditorOptions): NoteEditorSetup {
  const widgets = createEmbedWidgets(registry);
  const extensions: Extension[] = [
    history(),
    drawSelection(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    EditorState.allowMultipleSelections.of(true),
    markdown({ base: markdownLanguage, extensions: [EmbedMarkdown] }),
    syntaxHighlighting(markdownHighlight),
    search({ top: true }),
    highlightSelectionMatches(),
    autocompletion({ override: [embedCompletionSource], icons: false, addToOptions: [typeBadge], closeOnBlur: true, activateOnTyping: true }),
    keymap.of([
      { key: 'Mod-Shift-e', run: insertEmbedTrigger },
      { key: 'Escape', run: closeCompletion },
      ...completionKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...defaultKeymap,
      indentWithTab,
    ]),
    placeholder('Write… Type [[ to embed a quote, an article, a speaker or a topic.'),
    widgets.extension,
    theme,
    ...extra,
    EditorView.contentAttributes.of({ 'aria-label': 'Note text', 'aria-multiline': 'true', spellcheck: 'true' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update);
      if (update.focusChanged && !update.view.hasFocus) onBlur();
    }),
  ];
  return { state: EditorState.create({ doc, extensions }), widgets };
}
