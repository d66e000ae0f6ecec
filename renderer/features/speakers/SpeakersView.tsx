import { useCallback } from 'react';
import type { Speaker } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { PagedListPane } from '../../components/PagedListPane';
import { plural } from '../../lib/format';
import type { OpenItem } from '../shell/navigation';
import { SpeakerPage } from './SpeakerPage';

/** People and organizations quoted in the library, with what they said. */
export function SpeakersView({ selectedId, onSelect, onOpenItem }: { selectedId: string | null; onSelect(id: string | null): void; onOpenItem: OpenItem }) {
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('speakers.list', { offset, limit, sort: 'name', order: 'asc', ...(contains ? { contains } : {}) }),
    [],
  );
  return (
    <div className="split-view">
      <PagedListPane<Speaker>
        title="Speakers"
        noun="speaker"
        label="Speakers"
        filterLabel="Filter speakers"
        fetchPage={fetchPage}
        resetKey="speakers"
        getKey={(s) => s.id}
        rowHeight={52}
        selectedId={selectedId}
        onSelect={onSelect}
        renderRow={(speaker) => (
          <div className="article-row">
            <span className="article-row__title">{speaker.name}</span>
            <span className="article-row__meta">
              <span>{[speaker.role, speaker.affiliation].filter(Boolean).join(', ') || (speaker.kind === 'organization' ? 'Organization' : 'Person')}</span>
              {speaker.aliases.length > 0 && <span title={`Also known as ${speaker.aliases.join(', ')}`}>aka {speaker.aliases.join(', ')}</span>}
              <span>{plural(speaker.quoteCount, 'quote')}</span>
            </span>
          </div>
        )}
        empty={
          <EmptyState icon="speaker" title="No speakers yet.">
            <p>Speakers appear when you attribute a quote to someone.</p>
          </EmptyState>
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No speakers match “${text}”.`} />}
      />
      <SpeakerPage id={selectedId} onOpenItem={onOpenItem} onSelect={onSelect} />
    </div>
  );
}
