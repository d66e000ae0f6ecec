import { useEffect, useState } from 'react';
import type { ItemType } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { useDebounced } from '../../lib/use-debounced';
import { truncate } from '../../lib/format';
import { Combobox } from '../speakers/Combobox';

/** What a link can point at: an item found by quick search, or a web address. */
export type LinkTarget = { kind: 'item'; id: string; type: ItemType; title: string; extra: string } | { kind: 'url'; url: string };

const TYPE_LABELS: Partial<Record<ItemType, string>> = { article: 'Article', quote: 'Quote', note: 'Note', speaker: 'Speaker', topic: 'Topic' };

/** Search snippets mark matches with two control characters; a picker shows plain text. */
const stripMarkers = (snippet: string) => snippet.replace(/[\u0002\u0003]/g, '');

export const isHttpUrl = (text: string) => /^https?:\/\/\S+$/i.test(text.trim()) && URL.canParse(text.trim());

const keyOf = (t: LinkTarget) => (t.kind === 'url' ? `url:${t.url}` : `${t.type}:${t.id}`);

/**
 * Quick search over the library (articles, quotes, notes, speakers, topics: the full-text index,
 * prefix-matching the last word) or a pasted http(s) address, as a combobox.
 */
export function ItemPicker({
  id,
  excludeId,
  value,
  onValueChange,
  onPick,
  onEnter,
  isInvalid,
  describedBy,
}: {
  id: string;
  excludeId: string;
  value: string;
  onValueChange(value: string): void;
  onPick(target: LinkTarget): void;
  onEnter(): void;
  isInvalid?: boolean;
  describedBy?: string;
}) {
  const typed = useDebounced(value.trim(), 150);
  const [options, setOptions] = useState<LinkTarget[]>([]);
  const [status, setStatus] = useState<string | undefined>(undefined);

  useEffect(() => {
    let isCurrent = true;
    if (!typed) {
      setOptions([]);
      setStatus(undefined);
      return;
    }
    if (isHttpUrl(typed)) {
      setOptions([{ kind: 'url', url: typed }]);
      setStatus(undefined);
      return;
    }
    call('search.query', { query: typed, prefixLastWord: true, limit: 10 }).then(
      (result) => {
        if (!isCurrent) return;
        const hits = result.hits
          .filter((h) => h.id !== excludeId)
          .map<LinkTarget>((h) => ({
            kind: 'item',
            id: h.id,
            type: h.type,
            // A quote's title is its article's; its words are in the snippet.
            title: h.type === 'quote' ? `“${truncate(stripMarkers(h.snippet), 90)}”` : h.title,
            extra: h.type === 'quote' ? [h.speakerName, h.title].filter(Boolean).join(' · ') : (h.siteName ?? h.speakerName ?? ''),
          }));
        setOptions(hits);
        setStatus(hits.length === 0 ? `Nothing matches “${typed}”. Paste an http(s) address to link to a web page.` : undefined);
      },
      // Half-typed queries can be invalid syntax (an open quote mark): just no matches yet.
      () => {
        if (!isCurrent) return;
        setOptions([]);
        setStatus(`Nothing matches “${typed}” yet.`);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [typed, excludeId]);

  return (
    <Combobox<LinkTarget>
      id={id}
      value={value}
      onValueChange={onValueChange}
      options={options}
      getKey={keyOf}
      onPick={onPick}
      onEnter={onEnter}
      placeholder="Search the library, or paste a URL"
      isInvalid={isInvalid}
      describedBy={describedBy}
      {...(status ? { status } : {})}
      renderOption={(t) =>
        t.kind === 'url' ? (
          <span className="item-option">
            <span className="item-option__type">Web page</span>
            <span className="item-option__title">{t.url}</span>
          </span>
        ) : (
          <span className="item-option">
            <span className="item-option__type">{TYPE_LABELS[t.type] ?? t.type}</span>
            <span className="item-option__title">{t.title}</span>
            {t.extra && <span className="item-option__extra">{t.extra}</span>}
          </span>
        )
      }
    />
  );
}
