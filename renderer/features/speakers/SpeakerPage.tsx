import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SpeakerTopicStance } from '../../../shared/domain/analysis';
import { SPEAKER_KINDS, type Quote, type Speaker, type SpeakerKind } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { StanceChip } from '../../components/StanceChip';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatDate, plural, truncate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { useStancesOf } from '../../lib/use-stances';
import { LinksSection } from '../graph/LinksSection';
import { StanceForm } from '../quotes/StanceForm';
import { VerbatimBadge } from '../quotes/VerbatimBadge';
import type { OpenItem } from '../shell/navigation';
import { SpeakerCombobox } from './SpeakerCombobox';
import './speakers.css';

const KIND_LABELS: Record<SpeakerKind, string> = { person: 'Person', organization: 'Organization' };

/**
 * One speaker: who they are (editable: name, kind, role, affiliation, aliases), merging a
 * duplicate, their stances across topics over time, everything they said, and their links.
 */
export function SpeakerPage({ id, onOpenItem, onSelect }: { id: string | null; onOpenItem: OpenItem; onSelect(id: string | null): void }) {
  const { revision } = useLibrary();
  const { data } = useQuery(id ? () => call('items.get', { id }) : null, [id, revision], 'Could not open the speaker');
  const detail = data && data.id === id && data.type === 'speaker' ? data : undefined;
  const { data: positions } = useQuery(id ? () => call('speakers.stances', { id }) : null, [id, revision], 'Could not load the speaker’s stances');
  const quoteStances = useStancesOf(detail?.quotes.map((q) => q.id) ?? []);
  const [isEditing, setIsEditing] = useState(false);
  const [editingId, setEditingId] = useState(id);
  if (editingId !== id) {
    setEditingId(id);
    setIsEditing(false);
  }

  if (!id || !detail) {
    return (
      <section className="detail-pane" aria-label="Speaker">
        <EmptyState icon="speaker" title={id ? 'Loading…' : 'No speaker selected'}>
          {!id && <p>Choose a speaker to see everything they said, and their stances over time.</p>}
        </EmptyState>
      </section>
    );
  }
  const speaker = detail.item as Speaker;
  const quotes = [...detail.quotes].sort((a, b) => (b.saidAt ?? b.createdAt).localeCompare(a.saidAt ?? a.createdAt));

  return (
    <section className="detail-pane" aria-label="Speaker">
      <div className="detail-pane__scroll">
        {isEditing ? (
          <SpeakerEditForm speaker={speaker} onDone={() => setIsEditing(false)} />
        ) : (
          <header className="speaker-header">
            <div className="speaker-header__title-row">
              <h2 className="detail-pane__title">{speaker.name}</h2>
              <button type="button" className="button button--small" onClick={() => setIsEditing(true)}>
                Edit
              </button>
            </div>
            <p className="muted">{[KIND_LABELS[speaker.kind], speaker.role, speaker.affiliation].filter(Boolean).join(' · ')}</p>
            {speaker.aliases.length > 0 && (
              <p className="speaker-header__aliases">
                <span className="muted">Also known as</span>{' '}
                {speaker.aliases.map((a) => (
                  <span key={a} className="mini-tag">
                    {a}
                  </span>
                ))}
              </p>
            )}
            {speaker.description && <p className="prewrap">{speaker.description}</p>}
          </header>
        )}

        <MergeSpeaker speaker={speaker} onMerged={(keptId) => keptId !== speaker.id && onSelect(keptId)} />

        <h3 className="detail-pane__heading">Stances across topics</h3>
        <SpeakerStances positions={positions} onOpenItem={onOpenItem} />
        <StanceForm subjectType="speaker" subjectId={speaker.id} />

        <h3 className="detail-pane__heading">Quotes ({quotes.length})</h3>
        {quotes.length === 0 ? (
          <p className="muted">No quotes attributed yet. Select their words in an article and press Q.</p>
        ) : (
          <ul className="plain-list quote-cards" aria-label={`Quotes by ${speaker.name}`}>
            {quotes.map((quote: Quote) => (
              <li key={quote.id}>
                <button type="button" className="quote-card" onClick={() => onOpenItem(quote.id, 'quote')}>
                  <span className="quote-card__text">“{truncate(quote.text, 240)}”</span>
                  <span className="quote-card__meta">
                    <span>
                      <Icon name="library" size={12} /> {quote.articleTitle}
                    </span>
                    <span>{quote.saidAt ? `said ${formatDate(quote.saidAt)}` : 'date unknown'}</span>
                    {quote.speakerRole && <span>as {quote.speakerRole}</span>}
                    <VerbatimBadge status={quote.anchorStatus} />
                  </span>
                  {(quoteStances.get(quote.id) ?? []).length > 0 && (
                    <span className="chip-row">
                      {(quoteStances.get(quote.id) ?? []).map((s) => (
                        <StanceChip key={s.id} value={s.value} topic={s.topicTitle} />
                      ))}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
        <LinksSection itemId={speaker.id} links={detail.links} backlinks={detail.backlinks} onOpenItem={onOpenItem} />
      </div>
    </section>
  );
}

/** Per topic: the current position (set directly, or derived from quotes) and how it moved. */
function SpeakerStances({ positions, onOpenItem }: { positions: SpeakerTopicStance[] | undefined; onOpenItem: OpenItem }) {
  if (!positions) return <p className="muted">Loading…</p>;
  if (positions.length === 0) {
    return <p className="muted">No stances yet. Give one of their quotes a stance toward a topic, or record one for the speaker below.</p>;
  }
  return (
    <ul className="plain-list speaker-stances" aria-label="Stances by topic">
      {positions.map((p) => (
        <li key={p.topicId} className="speaker-stance">
          <div className="speaker-stance__head">
            <button type="button" className="link-button speaker-stance__topic" onClick={() => onOpenItem(p.topicId, 'topic')}>
              {p.topicTitle}
            </button>
            <StanceChip value={p.current} />
            <span className={`source-badge${p.isDerived ? '' : ' source-badge--direct'}`}>{p.isDerived ? 'from quotes' : 'set directly'}</span>
          </div>
          {p.history.length > 0 && (
            <ol className="stance-timeline" aria-label={`How the stance on ${p.topicTitle} moved, oldest first`}>
              {p.history.map((e, i) => {
                // Only the newest entry reads as the position, and not when a later-set stance replaced it.
                const isLast = i === p.history.length - 1 && e.isCurrent;
                const what = e.subjectType === 'quote' ? `“${truncate(e.quoteText ?? '', 120)}”${e.articleTitle ? ` — ${e.articleTitle}` : ''}` : e.subjectType === 'speaker' ? 'Set directly' : (e.articleTitle ?? 'Article');
                return (
                  <li key={e.stanceId} className="stance-timeline__entry">
                    <time className="stance-timeline__date" dateTime={e.date}>
                      {formatDate(e.date)}
                    </time>
                    {e.subjectType === 'quote' || e.subjectType === 'article' ? (
                      <button type="button" className="stance-timeline__point" title={what} onClick={() => onOpenItem(e.subjectId, e.subjectType)}>
                        <StanceChip value={e.value} isHistory={!isLast} />
                        <span className="visually-hidden">{what}</span>
                      </button>
                    ) : (
                      <span className="stance-timeline__point" title={what}>
                        <StanceChip value={e.value} isHistory={!isLast} />
                        <span className="visually-hidden">{what}</span>
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </li>
      ))}
    </ul>
  );
}

function SpeakerEditForm({ speaker, onDone }: { speaker: Speaker; onDone(): void }) {
  const id = useId();
  const toast = useToast();
  const { invalidate } = useLibrary();
  const [name, setName] = useState(speaker.name);
  const [kind, setKind] = useState<SpeakerKind>(speaker.kind);
  const [role, setRole] = useState(speaker.role ?? '');
  const [affiliation, setAffiliation] = useState(speaker.affiliation ?? '');
  const [description, setDescription] = useState(speaker.description ?? '');
  const [aliases, setAliases] = useState<string[]>(speaker.aliases);
  const [aliasDraft, setAliasDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const addAlias = () => {
    const alias = aliasDraft.trim();
    if (!alias) return;
    if (!aliases.some((a) => a.toLowerCase() === alias.toLowerCase()) && alias.toLowerCase() !== name.trim().toLowerCase()) setAliases([...aliases, alias]);
    setAliasDraft('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('A speaker needs a name.');
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      const pending = aliasDraft.trim();
      const allAliases = pending && !aliases.includes(pending) ? [...aliases, pending] : aliases;
      await call('speakers.update', {
        id: speaker.id,
        name: name.trim(),
        kind,
        role: role.trim() || null,
        affiliation: affiliation.trim() || null,
        description: description.trim() || null,
        aliases: allAliases,
      });
      invalidate();
      toast.info(name.trim() !== speaker.name ? `Renamed to ${name.trim()}; “${speaker.name}” is kept as an alias.` : `Saved ${name.trim()}.`);
      onDone();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form
      className="speaker-form"
      aria-label={`Edit ${speaker.name}`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e: KeyboardEvent<HTMLFormElement>) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
      noValidate
    >
      <div className="speaker-form__grid">
        <div className="field">
          <label htmlFor={`${id}-name`} className="field__label">
            Name
          </label>
          <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={500} aria-invalid={error && !name.trim() ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field__label">
            Kind
          </label>
          <select id={`${id}-kind`} className="select" value={kind} onChange={(e) => setKind(e.target.value as SpeakerKind)}>
            {SPEAKER_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`} className="field__label">
            Role
          </label>
          <input id={`${id}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. Mayor" maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-affiliation`} className="field__label">
            Affiliation
          </label>
          <input id={`${id}-affiliation`} className="input" value={affiliation} onChange={(e) => setAffiliation(e.target.value)} placeholder="e.g. Millbrook City Council" maxLength={500} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-alias`} className="field__label">
          Aliases <span className="field__optional">(other names this speaker is quoted under)</span>
        </label>
        {aliases.length > 0 && (
          <ul className="chip-row plain-list" aria-label="Aliases">
            {aliases.map((alias) => (
              <li key={alias} className="tag-chip">
                <span>{alias}</span>
                <button type="button" className="tag-chip__remove" aria-label={`Remove alias ${alias}`} onClick={() => setAliases(aliases.filter((a) => a !== alias))}>
                  <Icon name="close" size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="inline-form speaker-form__alias">
          <input
            id={`${id}-alias`}
            className="input input--small"
            value={aliasDraft}
            placeholder="Add an alias, then Enter"
            onChange={(e) => setAliasDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addAlias();
              }
            }}
            maxLength={500}
          />
          <button type="button" className="button button--small" onClick={addAlias} disabled={!aliasDraft.trim()}>
            Add alias
          </button>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`} className="field__label">
          Description <span className="field__optional">(optional)</span>
        </label>
        <textarea id={`${id}-description`} className="input textarea" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** Merge a duplicate: pick the other speaker, choose which one stays, confirm. */
function MergeSpeaker({ speaker, onMerged }: { speaker: Speaker; onMerged(keptId: string): void }) {
  const id = useId();
  const toast = useToast();
  const { invalidate } = useLibrary();
  const [isOpen, setIsOpen] = useState(false);
  const [text, setText] = useState('');
  const [other, setOther] = useState<Speaker | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setIsOpen(false);
    setText('');
    setOther(null);
    setKeep('this');
    setError(null);
  };

  if (!isOpen) {
    return (
      <div className="speaker-merge speaker-merge--closed">
        <button type="button" className="button button--small button--ghost" onClick={() => setIsOpen(true)}>
          Merge with another speaker…
        </button>
      </div>
    );
  }

  const into = keep === 'this' ? speaker : other;
  const from = keep === 'this' ? other : speaker;
  const merge = async () => {
    if (!into || !from) return;
    setIsBusy(true);
    try {
      const kept = await call('speakers.merge', { fromId: from.id, intoId: into.id });
      invalidate();
      toast.info(`Merged “${from.name}” into ${kept.name}.`);
      setIsConfirming(false);
      reset();
      onMerged(kept.id);
    } catch (failure) {
      setIsConfirming(false);
      setError(describeError(failure));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form
      className="speaker-merge"
      aria-label="Merge with another speaker"
      onSubmit={(e) => {
        e.preventDefault();
        if (!other) setError('Choose the other speaker from the list.');
        else setIsConfirming(true);
      }}
      noValidate
    >
      <div className="field">
        <label htmlFor={`${id}-other`} className="field__label">
          The same person or organization as
        </label>
        <SpeakerCombobox
          id={`${id}-other`}
          value={text}
          onValueChange={(v) => {
            setText(v);
            setError(null);
          }}
          selected={other}
          onSelect={setOther}
          excludeId={speaker.id}
          autoFocus
          placeholder="Search speakers by name or alias"
          isInvalid={error !== null}
        />
      </div>
      {other && (
        <fieldset className="field">
          <legend className="field__label">Keep</legend>
          <label className="radio-row">
            <input type="radio" name={`${id}-keep`} checked={keep === 'this'} onChange={() => setKeep('this')} />
            {speaker.name} <span className="muted">({plural(speaker.quoteCount, 'quote')})</span>
          </label>
          <label className="radio-row">
            <input type="radio" name={`${id}-keep`} checked={keep === 'other'} onChange={() => setKeep('other')} />
            {other.name} <span className="muted">({plural(other.quoteCount, 'quote')})</span>
          </label>
        </fieldset>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button button--small" onClick={reset}>
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" disabled={!other}>
          Merge…
        </button>
      </div>
      {isConfirming && into && from && (
        <ConfirmDialog
          title={`Merge “${from.name}” into “${into.name}”?`}
          description={`${from.name}’s quotes, stances and links move to ${into.name}, and “${from.name}”${from.aliases.length ? ` and its aliases` : ''} become aliases of ${into.name}. ${from.name} is then removed; this cannot be undone.`}
          confirmLabel="Merge"
          isBusy={isBusy}
          onConfirm={() => void merge()}
          onClose={() => setIsConfirming(false)}
        />
      )}
    </form>
  );
}
