import type { Quote, Speaker } from '../../../shared/domain/entities';
import { allQuotes, type ExportData } from './export-data';
import { JsonDocumentWriter } from './json-writer';

/**
 * Quotes as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/): an
 * AnnotationCollection whose one page holds an Annotation per quote. The target is the article's
 * URL (or `urn:uuid:` of the article when it has none) with a TextQuoteSelector (exact, prefix,
 * suffix) and a TextPositionSelector (start, end). Positions count characters of the article's
 * plain text as Sourcebook extracted it, which a client re-anchoring on the live page should treat
 * as a hint; the quote selector is the reliable one (as Hypothesis does). Bodies: the note
 * (commenting), each tag (tagging), the speaker (describing) and each stance (classifying).
 */
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging' | 'describing' | 'classifying';
  format?: 'text/plain';
}

export function toAnnotation(q: Quote, data: ExportData, articleUrl: string | null, speakers: ReadonlyMap<string, Speaker>): Record<string, unknown> {
  const body: TextualBody[] = [];
  if (q.note) body.push({ type: 'TextualBody', value: q.note, purpose: 'commenting', format: 'text/plain' });
  for (const tag of q.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  if (q.speakerName) {
    const speaker = q.speakerId ? speakers.get(q.speakerId) : undefined;
    const role = q.speakerRole ?? speaker?.role ?? null;
    const said = [`Said by ${q.speakerName}`, role, speaker?.affiliation].filter(Boolean).join(', ');
    body.push({ type: 'TextualBody', value: q.saidAt ? `${said} (${q.saidAt})` : said, purpose: 'describing', format: 'text/plain' });
  }
  for (const st of data.stancesBySubject.get(q.id) ?? []) {
    body.push({ type: 'TextualBody', value: `${st.value}: ${st.topicTitle}`, purpose: 'classifying', format: 'text/plain' });
  }
  return {
    '@context': CONTEXT,
    id: `urn:uuid:${q.id}`,
    type: 'Annotation',
    motivation: q.note ? 'commenting' : 'highlighting',
    created: q.createdAt,
    modified: q.updatedAt,
    ...(body.length ? { body } : {}),
    target: {
      source: articleUrl ?? `urn:uuid:${q.articleId}`,
      selector: [
        { type: 'TextQuoteSelector', exact: q.text, prefix: q.prefix, suffix: q.suffix },
        { type: 'TextPositionSelector', start: q.start, end: q.end },
      ],
    },
  };
}

/**
 * The collection, written piece by piece (JsonDocumentWriter): the annotations of a large
 * library's quotes are more than one string can hold (100k articles: "Invalid string length").
 */
export function writeAnnotationCollection(data: ExportData, write: (piece: string) => void): void {
  const urls = new Map(data.articles.map((a) => [a.id, a.canonicalUrl ?? a.url]));
  // By id: a search of the speakers per quote took minutes for a large library.
  const speakers = new Map(data.speakers.map((s) => [s.id, s]));
  const quotes = allQuotes(data);
  const out = new JsonDocumentWriter(write);
  out.open({ '@context': CONTEXT, type: 'AnnotationCollection', label: `Sourcebook quotes — ${data.scope.label}`, total: quotes.length });
  out.openObject('first');
  out.value('type', 'AnnotationPage');
  out.value('startIndex', 0);
  out.list('items', quotes, (q) => toAnnotation(q, data, urls.get(q.articleId) ?? null, speakers));
  out.closeObject();
  out.close();
}
