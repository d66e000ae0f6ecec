import { useState } from 'react';
import { ApiError, call } from '../../api/client';

/**
 * The Stop button of an import or export under way (`import.stop`, `export.stop`): the job on the
 * app's worker stops at its next step and its call fails as `cancelled` (wasStopped). Shown while
 * the job runs; "Stopping…" once asked. A small job runs on the app's thread instead, where
 * nothing is stopped (it ends in a moment anyway) and the button stays as it was.
 */
export function StopJobButton({ method, label, onError }: { method: 'import.stop' | 'export.stop'; label: string; onError(error: unknown): void }) {
  const [isStopping, setIsStopping] = useState(false);
  const stop = async () => {
    try {
      if ((await call(method, {})).stopping) setIsStopping(true);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <button type="button" className="button" onClick={() => void stop()} disabled={isStopping}>
      {isStopping ? 'Stopping…' : label}
    </button>
  );
}

/** Whether a job's error is its having been stopped (no hint about its input is due then). */
export const wasStopped = (error: unknown): boolean => error instanceof ApiError && error.code === 'cancelled';
