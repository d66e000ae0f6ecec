import { Fragment } from 'react';

/** The keys a suggestion list answers to, shown above it ("A accept · D dismiss"); the items carry aria-keyshortcuts. */
export function SuggestionKeyHints({ hints }: { hints: readonly (readonly [keys: string, action: string])[] }) {
  return (
    <p className="suggestions__keys" aria-hidden="true">
      {hints.map(([keys, action], i) => (
        <Fragment key={keys}>
          {i > 0 && ' · '}
          <span className="nowrap">
            {keys.split('/').map((k, j) => (
              <Fragment key={k}>
                {j > 0 && '/'}
                <kbd>{k}</kbd>
              </Fragment>
            ))}{' '}
            {action}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
