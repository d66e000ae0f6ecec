import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Article } from '../../../shared/domain/entities';
import { Dialog } from '../../components/Dialog';
import { isSingleUrl } from './clip-sources';
import { ImagesSetting } from './ImagesSetting';
import { CLIP_TABS, type ClipInitial } from './clip-tabs';

export interface ClipDialogProps {
  onClose(): void;
  onCreated(article: Article, message?: string): void;
  initial?: ClipInitial;
  /** Which tab to open on (defaults to the first). */
  initialTab?: string;
}

/** The tab to open on: the caller's choice, else URL for a pasted web address, else the first. */
function firstTab(initial: ClipInitial | undefined, initialTab: string | undefined): string {
  const asked = CLIP_TABS.find((t) => t.id === (initialTab ?? initial?.tab));
  if (asked) return asked.id;
  if (initial && initial.format === 'text' && isSingleUrl(initial.content)) return 'url';
  return CLIP_TABS[0]!.id;
}

/** "New article": one tab per way in — paste, a URL, files, a bulk list, the browser clipper. */
export function ClipDialog({ onClose, onCreated, initial, initialTab }: ClipDialogProps) {
  const [tabId, setTabId] = useState(() => firstTab(initial, initialTab));
  const idPrefix = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const active = CLIP_TABS.find((t) => t.id === tabId) ?? CLIP_TABS[0]!;

  // WAI-ARIA tabs: arrows move between tabs (roving tabindex), Tab goes into the panel.
  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = CLIP_TABS.findIndex((t) => t.id === tabId);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % CLIP_TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + CLIP_TABS.length) % CLIP_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = CLIP_TABS.length - 1;
    else return;
    event.preventDefault();
    const tab = CLIP_TABS[next]!;
    setTabId(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  };

  const { Panel } = active;
  return (
    <Dialog title="New article" onClose={onClose} size="large">
      <div role="tablist" aria-label="How to add the article" className="tabs" onKeyDown={onTabKeyDown}>
        {CLIP_TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(node) => {
              if (node) tabRefs.current.set(tab.id, node);
              else tabRefs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === active.id}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === active.id ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTabId(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel-${active.id}`} aria-labelledby={`${idPrefix}-tab-${active.id}`} className="tabs__panel">
        <Panel key={active.id} onCreated={onCreated} onCancel={onClose} {...(initial ? { initial } : {})} />
      </div>
      <ImagesSetting />
    </Dialog>
  );
}
