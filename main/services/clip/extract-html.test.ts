import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { shingleScore, tokenize } from '../../../bench/shingle-score';
import { countWords, domToText } from '../../../shared/text/dom-text';
import { decodeBytes } from './decode';
import { parseFragment } from './dom';
import { extractArticle } from './extract-html';
import { cleanAuthors, normalizeDate, normalizeLang } from './metadata';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/extract/', import.meta.url));

interface Expected {
  title: string;
  authors: string[];
  siteName?: string | null;
  publishedAt?: string | null;
  canonicalUrl?: string | null;
  lang?: string | null;
  url?: string | null;
  text: string;
}

const names = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''))
  .sort();

/** Per-page floor; the corpus mean must clear a higher bar (see below). */
const PAGE_F1_FLOOR = 0.9;
const MEAN_F1_FLOOR = 0.97;

const load = (name: string) => {
  const expected = JSON.parse(readFileSync(`${FIXTURES}${name}.expected.json`, 'utf8')) as Expected;
  const html = decodeBytes(readFileSync(`${FIXTURES}${name}.html`)).text;
  return { expected, html, article: extractArticle(html, { url: expected.url ?? null }) };
};

describe('fixture corpus', () => {
  it('has at least 40 pages, each with expected output and under 100 KB', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      expect(readFileSync(`${FIXTURES}${name}.html`).length, name).toBeLessThan(100 * 1024);
      expect(() => readFileSync(`${FIXTURES}${name}.expected.json`), name).not.toThrow();
    }
  });
});

