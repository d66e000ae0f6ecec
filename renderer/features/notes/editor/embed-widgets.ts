import { RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { syntaxTree } from '@codemirror/language';
import { scanLine, type EmbedToken } from '../../../../shared/notes/embed-syntax';
import { itemName, type ResolvedEmbed } from '../../../../shared/notes/resolved';
import { embedStore } from '../embed-store';

/**
 * Embeds in the editor. A `![[…]]` alone on its line is replaced by a block (the quote card, the
 * topic's matrix…); any other token becomes an inline chip, and an embed among other text also
 * gets its block under the line. Chips and replaced lines are atomic: the cursor steps over them
 * and Backspace removes the whole token, so a token is never half-deleted.
 *
 * Block contents are React (EmbedCard), rendered through portals by <EmbedPortals> so they share
 * the app's context; widgets only register their container here. Decorations are a state field
 * (block widgets must be), kept in step incrementally: a change re-scans only the lines it touched,
 * so a 1 MB note stays responsive.
 */

// ------------------------------------------------------------------ portal registry

export interface PortalSlot {
  key: number;
  token: EmbedToken;
}

type Listener = () => void;
class PortalRegistry {
  slots = new Map<HTMLElement, PortalSlot>();
  private listeners = new Set<Listener>();
  private nextKey = 1;
  private version = 0;
  private notifyScheduled = false;

  add(el: HTMLElement, token: EmbedToken): void {
    this.slots.set(el, { key: this.nextKey++, token });
    this.notify();
  }
  remove(el: HTMLElement): void {
    if (this.slots.delete(el)) this.notify();
  }
  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.version;
  private notify(): void {
    // Widgets come and go in bursts (a scroll, a rebuild): one React update per burst.
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      this.version++;
      for (const l of this.listeners) l();
    });
  }
}

/** One registry per editor (each NoteEditor owns one). */
export const createPortalRegistry = () => new PortalRegistry();
export type { PortalRegistry };

// ------------------------------------------------------------------ widgets

const TYPE_LABEL: Record<EmbedToken['type'], string> = { quote: 'Quote', article: 'Article', speaker: 'Speaker', topic: 'Topic', note: 'Note' };

/** What a chip says: the writer's label, else the item's current name. */
export function chipText(token: EmbedToken, r: ResolvedEmbed | undefined): string {
  if (token.label) return token.label;
  if (!r) return `${TYPE_LABEL[token.type]}…`;
  if (r.status === 'missing') return `Missing ${r.type ?? token.type}`;
  return itemName(r, { maxQuoteLength: 80, speakerSeparator: (name) => ` — ${name}` });
}

class ChipWidget extends WidgetType {
  constructor(
    readonly token: EmbedToken,
    readonly version: number,
  ) {
    super();
  }
  override eq(other: ChipWidget): boolean {
    return other.token.id === this.token.id && other.token.isEmbed === this.token.isEmbed && other.token.label === this.token.label && other.version === this.version;
  }
  toDOM(): HTMLElement {
    const r = embedStore.get(this.token.id);
    const el = document.createElement('span');
    const missing = r?.status === 'missing';
    el.className = `cm-embed-chip cm-embed-chip--${this.token.type}${missing ? ' cm-embed-chip--missing' : ''}${this.token.isEmbed ? ' cm-embed-chip--embed' : ''}`;
    el.dataset.embedId = this.token.id;
    const kind = document.createElement('span');
    kind.className = 'cm-embed-chip__type';
    kind.textContent = TYPE_LABEL[this.token.type];
    const text = document.createElement('span');
    text.className = 'cm-embed-chip__text';
    text.textContent = chipText(this.token, r);
    el.append(kind, text);
    el.title = `${this.token.isEmbed ? '!' : ''}[[${this.token.type}:${this.token.id}]]`;
    return el;
  }
  override ignoreEvent(): boolean {
    return false;
  }
}

