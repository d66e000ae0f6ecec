import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Article, Quote } from '../../../../shared/domain/entities';
import { call } from '../../../api/client';
import { Icon } from '../../../components/Icon';
import { useToast } from '../../../components/Toasts';
import { isEditableTarget } from '../../../lib/keyboard';
import { useLibrary } from '../../../lib/library-context';
import { QuoteForm } from './QuoteForm';
import { onRevealRequest } from './reveal';
import { offsetsToRange, selectionToAnchor, type TextAnchor } from './text-offsets';
import './selection.css';

export interface ReaderSelectionProps {
  article: Pick<Article, 'id' | 'text' | 'publishedAt'>;
  /** The rendered article body (where quotes are highlighted). */
  bodyRef: RefObject<HTMLElement | null>;
  /** The reader's scrolling region. */
  scrollerRef: RefObject<HTMLElement | null>;
  /** A quote was made here: the reader marks it as the active quote. */
  onQuoteCreated(id: string): void;
}

const MARGIN = 8;
const REVEAL_MS = 2600;
const REVEAL_HIGHLIGHT = 'sb-reveal';
const DRAFT_HIGHLIGHT = 'sb-draft';

/** Where a popover of this size goes: under the selection, else above it, always on screen. */
function place(el: HTMLElement, anchor: DOMRect): void {
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  let top = anchor.bottom + MARGIN;
  if (top + h > vh - MARGIN && anchor.top - MARGIN - h >= MARGIN) top = anchor.top - MARGIN - h;
  top = Math.max(MARGIN, Math.min(top, vh - h - MARGIN));
  const left = Math.max(MARGIN, Math.min(anchor.left + anchor.width / 2 - w / 2, vw - w - MARGIN));
  el.style.top = `${Math.round(top)}px`;
  el.style.left = `${Math.round(left)}px`;
}

const isLive = (range: Range) => range.startContainer.isConnected && range.endContainer.isConnected;
const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The reader's selection tools: select words in the article and a small popover offers "Quote"
 * (or press Q), which opens the quote form next to the selection. The selection becomes offsets
 * into the article's plain text (text-offsets.ts) so the new quote is anchored exactly where it
 * was selected. Also answers "show this passage" requests (reveal.ts) from the suggestions panel.
 */
