import { useEffect, useState } from 'react';
import { isProgressPayload, onAppEvent, type ProgressPayload } from '../lib/events';
import { plural } from '../lib/format';

/** How long a finished task stays visible, so its last state can be read. */
const LINGER_MS = 2500;

/**
 * Long tasks (import, export, re-anchoring…) as progress bars: main emits `progress` events with
 * `{task, done, total, current, errors}` and this region shows one bar per task.
 */
export function ProgressRegion() {
  const [tasks, setTasks] = useState<ReadonlyMap<string, ProgressPayload>>(new Map());

  useEffect(() => {
    const timers = new Map<string, number>();
    const off = onAppEvent((event) => {
      if (event.type !== 'progress' || !isProgressPayload(event.payload)) return;
      const progress = event.payload;
      setTasks((prev) => new Map(prev).set(progress.task, progress));
      const pending = timers.get(progress.task);
      if (pending !== undefined) window.clearTimeout(pending);
      if (progress.total > 0 && progress.done >= progress.total) {
        timers.set(
          progress.task,
          window.setTimeout(() => {
            timers.delete(progress.task);
            setTasks((prev) => {
              const next = new Map(prev);
              next.delete(progress.task);
              return next;
            });
          }, LINGER_MS),
        );
      }
    });
    return () => {
      off();
      timers.forEach((timer) => window.clearTimeout(timer));
    };
  }, []);

  return (
    <section className="progress-region" aria-label="Background tasks" aria-live="polite">
      {[...tasks.values()].map((task) => {
        const isDone = task.total > 0 && task.done >= task.total;
        return (
          <div key={task.task} className="progress-task">
            <div className="progress-task__label">
              <span className="progress-task__name">{task.task}</span>
              <span className="progress-task__numbers">
                {task.total > 0 ? `${task.done.toLocaleString()} / ${task.total.toLocaleString()}` : task.done.toLocaleString()}
                {isDone ? ' — done' : ''}
              </span>
            </div>
            {/* An unknown total (0) shows an indeterminate bar. */}
            <progress
              className="progress-task__bar"
              aria-label={task.task}
              max={task.total > 0 ? task.total : undefined}
              value={task.total > 0 ? task.done : undefined}
            />
            {(task.current || (task.errors ?? 0) > 0) && (
              <div className="progress-task__detail">
                {task.current && <span className="progress-task__current">{task.current}</span>}
                {(task.errors ?? 0) > 0 && <span className="progress-task__errors">{plural(task.errors ?? 0, 'error')}</span>}
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
