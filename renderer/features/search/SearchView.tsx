import { Fragment, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ItemType, StanceValue } from '../../../shared/domain/entities';
import { addFilterToQuery } from '../../../shared/search/filter-text';
import type { SearchType } from '../../../shared/search/query-ast';
import { FACET_NAMES, type FacetName, type FacetValue, type SavedSearch, type SearchHit, type SearchResult } from '../../../shared/search/search-result';
import { splitSnippet } from '../../../shared/search/snippet-markers';
import { SYNTAX_HELP } from '../../../shared/search/syntax-help';
import { ApiError, call } from '../../api/client';
import { Icon, type IconName } from '../../components/Icon';
import { StanceChip } from '../../components/StanceChip';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import './search.css';
import { VERBATIM, VerbatimBadge } from '../quotes/VerbatimBadge';

/** Full-text search view (owned by the Search work; this is its mounting point in the shell). */
export interface SearchViewProps {
  /** The query typed in the shell's search field. */
  query: string;
  onQueryChange(query: string): void;
  onOpenItem(id: string, type: ItemType): void;
}

const PAGE_SIZE = 20;
/** Results are counted exactly up to this many per type, then shown as "1,000+" (what keeps typing fast in a big library). */
const COUNT_UP_TO = 1000;
/** "1,234" or, for a lower bound, "1,000+". */
const countText = (count: number, isAtLeast: boolean) => `${count.toLocaleString()}${isAtLeast ? '+' : ''}`;
/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 120;

const TYPE_BADGES: Record<SearchType, { label: string; icon: IconName }> = {
  article: { label: 'Article', icon: 'library' },
  quote: { label: 'Quote', icon: 'quote' },
  note: { label: 'Note', icon: 'note' },
  speaker: { label: 'Speaker', icon: 'speaker' },
  topic: { label: 'Topic', icon: 'topic' },
};
const FACET_TITLES: Record<FacetName, string> = { type: 'Type', speaker: 'Speaker', stance: 'Stance', topic: 'Topic', tag: 'Tag', site: 'Site', year: 'Year' };

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; previous: SearchResult | null }
  | { status: 'done'; result: SearchResult }
  | { status: 'error'; error: unknown; previous: SearchResult | null };

/**
 * Runs the search as the user types: debounced, and every response but the latest one dropped
 * (responses can arrive out of order, and an old one must never replace a newer result).
 */
function useSearch(query: string, page: number): SearchState {
  const settled = useDebounced(query, DEBOUNCE_MS);
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const latest = useRef(0);
  const lastResult = useRef<SearchResult | null>(null);

  useEffect(() => {
    const request = ++latest.current;
    if (!settled.trim()) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'loading', previous: lastResult.current });
    call('search.query', { query: settled, limit: PAGE_SIZE, offset: page * PAGE_SIZE, facets: true, prefixLastWord: true, countUpTo: COUNT_UP_TO }).then(
      (result) => {
        if (request !== latest.current) return;
        lastResult.current = result;
        setState({ status: 'done', result });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setState({ status: 'error', error, previous: lastResult.current });
      },
    );
  }, [settled, page]);

  return state;
}

/** A snippet with its marked matches as <mark> elements: text nodes only, never HTML. */
export function Snippet({ text }: { text: string }) {
  return (
    <>
      {splitSnippet(text).map((part, i) => (part.isMatch ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>))}
    </>
  );
}

function TypeBadge({ type }: { type: SearchType }) {
  const badge = TYPE_BADGES[type];
  return (
    <span className={`search-badge search-badge--${type}`}>
      <Icon name={badge.icon} size={12} />
      {badge.label}
    </span>
  );
}

function HitRow({ hit, onOpen }: { hit: SearchHit; onOpen(): void }) {
  const meta = [hit.speakerName, hit.siteName, formatDate(hit.date)].filter(Boolean).join(' · ');
  return (
    <li className="search-hit">
      <button type="button" className="search-hit__button" onClick={onOpen}>
        <span className="search-hit__head">
          <TypeBadge type={hit.type} />
          <span className="search-hit__title">{hit.title}</span>
          {/* Only a quote whose words changed in its source says so: "verbatim" on every hit is noise. */}
          {hit.anchorStatus && VERBATIM[hit.anchorStatus].tone !== 'ok' && <VerbatimBadge status={hit.anchorStatus} />}
        </span>
        {hit.snippet && (
          <span className={`search-hit__snippet${hit.type === 'quote' ? ' search-hit__snippet--quote' : ''}`}>
            <Snippet text={hit.snippet} />
          </span>
        )}
        {meta && <span className="search-hit__meta">{meta}</span>}
      </button>
    </li>
  );
}

