import { ApiError } from '../../api/client';

/** An error shown inline: the API's code and message, and what to try. */
export function ExchangeError({ error, hint }: { error: unknown; hint?: string }) {
  const code = error instanceof ApiError ? error.code : 'error';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="form__error" role="alert">
      <strong>{code}</strong>: {message}
      {hint && <div>{hint}</div>}
    </div>
  );
}