class BlockWidget extends WidgetType {
  constructor(
    readonly token: EmbedToken,
    readonly registry: PortalRegistry,
  ) {
    super();
  }
  // The card re-renders itself from the store (React), so the widget only changes with the item.
  override eq(other: BlockWidget): boolean {
    return other.token.id === this.token.id && other.token.type === this.token.type;
  }
  toDOM(): HTMLElement {
    const el = document.createElement('div');
    el.className = 'cm-embed-block';
    el.dataset.embedId = this.token.id;
    this.registry.add(el, this.token);
    return el;
  }
  override destroy(dom: HTMLElement): void {
    this.registry.remove(dom);
  }
  override get estimatedHeight(): number {
    return this.token.type === 'topic' ? 180 : 120;
  }
  // Buttons and links inside the card handle their own events.
  override ignoreEvent(): boolean {
    return true;
  }
}

// ------------------------------------------------------------------ decorations

const CODE_NODES = new Set(['FencedCode', 'CodeBlock', 'InlineCode', 'CodeText']);
function isInCode(state: EditorState, pos: number): boolean {
  for (let node: ReturnType<ReturnType<typeof syntaxTree>['resolveInner']> | null = syntaxTree(state).resolveInner(pos, 1); node; node = node.parent) {
    if (CODE_NODES.has(node.name)) return true;
  }
  return false;
}

/** Decorations for the lines from `from` to `to` (whole lines). */
function decorateLines(state: EditorState, from: number, to: number, registry: PortalRegistry, out: Range<Decoration>[]): void {
  const doc = state.doc;
  for (let pos = from; pos <= to; ) {
    const line = doc.lineAt(pos);
    if (line.text.includes('[[')) {
      const tokens = scanLine(line.text, line.from).filter((t) => !isInCode(state, t.from));
      const alone = tokens.length === 1 && tokens[0]!.isEmbed && line.text.trim() === line.text.slice(tokens[0]!.from - line.from, tokens[0]!.to - line.from);
      if (alone) {
        out.push(Decoration.replace({ widget: new BlockWidget(tokens[0]!, registry), block: true }).range(line.from, line.to));
      } else {
        for (const t of tokens) out.push(Decoration.replace({ widget: new ChipWidget(t, embedStore.version(t.id)) }).range(t.from, t.to));
        for (const t of tokens.filter((x) => x.isEmbed)) out.push(Decoration.widget({ widget: new BlockWidget(t, registry), block: true, side: 1 }).range(line.to));
      }
    }
    pos = line.to + 1;
  }
}

export const embedsResolved = StateEffect.define<null>();

export interface EmbedWidgets {
  extension: Extension;
  /** Ids of every token in the document (what to resolve). */
  idsIn(state: EditorState): string[];
}

export function createEmbedWidgets(registry: PortalRegistry): EmbedWidgets {
  const build = (state: EditorState): DecorationSet => {
    const ranges: Range<Decoration>[] = [];
    decorateLines(state, 0, state.doc.length, registry, ranges);
    return Decoration.set(ranges, true);
  };
  const field = StateField.define<DecorationSet>({
    create: build,
    update(decos, tr) {
      if (tr.effects.some((e) => e.is(embedsResolved))) return build(tr.state);
      if (!tr.docChanged) return decos;
      let next = decos.map(tr.changes);
      tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
        const from = tr.state.doc.lineAt(fromB).from;
        const to = tr.state.doc.lineAt(toB).to;
        const fresh: Range<Decoration>[] = [];
        decorateLines(tr.state, from, to, registry, fresh);
        next = next.update({ filterFrom: from, filterTo: to, filter: () => false, add: fresh, sort: true });
      });
      return next;
    },
    provide: (f) => [EditorView.decorations.from(f), EditorView.atomicRanges.of((view) => atomicOf(view.state.field(f)))],
  });
  return {
    extension: field,
    idsIn(state) {
      const ids = new Set<string>();
      state.field(field).between(0, state.doc.length, (_from, _to, deco) => {
        const widget = deco.spec.widget as ChipWidget | BlockWidget | undefined;
        if (widget?.token) ids.add(widget.token.id);
      });
      return [...ids];
    },
  };
}

/** Chips and replaced lines are atomic; block widgets under a line are points, not ranges. */
function atomicOf(decos: DecorationSet): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  decos.between(0, 1e12, (from, to, deco) => {
    if (from < to) builder.add(from, to, deco);
  });
  return builder.finish();
}
