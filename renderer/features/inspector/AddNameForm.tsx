import { useId, type FormEvent } from 'react';

/**
 * "Add tag…" / "Add to collection…": a one-field form whose input suggests known names
 * (a datalist), used by the inspector's tag and collection editors.
 */
export function AddNameForm({
  label,
  value,
  suggestions,
  isBusy,
  onChange,
  onSubmit,
}: {
  label: string;
  value: string;
  suggestions: { id: string; name: string }[];
  isBusy: boolean;
  onChange(value: string): void;
  onSubmit(event: FormEvent): void;
}) {
  const listId = useId();
  const inputId = useId();
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        className="input input--small"
        list={listId}
        value={value}
        placeholder={`${label}…`}
        onChange={(e) => onChange(e.target.value)}
        maxLength={500}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.id} value={s.name} />
        ))}
      </datalist>
      <button type="submit" className="button button--small" disabled={isBusy || !value.trim()}>
        Add
      </button>
    </form>
  );
}
