/** What the clip pipeline derives from one input, before anything is stored (CLI `extract`). */

export interface ExtractedLink {
  href: string;
  text: string;
}

/** A direct quotation found in an article's plain text, offered to the user as a suggestion. */
export interface SuggestedQuote {
  /** The quoted words, exactly as they stand in the article text (without the quote marks). */
  text: string;
  /** Offsets into the article's plain text: text === articleText.slice(start, end). */
  start: number;
  end: number;
  /** The resolved full name ("Samuel Bresnick"), or null when no speaker was found. */
  speaker: string | null;
  /** The words in the text that named the speaker here ("Bresnick", "he", "a spokesperson"). */
  speakerMention: string | null;
  /** Role or affiliation from an apposition ("research fellow at Georgetown CSET"), if any. */
  speakerRole?: string | null;
}

/** An outlet or agency the article cites ("according to Reuters"), or an outbound link. */
export interface SuggestedSource {
  name: string;
  url: string | null;
}

export interface ExtractedArticle {
  title: string;
  authors: string[];
  siteName: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  /** The URL the content was fetched from or said to come from (after redirects). */
  url: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  excerpt: string | null;
  leadImageUrl: string | null;
  /** Sanitized HTML of the main content: no scripts, handlers, iframes, forms, javascript: URLs. */
  html: string;
  /** domToText() of `html` (shared/text/dom-text.ts): quote offsets point into this. */
  text: string;
  links: ExtractedLink[];
  wordCount: number;
}

/** One line of `sourcebook extract --jsonl`. */
export interface ExtractResult extends ExtractedArticle {
  /** The input as given: a file path, a URL or "-" for stdin. */
  source: string;
  suggestedQuotes: SuggestedQuote[];
  suggestedSources: SuggestedSource[];
}
