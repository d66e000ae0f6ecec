import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../test/helpers/temp-library';
import { CONTEXT_LENGTH } from './anchoring';

const lib = useTempLibrary();

const ARTICLE_TEXT =
  'At the council meeting on Tuesday the mayor spoke first. ' +
  'She said: “We will build the tram by 2027, whatever it costs.” ' +
  'The opposition leader, Tom Berg, answered that the budget “simply does not add up” and called the plan reckless. ' +
  'Later, asked again, the mayor repeated: “We will build the tram by 2027.”';

async function article(extra: Record<string, unknown> = {}) {
  return lib().ok('articles.create', { title: 'Tram vote', text: ARTICLE_TEXT, publishedAt: '2026-02-03', ...extra });
}

describe('quotes', () => {
  it('anchors exact text at its offsets, with 32 characters of context either side', async () => {
    const a = await article();
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the budget “simply does not add up”' });
    const start = ARTICLE_TEXT.indexOf('the budget');
    expect(q).toMatchObject({
      articleId: a.id,
      articleTitle: 'Tram vote',
      text: 'the budget “simply does not add up”',
      start,
      end: start + 'the budget “simply does not add up”'.length,
      anchorStatus: 'exact',
      kind: 'direct',
      origin: 'user',
      speakerId: null,
      note: '',
    });
    expect(q.prefix).toBe(ARTICLE_TEXT.slice(start - CONTEXT_LENGTH, start));
    expect(q.prefix).toHaveLength(32);
    expect(q.suffix).toBe(ARTICLE_TEXT.slice(q.end, q.end + 32));
    expect(q.suffix).toHaveLength(32);
    expect(a.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('keeps shorter context at the very start and end of the text', async () => {
    const a = await article();
    const first = await lib().ok('quotes.create', { articleId: a.id, text: 'At the council meeting' });
    expect(first.prefix).toBe('');
    const last = await lib().ok('quotes.create', { articleId: a.id, text: 'by 2027.”' });
    expect(last.suffix).toBe('');
    expect(last.end).toBe(ARTICLE_TEXT.length);
  });

  it('matches text that differs only in white space and quote-mark style, storing the article’s own wording', async () => {
    const a = await article();
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'the budget  "simply does\nnot add up"' });
    expect(q.text).toBe('the budget “simply does not add up”');
    expect(ARTICLE_TEXT.slice(q.start, q.end)).toBe(q.text);
    const dashes = await lib().ok('quotes.create', { articleId: a.id, text: '"We will build the tram by 2027, whatever it costs."' });
    expect(dashes.text).toBe('“We will build the tram by 2027, whatever it costs.”');
  });

  it('refuses text that is not in the article with not-found carrying the closest passage', async () => {
    const a = await article();
    const e = await lib().fail('quotes.create', { articleId: a.id, text: 'the budget simply cannot add up at all' });
    expect(e.code).toBe('not-found');
    const closest = e.details?.closest as { text: string; start: number; end: number; similarity: number };
    expect(closest.text).toContain('simply does not add up');
    expect(ARTICLE_TEXT.slice(closest.start, closest.end)).toBe(closest.text);
    expect(closest.similarity).toBeGreaterThan(0.5);
    expect(e.message).toContain('closest passage');
    expect((await lib().ok('quotes.list', {})).total).toBe(0);
  });

  it('allows overlapping quotes', async () => {
    const a = await article();
    const outer = await lib().ok('quotes.create', { articleId: a.id, text: 'We will build the tram by 2027, whatever it costs.' });
    const inner = await lib().ok('quotes.create', { articleId: a.id, text: 'whatever it costs' });
    expect(inner.start).toBeGreaterThan(outer.start);
    expect(inner.end).toBeLessThan(outer.end);
    expect((await lib().ok('quotes.list', { articleId: a.id })).total).toBe(2);
  });

  it('picks the occurrence whose context was given among repeated text', async () => {
    const a = await article();
    const first = await lib().ok('quotes.create', { articleId: a.id, text: 'We will build the tram by 2027' });
    expect(first.start).toBe(ARTICLE_TEXT.indexOf('We will build'));
    const second = await lib().ok('quotes.create', { articleId: a.id, text: 'We will build the tram by 2027', prefix: 'the mayor repeated: “' });
    expect(second.start).toBe(ARTICLE_TEXT.lastIndexOf('We will build'));
    const byStart = await lib().ok('quotes.create', { articleId: a.id, text: 'We will build the tram by 2027', start: ARTICLE_TEXT.lastIndexOf('We will build') });
    expect(byStart.start).toBe(second.start);
  });

  it('dates a quote by its article unless told otherwise', async () => {
    const a = await article();
    expect((await lib().ok('quotes.create', { articleId: a.id, text: 'called the plan reckless' })).saidAt).toBe('2026-02-03');
    expect((await lib().ok('quotes.create', { articleId: a.id, text: 'the mayor spoke first', saidAt: '2026-02-01' })).saidAt).toBe('2026-02-01');
    expect((await lib().ok('quotes.create', { articleId: a.id, text: 'council meeting', saidAt: null })).saidAt).toBeNull();
    const undated = await lib().ok('articles.create', { text: 'No date here at all.' });
    expect((await lib().ok('quotes.create', { articleId: undated.id, text: 'No date' })).saidAt).toBeNull();
  });

  it('finds the speaker by name or alias (any case), else creates one', async () => {
    const a = await article();
    const mayor = await lib().ok('speakers.create', { name: 'Maria Lopez', aliases: ['Mayor Lopez'] });
    const q1 = await lib().ok('quotes.create', { articleId: a.id, text: 'whatever it costs', speaker: '  mayor   lopez ' });
    expect(q1.speakerId).toBe(mayor.id);
    expect(q1.speakerName).toBe('Maria Lopez');
    const q2 = await lib().ok('quotes.create', { articleId: a.id, text: 'simply does not add up', speaker: 'Tom Berg', speakerRole: 'opposition leader' });
    expect(q2.speakerName).toBe('Tom Berg');
    expect(q2.speakerRole).toBe('opposition leader');
    const speakers = await lib().ok('speakers.list', {});
    expect(speakers.items.map((s) => [s.name, s.quoteCount])).toEqual([['Maria Lopez', 1], ['Tom Berg', 1]]);
    const q3 = await lib().ok('quotes.create', { articleId: a.id, text: 'called the plan reckless', speaker: 'TOM BERG' });
    expect(q3.speakerId).toBe(q2.speakerId);
    expect((await lib().fail('quotes.create', { articleId: a.id, text: 'the mayor', speakerId: 'nobody' })).code).toBe('not-found');
  });

  it('refuses a quote in an unknown or trashed article', async () => {
    expect((await lib().fail('quotes.create', { articleId: 'nope', text: 'x' })).code).toBe('not-found');
    const a = await article();
    await lib().ok('items.trash', { id: a.id });
    expect((await lib().fail('quotes.create', { articleId: a.id, text: 'the mayor' })).code).toBe('not-found');
  });

  it('lists with filters: article, speaker, kind, contains, tag, orphans; in text order by default', async () => {
    const a = await article();
    const b = await lib().ok('articles.create', { title: 'Other', text: 'Ferries will run twice a day, the captain said.' });
    const late = await lib().ok('quotes.create', { articleId: a.id, text: 'called the plan reckless', speaker: 'Tom Berg', kind: 'indirect' });
    const early = await lib().ok('quotes.create', { articleId: a.id, text: 'the mayor spoke first', tags: ['intro'] });
    const ferry = await lib().ok('quotes.create', { articleId: b.id, text: 'Ferries will run twice a day', speaker: 'Tom Berg' });
    const ids = async (input: Record<string, unknown>) => (await lib().ok('quotes.list', input)).items.map((q) => q.id);

    expect(await ids({ articleId: a.id })).toEqual([early.id, late.id]);
    expect(await ids({ speakerId: late.speakerId!, sort: 'createdAt' })).toEqual([late.id, ferry.id]);
    expect(await ids({ kind: 'indirect' })).toEqual([late.id]);
    expect(await ids({ contains: 'FERRIES' })).toEqual([ferry.id]);
    expect(await ids({ tag: 'intro' })).toEqual([early.id]);
    expect(await ids({ orphansOnly: true })).toEqual([]);
    lib().app.db.prepare("UPDATE quotes SET anchor_status = 'orphan' WHERE id = ?").run(ferry.id);
    expect(await ids({ orphansOnly: true })).toEqual([ferry.id]);
    const page = await lib().ok('quotes.list', { limit: 1, offset: 1, sort: 'createdAt' });
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(page.items.map((q) => q.id)).toEqual([early.id]);
  });

  it('updates the speaker by name (found or created), clears it, and changes kind and note', async () => {
    const a = await article();
    const q = await lib().ok('quotes.create', { articleId: a.id, text: 'whatever it costs' });
    const named = await lib().ok('quotes.update', { id: q.id, speaker: 'Maria Lopez', note: 'campaign promise', kind: 'paraphrase' });
    expect(named).toMatchObject({ speakerName: 'Maria Lopez', note: 'campaign promise', kind: 'paraphrase', text: q.text, start: q.start });
    const again = await lib().ok('quotes.update', { id: q.id, speaker: 'maria lopez' });
    expect(again.speakerId).toBe(named.speakerId);
    expect((await lib().ok('speakers.list', {})).total).toBe(1);
    const cleared = await lib().ok('quotes.update', { id: q.id, speaker: null });
    expect(cleared.speakerId).toBeNull();
    expect(cleared.speakerName).toBeNull();
    expect(cleared.note).toBe('campaign promise');
    expect((await lib().fail('quotes.update', { id: 'missing', note: 'x' })).code).toBe('not-found');
  });
});
