import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

/**
 * An editable combobox with a listbox popup (WAI-ARIA "combobox with list autocomplete"): the
 * focus stays in the text field, ↓/↑ move through the options (aria-activedescendant), Enter picks
 * the active option, Esc closes the list (a second Esc is left to the surrounding dialog). Options
 * come from the caller (usually a debounced query); nothing is picked until the user picks it, so
 * free text (a new speaker's name) stays possible.
 */
export interface ComboboxProps<T> {
  id?: string;
  /** Accessible name when there is no visible <label for>. */
  ariaLabel?: string;
  value: string;
  onValueChange(value: string): void;
  options: readonly T[];
  getKey(option: T): string;
  /** The option's content in the list. */
  renderOption(option: T): ReactNode;
  onPick(option: T): void;
  /** Enter with no active option (submit the free text). */
  onEnter?(): void;
  placeholder?: string;
  /** A line under the options ("New speaker “X” will be created"). Announced politely. */
  status?: string;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  describedBy?: string;
  isInvalid?: boolean;
  autoFocus?: boolean;
  /** Called when the list closes because the focus left (for the caller's own cleanup). */
  onBlur?(): void;
}

export function Combobox<T>(props: ComboboxProps<T>) {
  const { id, ariaLabel, value, onValueChange, options, getKey, renderOption, onPick, onEnter, placeholder, status, inputRef, className, describedBy, isInvalid, autoFocus, onBlur } = props;
  const listId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const hasOptions = options.length > 0;
  const expanded = isOpen && hasOptions;

  // New options: nothing active until the user moves (Enter then submits the free text). Keyed by
  // content: callers may pass a fresh array with the same options on every render.
  const optionsKey = options.map(getKey).join('\u0000');
  useEffect(() => setActive(-1), [optionsKey]);
  useEffect(() => {
    if (active >= 0) listRef.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView({ block: 'nearest' });
  });

  const pick = (option: T) => {
    onPick(option);
    setIsOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      if (event.key === 'ArrowDown' && event.altKey) {
        event.preventDefault();
        setIsOpen(true);
      }
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) {
          setIsOpen(true);
          if (hasOptions) setActive(0);
        } else setActive((a) => (a + 1) % options.length);
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!expanded) {
          setIsOpen(true);
          if (hasOptions) setActive(options.length - 1);
        } else setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
        return;
      case 'Enter': {
        const option = expanded && active >= 0 ? options[active] : undefined;
        if (option !== undefined) {
          event.preventDefault();
          pick(option);
        } else if (onEnter) {
          event.preventDefault();
          setIsOpen(false);
          onEnter();
        }
        return;
      }
      case 'Escape':
        if (expanded) {
          // Close the list only; the dialog around it stays open.
          event.preventDefault();
          event.stopPropagation();
          setIsOpen(false);
          setActive(-1);
        }
        return;
      case 'Tab':
        setIsOpen(false);
        return;
    }
  };

  return (
    <div className={`combobox${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        ref={inputRef}
        className="input input--small combobox__input"
        role="combobox"
        aria-label={ariaLabel}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={isInvalid || undefined}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        placeholder={placeholder}
        value={value}
        onChange={(e) => {
          onValueChange(e.target.value);
          setIsOpen(true);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => {
          setIsOpen(false);
          onBlur?.();
        }}
        onKeyDown={onKeyDown}
      />
      <ul ref={listRef} id={listId} role="listbox" aria-label={ariaLabel ? `${ariaLabel} suggestions` : 'Suggestions'} className="combobox__list" hidden={!expanded}>
        {options.map((option, i) => (
          <li
            key={getKey(option)}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`combobox__option${i === active ? ' is-active' : ''}`}
            // mousedown, not click: the field must not lose the focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(option);
            }}
            onMouseMove={() => i !== active && setActive(i)}
          >
            {renderOption(option)}
          </li>
        ))}
      </ul>
      {status && (
        <p className="combobox__status" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
