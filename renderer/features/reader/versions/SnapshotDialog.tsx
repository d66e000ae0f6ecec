import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { Article } from '../../../../shared/domain/entities';
import { call } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { describeError } from '../../../lib/errors';
import { useQuery } from '../../../lib/use-query';
import { buildSafeFragment } from '../safe-html';
import './versions.css';

/**
 * The original page as it was clipped (`articles.snapshot`): main sanitized it, and it is built
 * here through the reader's own allowlist (safe-html.ts), never set as innerHTML, so nothing in the
 * stored page can run or style the app.
 */
export function SnapshotDialog({ article, onClose }: { article: Article; onClose(): void }) {
  const id = useId();
  const [version, setVersion] = useState(article.version);
  const snapshot = useQuery(() => call('articles.snapshot', { id: article.id, version }), [article.id, version], undefined);
  const bodyRef = useRef<HTMLDivElement>(null);
  const data = snapshot.data && snapshot.data.version === version ? snapshot.data : undefined;
  const html = data?.html;

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    body.replaceChildren(html === undefined ? '' : buildSafeFragment(html, article.url));
  }, [html, article.url]);

  return (
    <Dialog
      title="Original snapshot"
      onClose={onClose}
      size="large"
      description="The page as it was when clipped, kept in your library: without its scripts, styles or forms. Images load only when you are online."
    >
      {article.version > 1 && (
        <div className="field snapshot__version">
          <label htmlFor={`${id}-version`} className="field__label">
            Version
          </label>
          <select id={`${id}-version`} className="select" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {Array.from({ length: article.version }, (_, i) => article.version - i).map((v) => (
              <option key={v} value={v}>
                Version {v}
                {v === article.version ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {snapshot.isLoading && !data && (
        <p className="muted" role="status">
          Loading the snapshot…
        </p>
      )}
      {snapshot.error !== undefined && !snapshot.isLoading && (
        <p className="form__error" role="alert">
          {describeError(snapshot.error)}
        </p>
      )}
      <div className="snapshot" role="document" aria-label={`Snapshot of version ${version}`} tabIndex={0} hidden={!data}>
        <div ref={bodyRef} className="reader__body snapshot__body" />
      </div>
    </Dialog>
  );
}
