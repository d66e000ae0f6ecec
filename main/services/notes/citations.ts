import { lazyModule } from '../../lazy-module';
import type { CitationStyle, EmbedSource } from '../../../shared/notes/resolved';
import { cslHtmlToRuns, runsToHtml, runsToMarkdown, runsToText, type StyledRun } from './csl-html';
import { toCslItem } from './csl-item';
import { CHICAGO_AUTHOR_DATE_CSL } from './styles/chicago-author-date';
import { CHICAGO_NOTE_CSL } from './styles/chicago-note';

/**
 * Citations through citeproc-js (by way of citation-js, which bundles it with the en-US locale and
 * APA 7th edition). Chicago is our own CSL (styles/, news and web subset): no npm package ships
 * the Chicago styles.
 */
const TEMPLATE: Record<CitationStyle, string> = {
  'chicago-note': 'sourcebook-chicago-note',
  'chicago-author-date': 'sourcebook-chicago-author-date',
  apa: 'apa',
};

const loadCore = lazyModule<typeof import('@citation-js/core')>('@citation-js/core');
/** Registers the CSL output format with the core when loaded (lazy-module.ts: only notes with citations need it). */
const loadCslPlugin = lazyModule<unknown>('@citation-js/plugin-csl');

/** The citation processor, loaded on the first citation, with our Chicago styles registered. */
let isRegistered = false;
function citationJs(): typeof import('@citation-js/core') {
  const core = loadCore();
  loadCslPlugin();
  if (!isRegistered) {
    const csl = core.plugins.config.get('@csl');
    csl.templates.add(TEMPLATE['chicago-note'], CHICAGO_NOTE_CSL);
    csl.templates.add(TEMPLATE['chicago-author-date'], CHICAGO_AUTHOR_DATE_CSL);
    isRegistered = true;
  }
  return core;
}

export interface FormattedSource {
  sourceId: string;
  inText: StyledRun[];
  reference: StyledRun[];
}

/** In-text citation and reference entry for each source, in the order given (duplicates dropped). */
export function formatSources(sources: readonly EmbedSource[], style: CitationStyle): FormattedSource[] {
  const unique = [...new Map(sources.map((s) => [s.articleId, s])).values()];
  if (unique.length === 0) return [];
  const template = TEMPLATE[style];
  const cite = new (citationJs().Cite)(unique.map(toCslItem));
  const references = new Map(cite.format('bibliography', { format: 'html', template, lang: 'en-US', asEntryArray: true }));
  return unique.map((s) => ({
    sourceId: s.articleId,
    inText: cslHtmlToRuns(cite.format('citation', { format: 'html', template, lang: 'en-US', entry: s.articleId })),
    reference: cslHtmlToRuns(references.get(s.articleId) ?? ''),
  }));
}

/** The reference list, sorted as the style sorts it. */
export function formatBibliography(sources: readonly EmbedSource[], style: CitationStyle): { sourceId: string; runs: StyledRun[] }[] {
  const unique = [...new Map(sources.map((s) => [s.articleId, s])).values()];
  if (unique.length === 0) return [];
  const cite = new (citationJs().Cite)(unique.map(toCslItem));
  return cite
    .format('bibliography', { format: 'html', template: TEMPLATE[style], lang: 'en-US', asEntryArray: true })
    .map(([sourceId, html]) => ({ sourceId, runs: cslHtmlToRuns(html) }));
}

export const BIBLIOGRAPHY_HEADING: Record<CitationStyle, string> = {
  'chicago-note': 'Bibliography',
  'chicago-author-date': 'References',
  apa: 'References',
};

export const renderRuns = { text: runsToText, html: runsToHtml, markdown: runsToMarkdown };