/** An invalid query, with the place SQLite never saw marked in the query itself. */
function QueryError({ query, error }: { query: string; error: unknown }) {
  const isSyntax = error instanceof ApiError && error.code === 'search/invalid-query';
  const position = isSyntax ? Number(error.info.details?.position ?? -1) : -1;
  const end = isSyntax ? Math.max(position + 1, Number(error.info.details?.end ?? position + 1)) : -1;
  return (
    <div className="search-error" role="alert">
      <Icon name="alert" />
      <div>
        <p className="search-error__message">{isSyntax ? error.message : describeError(error)}</p>
        {position >= 0 && position <= query.length && (
          <code className="search-error__query" aria-label={`The problem is at column ${position + 1}`}>
            {query.slice(0, position)}
            <mark className="search-error__at">{query.slice(position, Math.min(end, query.length)) || ' '}</mark>
            {query.slice(Math.min(end, query.length))}
          </code>
        )}
      </div>
    </div>
  );
}

/** A small non-modal popover anchored under its button; Esc or a click outside closes it. */
function Popover({ label, buttonText, children, className = '' }: { label: string; buttonText: ReactNode; children: (close: () => void) => ReactNode; className?: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => {
    setIsOpen(false);
    buttonRef.current?.focus();
  }, []);
  useEffect(() => {
    if (!isOpen) return;
    panelRef.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!panelRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [isOpen]);
  return (
    <div className={`search-popover ${className}`}>
      <button ref={buttonRef} type="button" className="button button--small" aria-expanded={isOpen} aria-controls={id} onClick={() => setIsOpen((o) => !o)}>
        {buttonText}
      </button>
      {isOpen && (
        <div
          ref={panelRef}
          id={id}
          role="dialog"
          aria-label={label}
          tabIndex={-1}
          className="search-popover__panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}

function SyntaxHelp() {
  return (
    <Popover label="Search syntax" buttonText="Syntax" className="search-popover--help">
      {() => (
        <div className="search-help">
          {SYNTAX_HELP.map((section) => (
            <section key={section.title}>
              <h3 className="search-help__title">{section.title}</h3>
              <dl className="search-help__list">
                {section.entries.map((e) => (
                  <div key={e.example} className="search-help__row">
                    <dt>
                      <code>{e.example}</code>
                    </dt>
                    <dd>{e.meaning}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      )}
    </Popover>
  );
}

function SavedSearches({ query, onQueryChange }: { query: string; onQueryChange(q: string): void }) {
  const [saved, setSaved] = useState<SavedSearch[] | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => {
    call('search.saved.list', {}).then(setSaved, (e: unknown) => setMessage(describeError(e)));
  }, []);
  useEffect(load, [load]);
  return (
    <Popover label="Saved searches" buttonText={`Saved${saved?.length ? ` (${saved.length})` : ''}`} className="search-popover--saved">
      {(close) => (
        <div className="search-saved">
          <form
            className="search-saved__form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              call('search.saved.save', { name, query }).then(
                () => {
                  setName('');
                  setMessage(`Saved “${name.trim()}”.`);
                  load();
                },
                (err: unknown) => setMessage(describeError(err)),
              );
            }}
          >
            <label className="search-saved__label">
              Save this search as
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" maxLength={200} />
            </label>
            <button type="submit" className="button button--small button--primary" disabled={!name.trim() || !query.trim()}>
              Save
            </button>
          </form>
          {message && (
            <p className="search-saved__message" role="status">
              {message}
            </p>
          )}
          {saved && saved.length === 0 && <p className="search-saved__empty">No saved searches yet: name this one above to keep it.</p>}
          {saved && saved.length > 0 && (
            <ul className="search-saved__list" aria-label="Saved searches">
              {saved.map((s) => (
                <li key={s.id} className="search-saved__item">
                  <button
                    type="button"
                    className="search-saved__run"
                    onClick={() => {
                      onQueryChange(s.query);
                      close();
                    }}
                  >
                    <span className="search-saved__name">{s.name}</span>
                    <code className="search-saved__query">{s.query}</code>
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Delete saved search ${s.name}`}
                    onClick={() => call('search.saved.delete', { id: s.id }).then(load, (err: unknown) => setMessage(describeError(err)))}
                  >
                    <Icon name="trash" size={14} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Popover>
  );
}

function FacetList({ name, values, onPick }: { name: FacetName; values: FacetValue[]; onPick(v: FacetValue): void }) {
  if (values.length === 0) return null;
  const headingId = `facet-${name}`;
  return (
    <section className="search-facet" aria-labelledby={headingId}>
      <h3 id={headingId} className="search-facet__title">
        {FACET_TITLES[name]}
      </h3>
      <ul className="search-facet__values">
        {values.map((v) => (
          <li key={v.value}>
            <button type="button" className="search-facet__value" onClick={() => onPick(v)} title={`Add ${v.filter} to the search`}>
              <span className="search-facet__label">{name === 'stance' ? <StanceChip value={v.value as StanceValue} /> : v.label}</span>
              <span className="search-facet__count">{countText(v.count, Boolean(v.isAtLeast))}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SearchView({ query, onQueryChange, onOpenItem }: SearchViewProps) {
  // The page belongs to the query it was chosen for: a new query starts on its first page.
  const [paging, setPaging] = useState({ query, page: 0 });
  const page = paging.query === query ? paging.page : 0;
  const state = useSearch(query, page);
  const result = state.status === 'done' ? state.result : state.status === 'idle' ? null : state.previous;
  // While a newer search runs, or when the newest query is invalid, the last results stay, dimmed.
  const isStale = state.status === 'loading' || state.status === 'error';

  const addFilter = (v: FacetValue) => onQueryChange(addFilterToQuery(query, v.filter));
  const from = page * PAGE_SIZE;

  return (
    <section className="search-view" aria-label="Search results">
      <div className="search-view__toolbar">
        <p className="search-view__status" role="status" aria-live="polite">
          {state.status === 'loading' && !result && 'Searching…'}
          {result && result.total > 0 && state.status !== 'error' && `${countText(result.total, !result.isTotalExact)} ${result.total === 1 && result.isTotalExact ? 'result' : 'results'} · ${result.tookMs} ms`}
          {result && state.status === 'error' && 'Showing the results of the last valid search.'}
          {result && result.total === 0 && state.status !== 'error' && 'No results.'}
        </p>
        <span className="toolbar-spacer" />
        <SavedSearches query={query} onQueryChange={onQueryChange} />
        <SyntaxHelp />
      </div>

      {state.status === 'error' && <QueryError query={query} error={state.error} />}

      {result?.didYouMean && (
        <p className="search-view__dym">
          Did you mean{' '}
          <button type="button" className="link-button" onClick={() => onQueryChange(result.didYouMean!.query)}>
            {result.didYouMean.query}
          </button>
          ?
        </p>
      )}

      <div className={`search-view__body${isStale ? ' search-view__body--stale' : ''}`} aria-busy={isStale}>
        <div className="search-view__results">
          {result && result.total === 0 && state.status !== 'error' && (
            <div className="search-view__empty">
              <p>Nothing matches “{query}”.</p>
              <p>Try fewer words, a prefix such as <code>clim*</code>, OR between alternatives, or remove a filter.</p>
            </div>
          )}
          {result && result.hits.length > 0 && (
            <ol className="search-results" aria-label="Results" start={from + 1}>
              {result.hits.map((hit) => (
                <HitRow key={`${hit.type}:${hit.id}`} hit={hit} onOpen={() => onOpenItem(hit.id, hit.type)} />
              ))}
            </ol>
          )}
          {result && (result.total > PAGE_SIZE || !result.isTotalExact) && (
            <nav className="search-pager" aria-label="Result pages">
              <button type="button" className="button button--small" disabled={page === 0} onClick={() => setPaging({ query, page: page - 1 })}>
                Previous
              </button>
              <span className="search-pager__range">
                {from + 1}–{from + result.hits.length} of {countText(result.total, !result.isTotalExact)}
              </span>
              <button
                type="button"
                className="button button--small"
                disabled={result.isTotalExact ? from + PAGE_SIZE >= result.total : result.hits.length < PAGE_SIZE}
                onClick={() => setPaging({ query, page: page + 1 })}
              >
                Next
              </button>
            </nav>
          )}
        </div>

        {result?.facets && result.total > 0 && (
          <aside className="search-facets" aria-label="Narrow the search">
            {FACET_NAMES.map((name) => (
              <FacetList key={name} name={name} values={result.facets![name]} onPick={addFilter} />
            ))}
            {!result.facets.isExact && <p className="search-facets__note">Counts cover the best {result.facets.window} matches of each type; Type counts are exact.</p>}
          </aside>
        )}
      </div>
    </section>
  );
}
