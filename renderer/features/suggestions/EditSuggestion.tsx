import { useId, useState, type KeyboardEvent } from 'react';
import type { QuoteSuggestion } from '../../../shared/api/methods-clip';
import type { QuoteKind, Speaker } from '../../../shared/domain/entities';
import { QuoteKindField } from '../reader/selection/QuoteForm';
import { SpeakerCombobox } from '../speakers/SpeakerCombobox';
import { trimWithin } from './trim';

/** What accepting an edited suggestion sends: `text` and `start` only when the passage was trimmed. */
export interface SuggestionEdits {
  speaker: string | null;
  kind: QuoteKind;
  text?: string;
  start?: number;
}

interface EditSuggestionProps {
  suggestion: QuoteSuggestion;
  onAccept(edits: SuggestionEdits): void;
  onCancel(): void;
}

/**
 * Edit a suggested quotation, then accept it: the speaker (focused first, as E is mostly for a
 * wrong or missing name), the kind, and the passage — shortened to the words wanted, which must
 * stay within the suggested passage. Enter accepts, Esc cancels.
 */
export function EditSuggestion({ suggestion, onAccept, onCancel }: EditSuggestionProps) {
  const id = useId();
  const [speaker, setSpeaker] = useState(suggestion.speaker ?? '');
  const [selected, setSelected] = useState<Speaker | null>(null);
  const [kind, setKind] = useState<QuoteKind>('direct');
  const [text, setText] = useState(suggestion.text);
  const trimmed = trimWithin(suggestion, text);
  const errorId = `${id}-text-error`;

  const submit = () => {
    if (!trimmed) return;
    const isTrimmed = trimmed.start !== suggestion.start || trimmed.text.length !== suggestion.text.length;
    onAccept({
      speaker: selected?.name ?? (speaker.trim() || null),
      kind,
      ...(isTrimmed ? { text: trimmed.text, start: trimmed.start } : {}),
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
      return;
    }
    // The speaker field handles its own Enter (it may pick from its list); elsewhere Enter accepts.
    const target = e.target as HTMLElement;
    const isOwnEnter = target.getAttribute('role') === 'combobox' || target.tagName === 'BUTTON' || (target.tagName === 'TEXTAREA' && e.shiftKey);
    if (e.key === 'Enter' && !isOwnEnter && !e.defaultPrevented) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <div className="suggestion__edit" onKeyDown={onKeyDown}>
      <div className="field">
        <label htmlFor={id} className="field__label">
          Speaker
        </label>
        <SpeakerCombobox id={id} value={speaker} onValueChange={setSpeaker} selected={selected} onSelect={setSelected} allowNew autoFocus onEnter={submit} placeholder="Name (empty: no speaker)" />
      </div>
      <QuoteKindField name={`${id}-kind`} value={kind} onChange={setKind} />
      <div className="field">
        <label htmlFor={`${id}-text`} className="field__label">
          Quoted text
        </label>
        <textarea
          id={`${id}-text`}
          className="input textarea suggestion__text-field"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(8, Math.max(2, Math.ceil(suggestion.text.length / 60)))}
          aria-invalid={!trimmed || undefined}
          aria-describedby={trimmed ? `${id}-text-hint` : errorId}
        />
        {trimmed ? (
          <span id={`${id}-text-hint`} className="field__hint">
            Shorten it to the words you want to quote.
          </span>
        ) : (
          <span id={errorId} className="field__error" role="alert">
            {text.trim() ? 'Only words from the suggested passage can be kept: shorten it, do not add or change words.' : 'Keep at least one word of the passage.'}
          </span>
        )}
      </div>
      <span className="suggestion__actions">
        <button type="button" className="button button--small button--primary" onClick={submit} disabled={!trimmed}>
          Accept
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </div>
  );
}
