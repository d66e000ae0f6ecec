import { useId, useMemo, useState } from 'react';
import type { ArticleVersion } from '../../../../shared/api/methods-clip';
import type { Article } from '../../../../shared/domain/entities';
import { call } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { describeError } from '../../../lib/errors';
import { formatDateTime, plural } from '../../../lib/format';
import { useLibrary } from '../../../lib/library-context';
import { useQuery } from '../../../lib/use-query';
import { countChanges, diffSegments, type DiffSegment } from './word-diff';
import './versions.css';

const versionLabel = (v: ArticleVersion) => `Version ${v.version}${v.isCurrent ? ' (current)' : ''} · ${formatDateTime(v.clippedAt)}`;

/** An article's versions (a re-clip with changed text adds one) and a word diff between two. */
export function VersionsDialog({ article, onClose }: { article: Article; onClose(): void }) {
  const id = useId();
  const { revision } = useLibrary();
  const versions = useQuery(() => call('articles.versions', { id: article.id }), [article.id, revision], 'Could not load the versions');
  const [from, setFrom] = useState(Math.max(1, article.version - 1));
  const [to, setTo] = useState(article.version);
  const diff = useQuery(from === to ? null : () => call('articles.diff', { id: article.id, from, to }), [article.id, from, to, revision], 'Could not compare the versions');
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  const parts = diff.data?.parts;
  const counts = useMemo(() => (parts ? countChanges(parts) : null), [parts]);
  const segments = useMemo(() => (parts ? diffSegments(parts) : []), [parts]);
  const list = versions.data ?? [];

  const picker = (label: string, value: number, onChange: (v: number) => void) => (
    <div className="field versions__picker">
      <label htmlFor={`${id}-${label}`} className="field__label">
        {label}
      </label>
      <select
        id={`${id}-${label}`}
        className="select"
        value={value}
        onChange={(e) => {
          onChange(Number(e.target.value));
          setExpanded(new Set());
        }}
      >
        {list.map((v) => (
          <option key={v.version} value={v.version}>
            {versionLabel(v)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Dialog title="Versions" onClose={onClose} size="large" description={`“${article.title}” has ${plural(article.version, 'version')}: clipping it again found changed text, and the older text was kept. Quotes follow the current version.`}>
      {versions.error !== undefined && !versions.data && (
        <p className="form__error" role="alert">
          Could not load the versions: {describeError(versions.error)}
        </p>
      )}
      {list.length > 0 && (
        <div className="versions">
          <div className="versions__pickers">
            {picker('Compare', from, setFrom)}
            <span className="versions__arrow" aria-hidden="true">
              →
            </span>
            {picker('With', to, setTo)}
          </div>
          <div className="versions__summary" aria-live="polite">
            {from === to ? (
              <span className="muted">Choose two different versions to see what changed.</span>
            ) : counts ? (
              <>
                <span className="versions__count versions__count--added">+{plural(counts.added, 'word')} added</span>
                <span className="versions__count versions__count--removed">−{plural(counts.removed, 'word')} removed</span>
                {counts.added === 0 && counts.removed === 0 && <span className="muted">The text is the same.</span>}
              </>
            ) : diff.isLoading ? (
              <span className="muted">Comparing…</span>
            ) : null}
          </div>
          {diff.error !== undefined && from !== to && (
            <p className="form__error" role="alert">
              Could not compare the versions: {describeError(diff.error)}
            </p>
          )}
          {from !== to && parts && (
            <div className="word-diff" role="region" aria-label={`Changes from version ${from} to version ${to}`} tabIndex={0}>
              {segments.map((segment, index) => (
                <Segment key={index} segment={segment} isExpanded={expanded.has(index)} onExpand={() => setExpanded((s) => new Set(s).add(index))} />
              ))}
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}

function Segment({ segment, isExpanded, onExpand }: { segment: DiffSegment; isExpanded: boolean; onExpand(): void }) {
  switch (segment.kind) {
    case 'added':
      return (
        <ins>
          <span className="visually-hidden">[added: </span>
          {segment.text}
          <span className="visually-hidden">]</span>
        </ins>
      );
    case 'removed':
      return (
        <del>
          <span className="visually-hidden">[removed: </span>
          {segment.text}
          <span className="visually-hidden">]</span>
        </del>
      );
    case 'same':
      return <span>{segment.text}</span>;
    case 'gap':
      return isExpanded ? (
        <span>{segment.text}</span>
      ) : (
        <button type="button" className="word-diff__gap" onClick={onExpand}>
          … {plural(segment.words, 'unchanged word')} …
        </button>
      );
  }
}
