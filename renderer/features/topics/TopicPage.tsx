import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { StanceMatrixRow } from '../../../shared/domain/analysis';
import { STANCE_VALUES, type Speaker, type StanceValue, type Topic } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { STANCE_LABELS, StanceChip } from '../../components/StanceChip';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { LinksSection } from '../graph/LinksSection';
import type { OpenItem } from '../shell/navigation';
import { SpeakerCombobox } from '../speakers/SpeakerCombobox';
import { StanceMatrixTable } from './StanceMatrixTable';
import { StanceTimeline } from './StanceTimeline';
import './topics.css';

/**
 * A topic (a claim or question): the stance matrix — speakers and outlets by stance, each count
 * opening its evidence —, a timeline of that evidence, and setting a speaker's stance directly.
 */
export function TopicPage({ id, onOpenItem }: { id: string | null; onOpenItem: OpenItem }) {
  const { revision } = useLibrary();
  const { data } = useQuery(id ? () => call('items.get', { id }) : null, [id, revision], 'Could not open the topic');
  const detail = data && data.id === id && data.type === 'topic' ? data : undefined;
  const { data: matrixData } = useQuery(id ? () => call('topics.matrix', { id }) : null, [id, revision], 'Could not load the stance matrix');
  const matrix = matrixData && matrixData.topicId === id ? matrixData : undefined;
  const [preset, setPreset] = useState<{ speaker: Pick<Speaker, 'id' | 'name'>; value: StanceValue; nonce: number } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  if (!id || !detail) {
    return (
      <section className="detail-pane" aria-label="Topic">
        <EmptyState icon="topic" title={id ? 'Loading…' : 'No topic selected'}>
          {!id && <p>Choose a topic to see who supports or opposes it, with the evidence.</p>}
        </EmptyState>
      </section>
    );
  }
  const topic = detail.item as Topic;
  const setStanceFor = (row: StanceMatrixRow) => {
    if (!row.speakerId) return;
    setPreset({ speaker: { id: row.speakerId, name: row.label }, value: row.current, nonce: Date.now() });
    window.requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      formRef.current?.querySelector<HTMLSelectElement>('select')?.focus();
    });
  };

  return (
    <section className="detail-pane" aria-label="Topic">
      <div className="detail-pane__scroll topic-page">
        <h2 className="detail-pane__title">{topic.title}</h2>
        {topic.description && <p className="prewrap">{topic.description}</p>}
        {matrix && (
          <ul className="plain-list stance-summary" aria-label="Evidence by stance">
            {STANCE_VALUES.map((value) => (
              <li key={value} className="stance-summary__item">
                <StanceChip value={value} />
                <span className="stance-summary__count">{matrix.totals[value]}</span>
              </li>
            ))}
          </ul>
        )}

        <h3 className="detail-pane__heading">Stance matrix</h3>
        {!matrix ? (
          <p className="muted">Loading…</p>
        ) : matrix.speakers.length === 0 && matrix.outlets.length === 0 ? (
          <p className="muted">Nobody has a stance on this topic yet. Give a quote a stance toward it (in the quote form, or on a quote’s page), or set a speaker’s stance below.</p>
        ) : (
          <>
            {matrix.speakers.length > 0 ? (
              <div className="stance-matrix__scroll">
                <StanceMatrixTable caption={`Speakers (${matrix.speakers.length})`} rowHeader="Speaker" rows={matrix.speakers} onOpenItem={onOpenItem} onSetStance={setStanceFor} />
              </div>
            ) : (
              <p className="muted">No speaker has a stance yet; the outlets below do.</p>
            )}
            {matrix.outlets.length > 0 && (
              <div className="stance-matrix__scroll">
                <StanceMatrixTable caption={`Outlets (${matrix.outlets.length})`} rowHeader="Outlet" rows={matrix.outlets} onOpenItem={onOpenItem} />
              </div>
            )}
          </>
        )}

        <h3 className="detail-pane__heading">Timeline{matrix ? ` (${plural(matrix.timeline.length, 'piece', 'pieces')} of evidence)` : ''}</h3>
        {matrix && <StanceTimeline timeline={matrix.timeline} onOpenItem={onOpenItem} />}

        <SetSpeakerStance key={preset?.nonce ?? 0} topicId={topic.id} topicTitle={topic.title} preset={preset} formRef={formRef} />

        <LinksSection itemId={topic.id} links={detail.links} backlinks={detail.backlinks} onOpenItem={onOpenItem} />
      </div>
    </section>
  );
}

function SetSpeakerStance({
  topicId,
  topicTitle,
  preset,
  formRef,
}: {
  topicId: string;
  topicTitle: string;
  preset: { speaker: Pick<Speaker, 'id' | 'name'>; value: StanceValue } | null;
  formRef: RefObject<HTMLFormElement | null>;
}) {
  const id = useId();
  const toast = useToast();
  const { invalidate } = useLibrary();
  const [text, setText] = useState(preset?.speaker.name ?? '');
  const [speaker, setSpeaker] = useState<Pick<Speaker, 'id' | 'name'> | null>(preset?.speaker ?? null);
  const [value, setValue] = useState<StanceValue>(preset?.value ?? 'supports');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!speaker) {
      setError(text.trim() ? `Choose “${text.trim()}” from the list of speakers (↓ then Enter).` : 'Choose the speaker whose stance this is.');
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      await call('stances.set', { subjectType: 'speaker', subjectId: speaker.id, topicId, value, ...(note.trim() ? { note: note.trim() } : {}) });
      invalidate();
      toast.info(`${speaker.name}: ${STANCE_LABELS[value].toLowerCase()} “${topicTitle}”.`);
      setNote('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form ref={formRef} className="stance-form set-stance" aria-label="Set a speaker’s stance" onSubmit={(e) => void submit(e)} noValidate>
      <h3 className="stance-form__title">Set a speaker’s stance directly</h3>
      <p className="field__hint">A stance set directly is the speaker’s current position, whatever their quotes suggest; earlier ones stay in the history.</p>
      <div className="set-stance__row">
        <div className="field">
          <label htmlFor={`${id}-speaker`} className="field__label">
            Speaker
          </label>
          <SpeakerCombobox
            id={`${id}-speaker`}
            value={text}
            onValueChange={(v) => {
              setText(v);
              if (error) setError(null);
            }}
            selected={speaker as Speaker | null}
            onSelect={setSpeaker}
            placeholder="Search speakers"
            isInvalid={error !== null && !speaker}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`} className="field__label">
            Stance
          </label>
          <select id={`${id}-value`} className="select select--small" value={value} onChange={(e) => setValue(e.target.value as StanceValue)}>
            {STANCE_VALUES.map((v) => (
              <option key={v} value={v}>
                {STANCE_LABELS[v]}
              </option>
            ))}
          </select>
        </div>
        <div className="field set-stance__note">
          <label htmlFor={`${id}-note`} className="field__label">
            Note <span className="field__optional">(optional)</span>
          </label>
          <input id={`${id}-note`} className="input input--small" value={note} onChange={(e) => setNote(e.target.value)} maxLength={10_000} />
        </div>
        <button type="submit" className="button button--small button--primary set-stance__submit" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Set stance'}
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
