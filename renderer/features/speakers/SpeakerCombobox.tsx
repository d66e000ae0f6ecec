import type { Ref } from 'react';
import type { Speaker } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { useDebounced } from '../../lib/use-debounced';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { Combobox } from './Combobox';
import './speakers.css';

export interface SpeakerComboboxProps {
  id?: string;
  ariaLabel?: string;
  /** The text in the field. */
  value: string;
  onValueChange(value: string): void;
  /** The known speaker picked from the list, or null (free text). */
  selected: Speaker | null;
  onSelect(speaker: Speaker | null): void;
  /** A speaker that must not be offered (merging a speaker into itself). */
  excludeId?: string;
  /** Free text names a new speaker (quotes); otherwise a speaker must be picked (merge). */
  allowNew?: boolean;
  onEnter?(): void;
  placeholder?: string;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  describedBy?: string;
  isInvalid?: boolean;
}

const describe = (s: Speaker) => [s.role, s.affiliation].filter(Boolean).join(', ') || (s.kind === 'organization' ? 'Organization' : 'Person');

/** The alias the typed text matched, when it matched an alias rather than the name. */
function matchedAlias(speaker: Speaker, typed: string): string | null {
  const needle = typed.trim().toLowerCase();
  if (!needle || speaker.name.toLowerCase().includes(needle)) return null;
  return speaker.aliases.find((a) => a.toLowerCase().includes(needle)) ?? null;
}

/** Autocomplete over known speakers: names and aliases (the server matches both), most quoted first. */
export function SpeakerCombobox(props: SpeakerComboboxProps) {
  const { value, onValueChange, selected, onSelect, excludeId, allowNew = false, ...rest } = props;
  const { revision } = useLibrary();
  const typed = useDebounced(value.trim(), 120);
  const { data } = useQuery(
    () => call('speakers.list', { limit: 8, sort: 'quoteCount', order: 'desc', ...(typed ? { contains: typed } : {}) }),
    [typed, revision],
    'Could not look up speakers',
  );
  const options = (data?.items ?? []).filter((s) => s.id !== excludeId);
  const clean = value.trim();
  const exact = options.find((s) => s.name.toLowerCase() === clean.toLowerCase() || s.aliases.some((a) => a.toLowerCase() === clean.toLowerCase()));

  let status: string | undefined;
  if (selected) status = undefined;
  else if (clean && exact) status = allowNew ? `Matches ${exact.name}.` : undefined;
  else if (clean && allowNew && typed === clean)
    status = options.length > 0 ? `↓ picks a known speaker; otherwise “${clean}” is added as a new one.` : `New speaker “${clean}” will be created.`;
  else if (clean && !allowNew && typed === clean && options.length === 0) status = `No speaker matches “${clean}”.`;

  return (
    <Combobox<Speaker>
      {...rest}
      value={value}
      onValueChange={(next) => {
        onValueChange(next);
        if (selected && next.trim() !== selected.name) onSelect(null);
      }}
      options={options}
      getKey={(s) => s.id}
      onPick={(s) => {
        onValueChange(s.name);
        onSelect(s);
      }}
      renderOption={(s) => {
        const alias = matchedAlias(s, value);
        return (
          <span className="speaker-option">
            <span className="speaker-option__name">{s.name}</span>
            <span className="speaker-option__meta">
              {alias ? `also “${alias}” · ` : ''}
              {describe(s)}
            </span>
          </span>
        );
      }}
      {...(status ? { status } : {})}
    />
  );
}