export function ReaderSelection({ article, bodyRef, scrollerRef, onQuoteCreated }: ReaderSelectionProps) {
  const toast = useToast();
  const { invalidate } = useLibrary();
  const titleId = useId();
  const [selected, setSelected] = useState<Range | null>(null);
  const [draft, setDraft] = useState<{ anchor: TextAnchor; range: Range } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const popoverRef = useRef<HTMLDivElement>(null);
  const selectedRef = useRef<Range | null>(null);
  selectedRef.current = selected;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const lastRect = useRef<DOMRect | null>(null);

  // A new article: whatever was selected or being written belongs to the old one.
  useEffect(() => {
    setSelected(null);
    setDraft(null);
  }, [article.id]);

  /** The document's selection, when it is a non-empty range inside the article body. */
  const readSelection = useCallback((): Range | null => {
    const selection = document.getSelection();
    const body = bodyRef.current;
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !body) return null;
    const range = selection.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer) || !range.toString().trim()) return null;
    return range.cloneRange();
  }, [bodyRef]);

  // Follow the document's selection, once the pointer is up (no popover flickering mid-drag).
  useEffect(() => {
    let isPointerDown = false;
    let timer: number | undefined;
    const read = () => {
      if (!draftRef.current) setSelected(readSelection());
    };
    const onSelectionChange = () => {
      window.clearTimeout(timer);
      if (!isPointerDown) timer = window.setTimeout(read, 120);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (popoverRef.current?.contains(event.target as Node)) return;
      isPointerDown = true;
    };
    const onPointerUp = () => {
      if (!isPointerDown) return;
      isPointerDown = false;
      window.clearTimeout(timer);
      timer = window.setTimeout(read, 10);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('selectionchange', onSelectionChange);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerup', onPointerUp, true);
    };
  }, [readSelection]);

  // Keep the popover next to its words while the reader scrolls or the window resizes.
  const reposition = useCallback(() => {
    const el = popoverRef.current;
    const range = draftRef.current?.range ?? selectedRef.current;
    if (!el || !range) return;
    if (isLive(range)) {
      const rect = range.getBoundingClientRect();
      if (rect.width > 0 || rect.height > 0) lastRect.current = rect;
    }
    const rect = lastRect.current;
    if (!rect) return;
    const scroller = scrollerRef.current?.getBoundingClientRect();
    // The compact popover hides when its words scroll away; the form stays (clamped) on screen.
    const isOffscreen = scroller ? rect.bottom < scroller.top || rect.top > scroller.bottom : false;
    el.style.visibility = isOffscreen && !draftRef.current ? 'hidden' : '';
    place(el, rect);
  }, [scrollerRef]);

  useLayoutEffect(() => {
    reposition();
  }, [selected, draft, reposition]);

  useEffect(() => {
    if (!selected && !draft) return;
    const scroller = scrollerRef.current;
    scroller?.addEventListener('scroll', reposition, { passive: true });
    window.addEventListener('resize', reposition);
    return () => {
      scroller?.removeEventListener('scroll', reposition);
      window.removeEventListener('resize', reposition);
    };
  }, [selected, draft, reposition, scrollerRef]);

  const anchorOf = useCallback((): { anchor: TextAnchor; range: Range } | null => {
    // Q may come before the popover caught up with a brand-new selection.
    const range = selectedRef.current ?? readSelection();
    const body = bodyRef.current;
    if (!range || !body || !isLive(range)) return null;
    const anchor = selectionToAnchor(body, range, article.text);
    if (!anchor) {
      toast.info('Those words could not be found in the article’s stored text. Select them again inside the article body.');
      return null;
    }
    return { anchor, range };
  }, [article.text, bodyRef, readSelection, toast]);

  const openForm = useCallback(() => {
    const next = anchorOf();
    if (next) setDraft(next);
  }, [anchorOf]);

  const finish = useCallback(
    (quote: Quote | null) => {
      setDraft(null);
      setSelected(null);
      if (quote) {
        document.getSelection()?.removeAllRanges();
        invalidate();
        onQuoteCreated(quote.id);
      }
      scrollerRef.current?.focus({ preventScroll: true });
    },
    [invalidate, onQuoteCreated, scrollerRef],
  );

  /** One click: keep the words as a highlight (a quote of kind "highlight", no speaker). */
  const saveHighlight = async () => {
    const next = anchorOf();
    if (!next) return;
    setIsBusy(true);
    try {
      const quote = await call('quotes.create', {
        articleId: article.id,
        text: next.anchor.text,
        start: next.anchor.start,
        prefix: next.anchor.prefix,
        suffix: next.anchor.suffix,
        kind: 'highlight',
      });
      toast.info('Highlight saved.');
      finish(quote);
    } catch (error) {
      toast.error(error, 'Could not save the highlight');
    } finally {
      setIsBusy(false);
    }
  };

  // While the form is open the document selection is gone (the focus is in the form): keep the
  // words it is about visibly marked.
  useEffect(() => {
    if (!draft || typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
    CSS.highlights.set(DRAFT_HIGHLIGHT, new Highlight(draft.range));
    return () => {
      CSS.highlights.delete(DRAFT_HIGHLIGHT);
    };
  }, [draft]);

  // Q opens the form for the selected words (unless the user is typing or in another dialog).
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== 'q' && event.key !== 'Q') return;
      if (draftRef.current || isEditableTarget(event.target) || !(selectedRef.current ?? readSelection())) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('dialog, [role="dialog"]') && !popoverRef.current?.contains(target)) return;
      event.preventDefault();
      openForm();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openForm, readSelection]);

  // "Show this passage" from the suggestions panel: scroll to it and mark it for a moment.
  useEffect(() => {
    let timer: number | undefined;
    const off = onRevealRequest((request) => {
      if (request.articleId !== article.id) return;
      const body = bodyRef.current;
      const scroller = scrollerRef.current;
      const range = body ? offsetsToRange(body, article.text, request.start, request.end, request.text) : null;
      if (!range || !scroller) {
        toast.info('That passage is not in the text shown in the reader.');
        return;
      }
      const rect = range.getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      scroller.scrollBy({ top: rect.top - box.top - box.height / 3, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
      if (typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined') {
        CSS.highlights.set(REVEAL_HIGHLIGHT, new Highlight(range));
        window.clearTimeout(timer);
        timer = window.setTimeout(() => CSS.highlights.delete(REVEAL_HIGHLIGHT), REVEAL_MS);
      }
    });
    return () => {
      off();
      window.clearTimeout(timer);
      if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(REVEAL_HIGHLIGHT);
    };
  }, [article.id, article.text, bodyRef, scrollerRef, toast]);

  const onPopoverKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed here belong to the popover: Delete must not trash the article behind it.
    if (event.key === 'Delete' || event.key === 'Backspace') event.stopPropagation();
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      finish(null);
    }
  };

  if (draft) {
    return (
      <div ref={popoverRef} className="selection-popover selection-popover--form" role="dialog" aria-labelledby={titleId} onKeyDown={onPopoverKeyDown}>
        <h2 id={titleId} className="selection-popover__title">
          New quote
        </h2>
        <QuoteForm
          article={article}
          anchor={draft.anchor}
          onCancel={() => finish(null)}
          onSaved={(quote, stanceError) => {
            if (stanceError !== undefined) toast.error(stanceError, 'The quote was saved, but not its stance');
            else toast.info(quote.speakerName ? `Quote by ${quote.speakerName} saved.` : 'Quote saved.');
            finish(quote);
          }}
        />
      </div>
    );
  }
  if (!selected) return null;
  return (
    <div
      ref={popoverRef}
      className="selection-popover"
      role="dialog"
      aria-label="Selected text"
      onKeyDown={onPopoverKeyDown}
      // Pressing a button here must not collapse the selection it acts on.
      onMouseDown={(e) => e.preventDefault()}
    >
      <button type="button" className="button button--small button--ghost" onClick={openForm} aria-keyshortcuts="Q" disabled={isBusy}>
        <Icon name="quote" size={14} />
        Quote
        <kbd aria-hidden="true">Q</kbd>
      </button>
      <button type="button" className="button button--small button--ghost" onClick={() => void saveHighlight()} disabled={isBusy}>
        <Icon name="check" size={14} />
        Highlight
      </button>
    </div>
  );
}
