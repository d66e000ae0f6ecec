import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHODS, type Method } from '../../shared/api/contract';
import { AppError, ERROR_CODES, type Result } from '../../shared/errors';
import { tempLibrary, type TempLibrary } from '../../test/helpers/temp-library';
import { createRouter, type Dispatch } from './router';

let lib: TempLibrary;
beforeAll(() => {
  lib = tempLibrary({ log: () => {} });
});
afterAll(() => lib.cleanup());

const issuesOf = (r: Result<unknown>) => {
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.error.code).toBe('validation');
  return (r.error.details?.issues ?? []) as { field: string; message: string }[];
};
const fieldsOf = (r: Result<unknown>) => issuesOf(r).map((i) => i.field);

function expectResultShape(r: unknown): void {
  expect(r).toBeTypeOf('object');
  const result = r as Result<unknown>;
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(ERROR_CODES).toContain(result.error.code);
    // `internal` is what the router answers for an exception no service meant (a bug): bad input
    // must be refused by name (validation, not-found, conflict…), never end there.
    expect(result.error.code, result.error.message).not.toBe('internal');
    expect(typeof result.error.message).toBe('string');
  }
}

describe('router', () => {
  it.each(['nope', 'articles', 'articles.delete', '__proto__', 'constructor', 'toString', ''])('refuses the unknown method %j with validation naming `method`', async (method) => {
    const r = await lib.dispatch(method, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.message).toMatch(/^method:/);
    expect(r.error.details).toEqual({ field: 'method' });
  });

  it('refuses a method name that is not a string', async () => {
    const r = await (lib.dispatch as (m: unknown, i: unknown) => Promise<Result<unknown>>)(42, {});
    expect(r.ok || r.error.code).toBe('validation');
  });

  it('names missing required fields', async () => {
    expect(fieldsOf(await lib.dispatch('quotes.create', {}))).toEqual(expect.arrayContaining(['articleId', 'text']));
    expect(fieldsOf(await lib.dispatch('speakers.merge', { fromId: 'x' }))).toEqual(['intoId']);
  });

  it('names nested array elements by index', async () => {
    expect(fieldsOf(await lib.dispatch('articles.create', { text: 'Body', authors: ['Ana', ''] }))).toEqual(['authors.1']);
    expect(fieldsOf(await lib.dispatch('collections.addItems', { collectionId: 'c', itemIds: ['a', 'b', ''] }))).toEqual(['itemIds.2']);
    expect(fieldsOf(await lib.dispatch('articles.create', { text: 'Body', tags: ['ok', 7] }))).toEqual(['tags.1']);
  });

  it('names unknown fields and says so', async () => {
    const issues = issuesOf(await lib.dispatch('articles.list', { limit: 5, colour: 'red' }));
    expect(issues).toEqual([{ field: 'colour', message: 'unknown field' }]);
    const r = await lib.dispatch('library.info', { verbose: true });
    expect(!r.ok && r.error.message).toBe('verbose: unknown field');
  });

  it('names wrong types, ranges and enum values', async () => {
    expect(fieldsOf(await lib.dispatch('articles.list', { limit: 0 }))).toEqual(['limit']);
    expect(fieldsOf(await lib.dispatch('articles.list', { offset: -1, sort: 'colour' }))).toEqual(expect.arrayContaining(['offset', 'sort']));
    expect(fieldsOf(await lib.dispatch('quotes.create', { articleId: 'a', text: 'x', kind: 'shout' }))).toEqual(['kind']);
    expect(fieldsOf(await lib.dispatch('links.create', { type: 'cites', fromId: 'a', toUrl: 'ftp://example.com/x' }))).toEqual(['toUrl']);
    expect(fieldsOf(await lib.dispatch('articles.update', { id: 'a', publishedAt: 'last tuesday' }))).toEqual(['publishedAt']);
    expect(fieldsOf(await lib.dispatch('stances.set', { subjectType: 'tag', subjectId: 'x', topic: 'T', value: 'supports' }))).toEqual(['subjectType']);
  });

  it('reports cross-field rules on a named field', async () => {
    const both = issuesOf(await lib.dispatch('stances.set', { subjectType: 'quote', subjectId: 'q', topic: 'T', topicId: 't', value: 'supports' }));
    expect(both).toEqual([{ field: 'topicId', message: 'give exactly one of topicId or topic' }]);
    expect(fieldsOf(await lib.dispatch('articles.create', { title: 'No body' }))).toEqual(['text']);
    expect(fieldsOf(await lib.dispatch('links.create', { type: 'cites', fromId: 'a' }))).toEqual(['toId']);
  });

  it('keeps the code of an AppError a handler throws', async () => {
    const dispatch = createRouter(lib.app.services, { 'library.info': async () => { throw new AppError('conflict', 'busy elsewhere', { why: 1 }); } }, () => {});
    expect(await dispatch('library.info', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'busy elsewhere', details: { why: 1 } } });
  });

  it('turns a thrown non-AppError into `internal` and logs it', async () => {
    const log = vi.fn();
    const boom = new Error('boom');
    const dispatch = createRouter(lib.app.services, { 'library.info': async () => { throw boom; } }, log);
    const r = await dispatch('library.info', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(r.error.message).toContain('boom');
    expect(log).toHaveBeenCalledWith(boom);
  });

  it('maps SQLITE_BUSY reaching the router to a retryable conflict', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const dispatch = createRouter(lib.app.services, { 'library.info': async () => { throw busy; } }, () => {});
    const r = await dispatch('library.info', {});
    expect(!r.ok && r.error.code).toBe('conflict');
  });

  it('treats a missing input as an empty object', async () => {
    expect((await lib.dispatch('library.info', undefined)).ok).toBe(true);
    expect((await lib.dispatch('articles.list', null)).ok).toBe(true);
  });

  describe('every method', () => {
    // The property below sends random payloads; a random { path } must not make it write a file.
    let dispatch: Dispatch;
    beforeAll(() => {
      dispatch = createRouter(lib.app.services, { 'library.backup': async (i) => ({ path: i.path, bytes: 0 }) }, () => {});
    });

    it.each(METHODS as Method[])('%s rejects non-object input with validation', async (method) => {
      for (const input of [42, 'text', true, [], [{}], 0.5]) {
        const r = await dispatch(method, input);
        expect(r.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('validation');
      }
    });

    it('returns a Result (never throws) for random JSON input to every method, in bounded time', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...METHODS), fc.jsonValue({ maxDepth: 3 }), async (method, input) => {
          const started = performance.now();
          const r = await dispatch(method, input);
          expectResultShape(r);
          expect(performance.now() - started).toBeLessThan(2000);
          if (input === null || typeof input !== 'object' || Array.isArray(input)) {
            if (input !== null) expect(r.ok).toBe(false);
          }
        }),
        { numRuns: 400 },
      );
    });

    it('returns a Result for random objects built from each method’s own field names', async () => {
      const fieldNames = ['id', 'text', 'title', 'articleId', 'speaker', 'speakerId', 'subjectType', 'subjectId', 'topic', 'topicId', 'value', 'type', 'fromId', 'toId', 'toUrl', 'itemId', 'tag', 'name', 'offset', 'limit', 'sort', 'order', 'contains', 'collectionId', 'itemIds', 'aliases', 'authors', 'publishedAt', 'expectedUpdatedAt', 'attachedId', 'body', 'kind', 'start'];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...METHODS),
          fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(fc.string({ maxLength: 20 }), fc.integer({ min: -5, max: 2000 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }))),
          async (method, input) => {
            expectResultShape(await dispatch(method, input));
          },
        ),
        { numRuns: 400 },
      );
    });
  });
});
