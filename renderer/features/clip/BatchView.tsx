import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { shortOutcome, type ClippedArticle } from './clip-result';
import type { BatchClip, BatchEntry } from './use-batch-clip';

/**
 * A batch's progress bar (count, the item under way, errors) and its per-item results, each with
 * its outcome or the reason it failed. `noun` names the items ("URL", "file").
 */
export function BatchView({ batch, noun, onOpen }: { batch: BatchClip; noun: string; onOpen(clipped: ClippedArticle): void }) {
  const { entries, phase, progress } = batch;
  if (phase === 'idle') return null;
  const isBusy = batch.isBusy;
  const skipped = entries.filter((e) => e.state.status === 'skipped').length;
  const clipped = progress.done - progress.errors;
  const statusText =
    phase === 'running'
      ? `Clipping ${plural(progress.total, noun)}…`
      : phase === 'cancelling'
        ? 'Cancelling: finishing the clips under way…'
        : phase === 'cancelled'
          ? `Cancelled: ${plural(clipped, 'article')} clipped${skipped ? `, ${skipped} not started` : ''}.`
          : `Done: ${plural(clipped, 'article')} clipped${progress.errors ? `, ${progress.errors} failed` : ''}.`;

  return (
    <section className="clip-batch" aria-label="Clipping progress">
      <div className="clip-batch__summary">
        {/* A live region that changes with the phase only: each item would be too chatty to announce. */}
        <span className="clip-batch__status" role="status">
          {statusText}
        </span>
        <span className="clip-batch__numbers">
          <span className="clip-batch__count">
            {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          </span>
          {progress.errors > 0 && <span className="clip-batch__errors">{plural(progress.errors, 'error')}</span>}
        </span>
      </div>
      <progress className="clip-batch__bar" aria-label="Clipped so far" max={progress.total} value={progress.done} />
      <p className="clip-batch__current">
        {isBusy && progress.current ? (
          <>
            Now: <span className="clip-batch__current-item">{progress.current}</span>
          </>
        ) : (
          '\u00a0'
        )}
      </p>
      <ol className="clip-results" aria-label="Results">
        {entries.map((entry) => (
          <ResultRow key={entry.key} entry={entry} onOpen={onOpen} />
        ))}
      </ol>
    </section>
  );
}

function ResultRow({ entry, onOpen }: { entry: BatchEntry; onOpen(clipped: ClippedArticle): void }) {
  const { state } = entry;
  return (
    <li className={`clip-result clip-result--${state.status}`} aria-label={entry.label}>
      <span className="clip-result__icon" aria-hidden="true">
        {state.status === 'done' ? <Icon name="check" /> : state.status === 'failed' ? <Icon name="alert" /> : state.status === 'running' ? <span className="spinner" /> : <span className="clip-result__dot" />}
      </span>
      <span className="clip-result__main">
        <span className="clip-result__label">{entry.label}</span>
        <span className="clip-result__outcome">
          {state.status === 'waiting' && 'Waiting'}
          {state.status === 'running' && 'Clipping…'}
          {state.status === 'skipped' && 'Not started (cancelled)'}
          {state.status === 'done' && (
            <>
              {shortOutcome(state.clipped.result)}: “{state.clipped.article.title}”
            </>
          )}
          {state.status === 'failed' && (
            <>
              <strong>{state.problem.title}.</strong> {state.problem.message}
            </>
          )}
        </span>
      </span>
      {state.status === 'done' && (
        <button type="button" className="button button--small button--ghost clip-result__open" onClick={() => onOpen(state.clipped)} aria-label={`Open “${state.clipped.article.title}”`}>
          Open
        </button>
      )}
    </li>
  );
}
