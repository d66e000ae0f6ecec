import { useId, useState, type FormEvent } from 'react';
import { STANCE_VALUES, type StanceSubjectType, type StanceValue } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { STANCE_LABELS } from '../../components/StanceChip';
import { describeError } from '../../lib/errors';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';

/** Record a stance toward a topic (new topics are created by name); an earlier one stays as history. */
export function StanceForm({ subjectType, subjectId }: { subjectType: StanceSubjectType; subjectId: string }) {
  const { revision, invalidate } = useLibrary();
  const [topic, setTopic] = useState('');
  const [value, setValue] = useState<StanceValue>('supports');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const id = useId();
  const { data: topics } = useQuery(() => call('topics.list', { limit: 1000, sort: 'title', order: 'asc' }), [revision], 'Could not load topics');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const title = topic.trim();
    if (!title) {
      setError('Name the topic this stance is toward.');
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      const existing = topics?.items.find((t) => t.title.toLowerCase() === title.toLowerCase());
      await call('stances.set', { subjectType, subjectId, value, ...(existing ? { topicId: existing.id } : { topic: title }) });
      setTopic('');
      invalidate();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form className="stance-form" onSubmit={(e) => void submit(e)} aria-label="Record a stance" noValidate>
      <h3 className="stance-form__title">Record a stance</h3>
      <div className="stance-form__row">
        <label htmlFor={`${id}-topic`} className="visually-hidden">
          Topic
        </label>
        <input
          id={`${id}-topic`}
          className="input input--small"
          list={`${id}-topics`}
          placeholder="Topic"
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <datalist id={`${id}-topics`}>
          {(topics?.items ?? []).map((t) => (
            <option key={t.id} value={t.title} />
          ))}
        </datalist>
        <label htmlFor={`${id}-value`} className="visually-hidden">
          Stance
        </label>
        <select id={`${id}-value`} className="select select--small" value={value} onChange={(e) => setValue(e.target.value as StanceValue)}>
          {STANCE_VALUES.map((v) => (
            <option key={v} value={v}>
              {STANCE_LABELS[v]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small" disabled={isSaving}>
          Save stance
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