describe.each(names)('extractArticle: %s', (name) => {
  const { expected, article } = load(name);

  it('finds the metadata', () => {
    expect(article.title).toBe(expected.title);
    expect(article.authors).toEqual(expected.authors);
    for (const key of ['siteName', 'publishedAt', 'canonicalUrl', 'lang'] as const) {
      if (key in expected) expect(article[key], key).toBe(expected[key]);
    }
    expect(article.url).toBe(expected.url ?? null);
  });

  it(`extracts the main text (shingle F1 >= ${PAGE_F1_FLOOR})`, () => {
    const score = shingleScore(article.text, expected.text);
    expect(score.f1, `P=${score.precision.toFixed(3)} R=${score.recall.toFixed(3)}`).toBeGreaterThanOrEqual(PAGE_F1_FLOOR);
  });

  it('derives text, word count and links from the sanitized HTML', () => {
    expect(article.text).toBe(domToText(parseFragment(article.html)));
    // The renderer recomputes the text in a browser DOM: a spec-compliant parser must agree.
    const browserLike = new JSDOM(`<!DOCTYPE html><html><body>${article.html}</body></html>`).window.document.body;
    expect(domToText(browserLike as never)).toBe(article.text);
    expect(article.wordCount).toBe(countWords(article.text));
    expect(article.html).not.toMatch(/<script|<style|<iframe|<form|\son\w+=|javascript:/i);
    for (const link of article.links) expect(link.href).toMatch(/^https?:\/\//);
  });
});

describe('corpus quality', () => {
  it(`averages shingle F1 >= ${MEAN_F1_FLOOR}`, () => {
    const scores = names.map((n) => {
      const { expected, article } = load(n);
      return shingleScore(article.text, expected.text).f1;
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThanOrEqual(MEAN_F1_FLOOR);
  });
});

describe('extractArticle details', () => {
  const page = (body: string, head = '') => `<!DOCTYPE html><html><head><title>Test page</title>${head}</head><body>${body}</body></html>`;
  const prose = (n: number) =>
    Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of the story carries enough words to look like prose to the extractor, as real paragraphs do.</p>`).join('');

  it('never returns empty text for a page with text', () => {
    for (const html of ['Just one line of text.', '<div>Short note</div>', page('<span>tiny</span>'), '<table><tr><td>cell text</td></tr></table>']) {
      expect(extractArticle(html, {}).text, html).not.toBe('');
    }
  });

  it('flattens absurdly deep nesting instead of hanging in Readability', () => {
    const depth = 3000;
    const html = page(`${'<div class="wrap">'.repeat(depth)}${prose(3)}${'</div>'.repeat(depth)}`);
    const a = extractArticle(html, {});
    expect(a.text).toContain('Paragraph 3 of the story');
    expect(a.text.split('\n\n')).toHaveLength(3);
  });

  it('makes links and images absolute and lists outbound links', () => {
    const a = extractArticle(
      page(`<article><h1>Test page</h1>${prose(4)}<p>See <a href="/other">the other story</a>, <a href="#sec">a section</a> and <a href="mailto:x@y.z">mail</a>.</p><figure><img src="img/a.jpg" srcset="img/a.jpg 1x, img/b.jpg 2x"><figcaption>Cap</figcaption></figure></article>`),
      { url: 'https://news.example/section/story' },
    );
    expect(a.html).toContain('href="https://news.example/other"');
    expect(a.html).toContain('src="https://news.example/section/img/a.jpg"');
    expect(a.html).toContain('https://news.example/section/img/b.jpg 2x');
    expect(a.links).toEqual([{ href: 'https://news.example/other', text: 'the other story' }]);
    expect(a.leadImageUrl).toBe('https://news.example/section/img/a.jpg');
  });

  it('resolves against <base href>', () => {
    const a = extractArticle(page(`<article>${prose(4)}<p>The documentation <a href="x">explains it</a> in more detail than this story can.</p></article>`, '<base href="https://cdn.example/docs/">'), {
      url: 'https://site.example/a',
    });
    expect(a.links[0]?.href).toBe('https://cdn.example/docs/x');
  });

  it('keeps headings, lists, quotes and tables in the HTML', () => {
    const a = extractArticle(
      page(`<article><h1>Test page</h1>${prose(3)}<h2>Sub</h2><ul><li>one item of the list</li><li>two</li></ul><blockquote><p>quoted words here</p></blockquote><table><tr><th>k</th><td>v</td></tr></table>${prose(2)}</article>`),
      {},
    );
    for (const tag of ['<h2>', '<ul>', '<li>', '<blockquote>', '<table>']) expect(a.html).toContain(tag);
  });

  it('keeps short prose that merely mentions boilerplate words', () => {
    const tricky = [
      'By Tuesday, the roof had collapsed.',
      'Share prices fell 3% on Monday.',
      'Register to vote by Friday.',
      'Copyright law changed in 2019.',
      'Residents can sign up for flood alerts by email on the council website.',
      'Support for local journalism has fallen.',
      'The newsletter is delivered every morning to 40,000 readers.',
      'Agents earn a commission on each sale.',
      'Read more about the plan in the council report, published on Tuesday.',
      'Users can unsubscribe at any time, the company said.',
      'The cookies were baked until golden and everyone agreed they were perfect.',
      'Latest figures show a rise in rents.',
    ];
    const body = `<article><h1>Test page</h1><p>${tricky[0]}</p>${prose(2)}${tricky
      .slice(1)
      .map((t) => `<p>${t}</p>`)
      .join('')}${prose(2)}</article>`;
    const a = extractArticle(page(body), {});
    for (const t of tricky) expect(a.text, t).toContain(t);
  });

  it('removes boilerplate lines inside the article', () => {
    const junk = ['Advertisement', 'Share this article', 'Sign up for our newsletter to get the news in your inbox', 'Read more:', '© 2024 Example Media', 'Listen to this article', '4 min read'];
    const a = extractArticle(page(`<article><h1>Test page</h1>${prose(3)}${junk.map((j) => `<p>${j}</p>`).join('')}${prose(3)}</article>`), {});
    for (const j of junk) expect(a.text, j).not.toContain(j);
    expect(a.text).toContain('Paragraph 3 of the story');
  });

  it('falls back to JSON-LD and meta tags for metadata', () => {
    const head =
      '<script type="application/ld+json">{"@type":"BlogPosting","headline":"LD headline","author":"By Ann Lee and Bo Chen","datePublished":"1700000000"}</script>' +
      '<meta property="og:locale" content="pt_BR"><meta property="og:image" content="/lead.png">';
    const a = extractArticle(page(`<article>${prose(4)}</article>`, head), { url: 'https://b.example/p' });
    expect(a.title).toBe('LD headline');
    expect(a.authors).toEqual(['Ann Lee', 'Bo Chen']);
    expect(a.publishedAt).toBe('2023-11-14T22:13:20Z');
    expect(a.lang).toBe('pt-BR');
    expect(a.leadImageUrl).toBe('https://b.example/lead.png');
  });
});

describe('metadata helpers', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T14:30:00+01:00', '2024-03-05T13:30:00Z'],
    ['2024-03-05T14:30:00.123Z', '2024-03-05T14:30:00Z'],
    ['2024-03-05 14:30', '2024-03-05T14:30:00Z'],
    ['2024-03-05T14:30:00+0530', '2024-03-05T09:00:00Z'],
    ['20240305', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['5 March 2024', '2024-03-05'],
    ['Tuesday 5 Mar 2024 10.32 GMT', '2024-03-05'],
    ['Tue, 05 Mar 2024 14:30:00 GMT', '2024-03-05T14:30:00Z'],
    ['05.03.2024', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['1709649000', '2024-03-05T14:30:00Z'],
    ['yesterday', null],
    ['2024-13-45', null],
  ])('normalizeDate(%s) = %s', (raw, iso) => {
    expect(normalizeDate(raw)).toBe(iso);
  });

  it('cleans author lists', () => {
    expect(cleanAuthors(['By Jane Doe and John Roe'])).toEqual(['Jane Doe', 'John Roe']);
    expect(cleanAuthors(['By Jane Doe, Science Correspondent'])).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Jane Doe | March 5, 2024'])).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Jane Doe', 'jane doe', 'JANE DOE'])).toEqual(['Jane Doe']);
    expect(cleanAuthors(['https://site.example/author/jane', '@janedoe', 'staff reports'])).toEqual([]);
    expect(cleanAuthors(['María José García y Pedro Sánchez'])).toEqual(['María José García', 'Pedro Sánchez']);
    expect(cleanAuthors(['Ludwig van Beethoven'])).toEqual(['Ludwig van Beethoven']);
  });

  it('normalizes language tags', () => {
    expect(normalizeLang('en_us')).toBe('en-US');
    expect(normalizeLang('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLang('EN')).toBe('en');
    expect(normalizeLang('not a language')).toBeNull();
  });
});

describe('shingle score (bench metric)', () => {
  it('tokenizes words, and CJK by character', () => {
    expect(tokenize('Hello, World! 2024年3月 東京タワー')).toEqual(['hello', 'world', '2024', '年', '3', '月', '東', '京', 'タ', 'ワ', 'ー']);
  });

  it('scores identical text 1, disjoint text 0, and penalises extra text in precision', () => {
    const a = 'one two three four five six seven eight';
    expect(shingleScore(a, a).f1).toBe(1);
    expect(shingleScore(a, 'nine ten eleven twelve thirteen').f1).toBe(0);
    const extra = shingleScore(`${a} nine ten eleven twelve`, a);
    expect(extra.recall).toBe(1);
    expect(extra.precision).toBeLessThan(1);
  });
});
