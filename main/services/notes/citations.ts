import { lazyModule } from '../../lazy-module';
import type { CitationStyle, EmbedSource } from '../../../shared/notes/resolved';
import { cslHtmlToRuns, runsToHtml, runsToMarkdown, runsToText, type StyledRun } from './csl-html';
import { toCslItem } from './csl-item';
import { CHICAGO_AUTHOR_DATE_CSL } from './styles/chicago-author-date';
import { CHICAGO_NOTE_CSL, CHICAGO_NOTE_SHORT_CSL } from './styles/chicago-note';

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
/** A Chicago note's short form, for a source's later notes (footnotes.ts). */
const CHICAGO_SHORT_TEMPLATE = 'sourcebook-chicago-note-short';

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
    csl.templates.add(CHICAGO_SHORT_TEMPLATE, CHICAGO_NOTE_SHORT_CSL);
    isRegistered = true;
  }
  return core;
}

export interface FormattedSource {
  sourceId: string;
  inText: StyledRun[];
  reference: StyledRun[];
  /** Chicago notes: the short note for the source's later citations. */
  shortNote?: StyledRun[];
}

/** In-text citation and reference entry for each source, in the order given (duplicates dropped). */
export function formatSources(sources: readonly EmbedSource[], style: CitationStyle): FormattedSource[] {
  const unique = [...new Map(sources.map((s) => [s.articleId, s])).values()];
  if (unique.length === 0) return [];
  const template = TEMPLATE[style];
  const cite = new (citationJs().Cite)(unique.map(toCslItem));
  const references = new Map(cite.format('bibliography', { format: 'html', template, lang: 'en-US', asEntryArray: true }));
  const citation = (entry: string, citationTemplate: string) => cslHtmlToRuns(cite.format('citation', { format: 'html', template: citationTemplate, lang: 'en-US', entry }));
  return unique.map((s) => ({
    sourceId: s.articleId,
    inText: citation(s.articleId, template),
    reference: cslHtmlToRuns(references.get(s.articleId) ?? ''),
    ...(style === 'chicago-note' ? { shortNote: capitalizeFirst(citation(s.articleId, CHICAGO_SHORT_TEMPLATE)) } : {}),
  }));
}

/**
 * A note begins a sentence: a short note that opens with a lower-case particle ("van der Berg and
 * Costa, …") takes a capital, as Chicago capitalizes such a name at the start of a sentence.
 */
function capitalizeFirst(runs: StyledRun[]): StyledRun[] {
  const [first, ...rest] = runs;
  if (!first) return runs;
  return [{ ...first, text: first.text.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) }, ...rest];
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
