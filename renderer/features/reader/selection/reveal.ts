/**
 * "Show me this passage": any view (the suggestions panel) asks the open reader to scroll to a span
 * of the article's plain text and mark it for a moment. A window event keeps the reader and the
 * asking panel decoupled (neither holds the other's refs); the reader ignores other articles.
 */
export interface RevealRequest {
  articleId: string;
  start: number;
  end: number;
  /** The exact text, used when the rendered text differs from the stored one. */
  text: string;
}

const EVENT = 'sourcebook:reveal-text';

export function revealInReader(request: RevealRequest): void {
  window.dispatchEvent(new CustomEvent<RevealRequest>(EVENT, { detail: request }));
}

export function onRevealRequest(listener: (request: RevealRequest) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<RevealRequest>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
