export { suggestQuotes, type KnownSpeaker, type SuggestQuotesOptions } from './suggest-quotes';
export { suggestSources, type SourceLink } from './suggest-sources';
