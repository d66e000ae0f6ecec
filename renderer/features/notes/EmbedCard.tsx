import { useState } from 'react';
import type { ItemType } from '../../../shared/domain/entities';
import type { EmbedToken } from '../../../shared/notes/embed-syntax';
import { itemName, type CitationStyle, type EmbedMatrixRow, type ResolvedEmbed } from '../../../shared/notes/resolved';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { StanceChip } from '../../components/StanceChip';
import { formatDate, hostOf } from '../../lib/format';
import { VerbatimBadge } from '../quotes/VerbatimBadge';
import { citationStore, embedStore, refreshAllCitations, useCitationStoreVersion, useEmbedStoreVersion } from './embed-store';

export interface EmbedActions {
  onOpenItem(id: string, type: ItemType): void;
  /** After a restore: the library changed. */
  onChanged(): void;
  onError(error: unknown, context: string): void;
}

const TYPE_WORD: Record<EmbedToken['type'], string> = { quote: 'quote', article: 'article', speaker: 'speaker', topic: 'topic', note: 'note' };

/**
 * An embedded item, rendered from its current data: a quote with its exact text, speaker and
 * role, stance and source; an article; a speaker; a topic's stance matrix; another note. An item
 * in the trash shows a "missing" block with Restore; one deleted for good says so.
 */
export function EmbedCard({ token, actions, citationStyle }: { token: EmbedToken; actions: EmbedActions; citationStyle: CitationStyle | null }) {
  useEmbedStoreVersion();
  const r = embedStore.get(token.id);
  if (!r) {
    embedStore.request([token.id]);
    return (
      <div className="embed-card embed-card--loading" aria-busy="true">
        Loading {TYPE_WORD[token.type]}…
      </div>
    );
  }
  if (r.status === 'missing') return <MissingCard token={token} r={r} actions={actions} />;
  switch (r.type) {
    case 'quote':
      return (
        <figure className="embed-card embed-card--quote" aria-label="Embedded quote" data-embed-id={r.id}>
          <blockquote className="embed-card__quote">“{r.text}”</blockquote>
          <figcaption className="embed-card__caption">
            <span className="embed-card__who">
              —{' '}
              {r.speakerId && r.speakerName ? (
                <button type="button" className="link-button embed-card__speaker" onClick={() => actions.onOpenItem(r.speakerId!, 'speaker')}>
                  {r.speakerName}
                </button>
              ) : (
                <span className="embed-card__speaker">{r.speakerName ?? 'Unattributed'}</span>
              )}
              {r.speakerRole && <span className="embed-card__role">, {r.speakerRole}</span>}
            </span>
            {r.stances.length > 0 && (
              <span className="chip-row">
                {r.stances.map((s) => (
                  <StanceChip key={s.topicId} value={s.value} topic={s.topicTitle} />
                ))}
              </span>
            )}
            <span className="embed-card__source">
              {r.source.siteName && <cite>{r.source.siteName}</cite>}
              {(r.saidAt ?? r.source.publishedAt) && <span>{formatDate(r.saidAt ?? r.source.publishedAt)}</span>}
              <button type="button" className="link-button" onClick={() => actions.onOpenItem(r.id, 'quote')} title="Show the quote in its article">
                {r.source.title}
              </button>
              {r.source.url && <SourceLink url={r.source.url} />}
            </span>
            <VerbatimBadge status={r.anchorStatus} />
            <Citation id={r.id} style={citationStyle} />
          </figcaption>
        </figure>
      );
    case 'article':
      return (
        <figure className="embed-card embed-card--article" aria-label="Embedded article" data-embed-id={r.id}>
          <button type="button" className="link-button embed-card__title" onClick={() => actions.onOpenItem(r.id, 'article')}>
            {r.source.title}
          </button>
          <figcaption className="embed-card__source">
            {r.source.siteName && <cite>{r.source.siteName}</cite>}
            {r.source.authors.length > 0 && <span>{r.source.authors.join(', ')}</span>}
            {r.source.publishedAt && <span>{formatDate(r.source.publishedAt)}</span>}
            <span>{r.quoteCount === 1 ? '1 quote' : `${r.quoteCount} quotes`}</span>
            {r.source.url && <SourceLink url={r.source.url} />}
          </figcaption>
          <Citation id={r.id} style={citationStyle} />
        </figure>
      );
    case 'speaker':
      return (
        <figure className="embed-card embed-card--speaker" aria-label="Embedded speaker" data-embed-id={r.id}>
          <button type="button" className="link-button embed-card__title" onClick={() => actions.onOpenItem(r.id, 'speaker')}>
            {r.name}
          </button>
          <figcaption className="embed-card__source">
            {[r.role, r.affiliation].filter(Boolean).join(', ') || (r.kind === 'organization' ? 'Organisation' : 'Person')}
            <span>{r.quoteCount === 1 ? '1 quote' : `${r.quoteCount} quotes`}</span>
          </figcaption>
        </figure>
      );
    case 'topic':
      return (
        <figure className="embed-card embed-card--topic" aria-label="Embedded topic" data-embed-id={r.id}>
          <button type="button" className="link-button embed-card__title" onClick={() => actions.onOpenItem(r.id, 'topic')}>
            {r.title}
          </button>
          <MatrixTable rows={[...r.speakers, ...r.outlets]} />
        </figure>
      );
    case 'note':
      return (
        <figure className="embed-card embed-card--note" aria-label="Embedded note" data-embed-id={r.id}>
          <Icon name="note" size={14} />
          <button type="button" className="link-button embed-card__title" onClick={() => actions.onOpenItem(r.id, 'note')}>
            {r.title || 'Untitled note'}
          </button>
        </figure>
      );
  }
}

