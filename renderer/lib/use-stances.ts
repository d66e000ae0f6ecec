import { useMemo } from 'react';
import type { Stance } from '../../shared/domain/entities';
import { call } from '../api/client';
import { useLibrary } from './library-context';
import { useQuery } from './use-query';

export type StanceIndex = ReadonlyMap<string, readonly Stance[]>;

const indexBySubject = (stances: readonly Stance[]): Map<string, Stance[]> => {
  const map = new Map<string, Stance[]>();
  for (const stance of stances) {
    const list = map.get(stance.subjectId) ?? [];
    list.push(stance);
    map.set(stance.subjectId, list);
  }
  return map;
};

/**
 * Current stances of a few subjects (an article's quotes), one small call each. The API has no
 * "stances of these ids" method; a batch method would replace this loop.
 */
export function useStancesOf(subjectIds: readonly string[]): StanceIndex {
  const { revision } = useLibrary();
  const key = subjectIds.join(',');
  const { data } = useQuery(
    subjectIds.length === 0
      ? null
      : async () => (await Promise.all(subjectIds.slice(0, 200).map((subjectId) => call('stances.list', { subjectId })))).flat(),
    [key, revision],
    'Could not load stances',
  );
  return useMemo(() => indexBySubject(data ?? []), [data]);
}

/**
 * Every current stance, by subject: for list views that show a chip on each row. One call per
 * library change; fine for tens of thousands of stances, and the place to page if that grows.
 */
export function useStanceIndex(): StanceIndex {
  const { revision } = useLibrary();
  const { data } = useQuery(() => call('stances.list', {}), [revision], 'Could not load stances');
  return useMemo(() => indexBySubject(data ?? []), [data]);
}
