import { Command, Option } from 'commander';
import { SEARCH_TYPES, type SearchType } from '../../../shared/search/query-ast';
import type { SearchHit, SearchResult } from '../../../shared/search/search-result';
import { splitSnippet } from '../../../shared/search/snippet-markers';
import { emit, fit } from '../output';
import type { CliRunner } from '../runner';

const BADGE_WIDTH = Math.max(...SEARCH_TYPES.map((t) => t.length)) + 2;

/** A snippet for a terminal: matches as **…**, white space folded, cut to `width` characters of text. */
export function terminalSnippet(snippet: string, width = 160): string {
  let used = 0;
  let out = '';
  for (const part of splitSnippet(snippet.replace(/\s+/g, ' '))) {
    if (used >= width) break;
    const text = part.text.slice(0, width - used);
    used += text.length;
    out += part.isMatch ? `**${text}**` : text;
  }
  return `${out.trim()}${used >= width ? '…' : ''}`;
}

export function hitLine(hit: SearchHit): string {
  const badge = `[${hit.type}]`.padEnd(BADGE_WIDTH);
  const who = hit.speakerName ? ` — ${hit.speakerName}` : '';
  const snippet = terminalSnippet(hit.snippet);
  return `${badge} ${fit(hit.title, 70)}${snippet ? ` · ${snippet}` : ''}${who}  (${hit.id})`;
}

export function humanResult(r: SearchResult, offset: number): string[] {
  const lines: string[] = [];
  if (r.didYouMean) lines.push(`Did you mean: ${r.didYouMean.query}`);
  if (r.total === 0) return [...lines, 'No results. Try fewer words, a prefix such as clim*, or see `sourcebook search --help`.'];
  lines.push(...r.hits.map(hitLine));
  const total = `${r.total}${r.isTotalExact ? '' : '+'}`;
  const shown = r.hits.length ? `${offset + 1}–${offset + r.hits.length} of ${total}` : `none of ${total} on this page`;
  lines.push(`${shown} results (${r.tookMs} ms)`);
  return lines;
}

const HELP = `
Query language (full reference: shared/search/QUERY-LANGUAGE.md):
  carbon tax            both words (stemmed: "taxes" finds "tax")
  "carbon tax"          the exact phrase          clim*     words starting with clim
  carbon OR levy        either word               -farm     leave out what mentions farm
  (a OR b) c            grouping
  type:quote|article|note|speaker|topic   speaker:"Angela Merkel"   stance:supports|opposes|neutral|mixed
  topic:"carbon tax"   tag:draft   site:nytimes.com   collection:thesis
  before:2020   after:2019-06   said:2021-03-15     (-tag:draft excludes)

A query starting with "-" needs "--" first:  sourcebook search -- -draft tag:thesis`;

/** `sourcebook search QUERY [--type T] [--limit N] [--offset N] [--count-up-to N] [--json]`. */
export function registerSearch(program: Command, run: CliRunner): void {
  program
    .command('search')
    .description('full-text search over articles, quotes, notes, speakers and topics')
    .argument('<query...>', 'the search (words are joined with spaces; quote phrases for the shell)')
    .addOption(new Option('--type <type>', 'only this type').choices(SEARCH_TYPES))
    .option('--limit <n>', 'at most this many results', (v) => Number.parseInt(v, 10), 20)
    .option('--offset <n>', 'skip this many results', (v) => Number.parseInt(v, 10), 0)
    .option('--count-up-to <n>', 'count results exactly up to N per type, then report "N+" (faster on a big library)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON: {total, isTotalExact, tookMs, hits[{type,id,title,snippet,score}], facets}')
    .addHelpText('after', HELP)
    .action(async (words: string[], o: { type?: SearchType; limit: number; offset: number; countUpTo?: number; json?: boolean }) => {
      const query = words.join(' ');
      const result = await run.call('search.query', {
        query, limit: o.limit, offset: o.offset, facets: Boolean(o.json), ...(o.type ? { type: o.type } : {}), ...(o.countUpTo !== undefined ? { countUpTo: o.countUpTo } : {}),
      });
      // JSON keeps the API's snippet markers (\u0002 … \u0003) so programs can find the matches exactly.
      const json = {
        total: result.total,
        isTotalExact: result.isTotalExact,
        tookMs: result.tookMs,
        hits: result.hits.map(({ type, id, title, snippet, score }) => ({ type, id, title, snippet, score })),
        facets: result.facets,
        ...(result.didYouMean ? { didYouMean: result.didYouMean } : {}),
      };
      emit(o, json, () => humanResult(result, o.offset));
    });
}
