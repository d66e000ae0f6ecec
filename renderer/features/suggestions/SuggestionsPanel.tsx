import { useEffect, useId, useState } from 'react';
import type { QuoteSuggestion, SourceSuggestion } from '../../../shared/api/methods-clip';
import { ApiError, call } from '../../api/client';
import { useToast } from '../../components/Toasts';
import { plural } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import type { SuggestionEdits } from './EditSuggestion';
import { QuoteSuggestions } from './QuoteSuggestions';
import { SourceSuggestions } from './SourceSuggestions';
import './suggestions.css';

export interface SuggestionsPanelProps {
  articleId: string;
}

/**
 * Quotations and cited sources the suggester found in the open article, for the user to accept or
 * dismiss, fast, from the keyboard: on the focused suggestion A accepts, D dismisses, and on a
 * quotation E edits its speaker, kind or passage then accepts; ↑/↓ or J/K move. Clicking a
 * quotation (or Enter) shows it in the reader.
 */
export function SuggestionsPanel({ articleId }: SuggestionsPanelProps) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const headingId = useId();
  const [isRerunning, setIsRerunning] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // Suggestions just accepted or dismissed disappear at once, before the list reloads.
  const [done, setDone] = useState<ReadonlySet<string>>(() => new Set());
  // Delete in the reader trashes the article while this panel is still open: the list reloads on
  // that change and finds no article. The panel is about to close; that is no error to show.
  const { data, reload } = useQuery(
    () => call('suggestions.list', { articleId }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'not-found') return { quotes: [], sources: [] };
      throw error;
    }),
    [articleId, revision],
    'Could not load suggestions',
  );
  const isCurrent = data && (data.quotes[0]?.articleId ?? data.sources[0]?.articleId ?? articleId) === articleId;
  const quotes = isCurrent ? data.quotes.filter((q) => q.status === 'pending' && !done.has(q.id)) : [];
  const sources = isCurrent ? data.sources.filter((s) => s.status === 'pending' && !done.has(s.id)) : [];

  useEffect(() => setDone(new Set()), [articleId]);

  const markDone = (id: string) => setDone((prev) => new Set(prev).add(id));
  const unmarkDone = (id: string) =>
    setDone((prev) => {
      const next = new Set(prev);
      next.delete(id);
      return next;
    });

  const accept = async (suggestion: QuoteSuggestion, edits?: SuggestionEdits) => {
    markDone(suggestion.id);
    try {
      const quote = await call('suggestions.accept', { id: suggestion.id, ...edits });
      setAnnouncement(`Accepted: quote${quote.speakerName ? ` by ${quote.speakerName}` : ''}.`);
      invalidate();
    } catch (error) {
      unmarkDone(suggestion.id);
      toast.error(error, 'Could not accept the suggestion');
    }
  };

  const dismiss = async (id: string, what: string) => {
    markDone(id);
    try {
      await call('suggestions.dismiss', { id });
      setAnnouncement(`Dismissed ${what}.`);
      invalidate();
    } catch (error) {
      unmarkDone(id);
      toast.error(error, 'Could not dismiss the suggestion');
    }
  };

  const acceptSource = async (source: SourceSuggestion) => {
    markDone(source.id);
    try {
      await call('suggestions.acceptSource', { id: source.id });
      setAnnouncement(`Linked: cites ${source.name}.`);
      invalidate();
    } catch (error) {
      unmarkDone(source.id);
      toast.error(error, `Could not link “${source.name}”`);
    }
  };

  const rerun = async () => {
    setIsRerunning(true);
    try {
      const result = await call('suggestions.rerun', { articleId });
      setDone(new Set());
      setAnnouncement(`Found ${plural(result.quotes.filter((q) => q.status === 'pending').length, 'quote')} and ${plural(result.sources.filter((s) => s.status === 'pending').length, 'source')}.`);
      reload();
      invalidate();
    } catch (error) {
      toast.error(error, 'Could not look for suggestions again');
    } finally {
      setIsRerunning(false);
    }
  };

  const count = quotes.length + sources.length;
  return (
    <section className="inspector__section suggestions" aria-label="Suggestions">
      <div className="suggestions__header">
        <h2 id={headingId} className="inspector__heading suggestions__heading">
          Suggestions
          {count > 0 && <span className="inspector__count">{count}</span>}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={() => void rerun()} disabled={isRerunning}>
          {isRerunning ? 'Finding…' : 'Find again'}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {!data ? (
        <p className="muted">Looking for suggestions…</p>
      ) : count === 0 ? (
        <p className="muted">No open suggestions. “Find again” looks for quotations and cited sources in the text.</p>
      ) : null}
      {quotes.length > 0 && <QuoteSuggestions articleId={articleId} quotes={quotes} onAccept={accept} onDismiss={(s) => void dismiss(s.id, 'the quote')} />}
      {sources.length > 0 && <SourceSuggestions sources={sources} onAccept={(s) => void acceptSource(s)} onDismiss={(s) => void dismiss(s.id, s.name)} />}
    </section>
  );
}