function MatrixTable({ rows }: { rows: EmbedMatrixRow[] }) {
  if (rows.length === 0) return <p className="muted">No stances recorded for this topic yet.</p>;
  return (
    <table className="embed-matrix">
      <thead>
        <tr>
          <th scope="col">Who</th>
          <th scope="col">Position</th>
          <th scope="col" className="num">
            Supports
          </th>
          <th scope="col" className="num">
            Opposes
          </th>
          <th scope="col" className="num">
            Neutral
          </th>
          <th scope="col" className="num">
            Mixed
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind}:${row.label}`}>
            <th scope="row">
              {row.label}
              {row.role && <span className="muted"> · {row.role}</span>}
              {row.kind === 'outlet' && <span className="muted"> · outlet</span>}
            </th>
            <td>
              <StanceChip value={row.current} />
            </td>
            <td className="num">{row.counts.supports}</td>
            <td className="num">{row.counts.opposes}</td>
            <td className="num">{row.counts.neutral}</td>
            <td className="num">{row.counts.mixed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Citation({ id, style }: { id: string; style: CitationStyle | null }) {
  useCitationStoreVersion(style);
  if (!style) return null;
  const store = citationStore(style);
  const c = store.get(id);
  if (c === undefined) {
    store.request([id]);
    return null;
  }
  if (c === null) return null;
  return (
    <span className="embed-card__citation" aria-label="Citation">
      {/* The citation processor's words, shown as text: italics are not worth trusting its HTML. */}
      {c.reference.text}
    </span>
  );
}

function MissingCard({ token, r, actions }: { token: EmbedToken; r: Extract<ResolvedEmbed, { status: 'missing' }>; actions: EmbedActions }) {
  const [isRestoring, setIsRestoring] = useState(false);
  const what = r.type ?? TYPE_WORD[token.type];
  const restore = async () => {
    setIsRestoring(true);
    try {
      await call('items.restore', { id: r.id });
      embedStore.refresh([r.id]);
      refreshAllCitations([r.id]);
      actions.onChanged();
    } catch (error) {
      actions.onError(error, 'Could not restore it');
    } finally {
      setIsRestoring(false);
    }
  };
  return (
    <div className="embed-card embed-card--missing" role="group" aria-label={`Missing ${what}`} data-embed-id={r.id}>
      <Icon name="alert" size={16} />
      <div className="embed-card__missing-text">
        <strong>Missing {what}.</strong>{' '}
        {r.isTrashed ? (
          <>
            It is in the trash{r.title ? <> (“{r.title.length > 120 ? `${r.title.slice(0, 118)}…` : r.title}”)</> : null}. Restore it to show it here again.
          </>
        ) : (
          <>It was deleted for good, or never existed in this library. Remove the token, or embed something else.</>
        )}
      </div>
      {r.isTrashed && (
        <button type="button" className="button button--small" onClick={() => void restore()} disabled={isRestoring}>
          <Icon name="restore" />
          {isRestoring ? 'Restoring…' : 'Restore from trash'}
        </button>
      )}
    </div>
  );
}

/** An inline reference in the preview: the item's current name (or the writer's label). */
export function EmbedChip({ token, actions }: { token: EmbedToken; actions: EmbedActions }) {
  useEmbedStoreVersion();
  const r = embedStore.get(token.id);
  if (!r) embedStore.request([token.id]);
  const text = token.label ?? chipLabel(r, token);
  if (r?.status === 'missing') return <span className="embed-chip embed-chip--missing">{text}</span>;
  return (
    <button type="button" className={`embed-chip embed-chip--${token.type}`} onClick={() => actions.onOpenItem(token.id, r?.status === 'ok' ? r.type : token.type)}>
      {text}
    </button>
  );
}

function chipLabel(r: ResolvedEmbed | undefined, token: EmbedToken): string {
  if (!r) return '…';
  if (r.status === 'missing') return `missing ${r.type ?? token.type}`;
  return itemName(r);
}

/** The source's web address, opened outside the app (no referrer), shown as its host. */
function SourceLink({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" className="embed-card__link">
      <Icon name="external" size={12} />
      {hostOf(url) ?? 'Link'}
    </a>
  );
}
