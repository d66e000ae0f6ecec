import { afterEach, describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { CompletionContext } from '@codemirror/autocomplete';
import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import type { Result } from '../../../shared/errors';
import type { SearchHit } from '../../../shared/search/search-result';
import { parseQuery } from '../../../shared/search/parse-query';
import { setTransport } from '../../api/client';
import { embedCompletionSource, SERVER_WAIT_MS } from './editor/embed-completion';
import { getPickerIndex, invalidatePickerIndex, isPartialPickerIndex, MAX_LOADED } from './picker-index';
import { FEW_LOCAL_MATCHES, findOnServer, forgetServerMatches, mergeMatches, serverQueryFor, shouldAskServer, toPickerEntry } from './picker-search';

const hit = (h: Partial<SearchHit> & Pick<SearchHit, 'type' | 'id' | 'title'>): SearchHit => ({ snippet: '', score: 1, ...h });
const entry = (type: EmbedPickerEntry['type'], id: string, title = id): EmbedPickerEntry => ({ type, id, title, extra: '' });

/** A transport answering the picker list with `entries` and each search from `answer` (or holding it). */
function useTransport(entries: EmbedPickerEntry[], answer: (query: string) => Promise<Result<unknown>> | Result<unknown>) {
  const searches: string[] = [];
  setTransport({
    invoke: async (method, input) => {
      if (method === 'notes.embedIndex.list') return { ok: true, value: entries };
      if (method === 'search.query') {
        searches.push((input as { query: string }).query);
        return answer((input as { query: string }).query);
      }
      return { ok: false, error: { code: 'internal', message: `unexpected ${method}` } };
    },
    subscribe: () => () => {},
  });
  return searches;
}

afterEach(() => {
  invalidatePickerIndex();
  forgetServerMatches();
});

describe('serverQueryFor', () => {
  it('keeps letters and digits only, filters by type first, the last word last', () => {
    expect(serverQueryFor('Tram (2019) -vote "x" a:b OR |', null)).toBe('type:quote,article,speaker,topic tram 2019 vote x a b or');
    expect(serverQueryFor('Ärger über 北京', ['topic', 'note'])).toBe('type:topic ärger über 北京');
    // A finished last word is not a prefix: the trailing space stays.
    expect(serverQueryFor('tram ', ['quote'])).toBe('type:quote tram ');
    expect(serverQueryFor('  -- ', null)).toBeNull();
    expect(serverQueryFor('tram', ['note'])).toBeNull();
  });

  it('always yields a query the search accepts', () => {
    for (const typed of ['tram', 'OR', 'NOT -x', '"unclosed', '(((', 'speaker:"a"', 'a|b', '*', 'x'.repeat(500), 'tram ']) {
      const q = serverQueryFor(typed, null);
      if (q !== null) expect(() => parseQuery(q, { prefixLastWord: true }), typed).not.toThrow();
    }
  });
});

describe('merging and asking', () => {
  it('words hits like the picker list and puts them after lunr’s, without duplicates', () => {
    expect(toPickerEntry(hit({ type: 'quote', id: 'q', title: 'Tram story', snippet: 'we will \u0002build\u0003 it', speakerName: 'Ana', siteName: 'Post' }))).toEqual({
      type: 'quote', id: 'q', title: 'we will build it', extra: 'Ana · Post',
    });
    expect(toPickerEntry(hit({ type: 'quote', id: 'q', title: 'Tram story' }))!.extra).toBe('Unattributed · Tram story');
    expect(toPickerEntry(hit({ type: 'speaker', id: 's', title: 'Ana', snippet: 'mayor' }))!.extra).toBe('mayor');
    expect(toPickerEntry(hit({ type: 'note', id: 'n', title: 'x' }))).toBeNull();
    const local = [entry('quote', 'a'), entry('topic', 'b')];
    expect(mergeMatches(local, [entry('quote', 'a'), entry('article', 'c'), entry('quote', 'b')]).map((e) => `${e.type}:${e.id}`)).toEqual([
      'quote:a', 'topic:b', 'article:c', 'quote:b',
    ]);
  });

  it('asks when lunr finds few, or holds only part of the library', () => {
    expect(shouldAskServer('tram', FEW_LOCAL_MATCHES - 1, false)).toBe(true);
    expect(shouldAskServer('tram', FEW_LOCAL_MATCHES, false)).toBe(false);
    expect(shouldAskServer('tram', 40, true)).toBe(true);
    expect(shouldAskServer('  ', 0, true)).toBe(false);
  });

  it('asks once per query, and again after a failure or a library change', async () => {
    let fail = true;
    const searches = useTransport([], () => (fail ? { ok: false, error: { code: 'internal', message: 'busy' } } : { ok: true, value: { hits: [hit({ type: 'topic', id: 't', title: 'Tram' })] } }));
    await expect(findOnServer('type:topic tram')).rejects.toThrow('busy');
    fail = false;
    expect(await findOnServer('type:topic tram')).toEqual([entry('topic', 't', 'Tram')]);
    expect(await findOnServer('type:topic tram')).toEqual([entry('topic', 't', 'Tram')]);
    expect(searches).toHaveLength(2);
    invalidatePickerIndex();
    await findOnServer('type:topic tram');
    expect(searches).toHaveLength(3);
  });

  it('marks an index holding a full page of quotes as partial', async () => {
    useTransport(Array.from({ length: MAX_LOADED }, (_, i) => entry('quote', `q${i}`, `quote ${i}`)), () => ({ ok: true, value: { hits: [] } }));
    const index = await getPickerIndex();
    expect(index.entries).toHaveLength(MAX_LOADED);
    expect(isPartialPickerIndex(index)).toBe(true);
  }, 30_000);
});

describe('the editor’s [[ completion', () => {
  const complete = async (doc: string) => {
    // The index of an earlier test is served while the new one loads: wait for the new one.
    void getPickerIndex();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const state = EditorState.create({ doc, selection: { anchor: doc.length } });
    return embedCompletionSource(new CompletionContext(state, doc.length, false));
  };
  const labels = (r: Awaited<ReturnType<typeof complete>>) => r!.options.map((o) => o.label);

  it('adds the library search’s matches after lunr’s when lunr finds few', async () => {
    const searches = useTransport([entry('quote', 'new', 'The tram will be built')], () => ({
      ok: true,
      value: { hits: [hit({ type: 'quote', id: 'new', title: 'A', snippet: 'The \u0002tram\u0003 will be built' }), hit({ type: 'quote', id: 'old', title: 'Old story', snippet: 'the \u0002tram\u0003 of 1990' })] },
    }));
    const result = await complete('See [[tram');
    expect(searches).toEqual(['type:quote,article,speaker,topic tram']);
    expect(labels(result)).toEqual(['“The tram will be built”', '“the tram of 1990”']);
  });

  it('does not wait longer than SERVER_WAIT_MS for the search', async () => {
    useTransport([entry('quote', 'new', 'The tram will be built')], () => new Promise(() => {}));
    const started = Date.now();
    const result = await complete('See [[tram');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SERVER_WAIT_MS - 20);
    expect(labels(result)).toEqual(['“The tram will be built”']);
  });
});
