import { parseHTML } from 'linkedom';
import { AppError } from '../../shared/errors';
import { countWords, domToText, type TextNodeLike } from '../../shared/text/dom-text';
import { textToHtml, type ArticleContent, type ContentPipeline } from './content';

/** Plain text of already-sanitized HTML, by the shared definition quote offsets rely on. */
export function textOfHtml(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return domToText(document.body as unknown as TextNodeLike);
}

function fromText(text: string): ArticleContent {
  const html = textToHtml(text);
  const plain = textOfHtml(html);
  return { html, text: plain, title: null, wordCount: countWords(plain) };
}

export function createContentPipeline(): ContentPipeline {
  return {
    fromText,
    fromHtml() {
      throw new AppError('clip/unsupported', 'HTML input needs the clip pipeline, which is not wired yet.');
    },
    fromMarkdown() {
      throw new AppError('clip/unsupported', 'Markdown input needs the clip pipeline, which is not wired yet.');
    },
  };
}
