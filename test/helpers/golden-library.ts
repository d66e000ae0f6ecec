import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The fixture library export every exchange test starts from (5 articles, 7 quotes, every kind of record). */
export const GOLDEN_LIBRARY_JSON = fileURLToPath(new URL('../fixtures/exchange/golden/library.json', import.meta.url));

/** A fresh copy of it, parsed, for a test to spoil (any: tests write any shape into it, valid or not). */
export const goldenLibraryDoc = (): any => JSON.parse(fs.readFileSync(GOLDEN_LIBRARY_JSON, 'utf8'));

const idOf = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A library export of `count` articles of about `htmlBytes` of HTML each, written piece by piece:
 * the golden file's first article again and again under new ids, each with one quote.
 */
export function writeLargeLibraryExport(file: string, count: number, htmlBytes: number): void {
  const doc = goldenLibraryDoc();
  const [article, quote] = [doc.articles[0], doc.quotes.find((q: { articleId: string }) => q.articleId === doc.articles[0].id)];
  const paragraph = '<p>The council voted on the tram line after a long night of debate.</p>';
  const html = paragraph.repeat(Math.ceil(htmlBytes / paragraph.length));
  const fd = fs.openSync(file, 'w');
  const { articles: _a, quotes: _q, ...rest } = { ...doc, speakers: [], topics: [], stances: [], links: [], tags: [], taggings: [], collections: [], collectionItems: [], notes: [], suggestions: { quotes: [], sources: [] } };
  fs.writeSync(fd, `{"format": "sourcebook-library", "version": 1, "exportedAt": "2025-06-01T12:00:00.000Z", "schemaVersion": 30,\n"articles": [\n`);
  for (let i = 0; i < count; i++) {
    fs.writeSync(fd, `${i ? ',\n' : ''}${JSON.stringify({ ...article, id: idOf(0x1000 + i), url: `https://news.example.com/tram/${i}`, contentHash: `hash-${i}`, html, title: `Tram vote, part ${i}` })}`);
  }
  fs.writeSync(fd, '\n],\n"quotes": [\n');
  for (let i = 0; i < count; i++) fs.writeSync(fd, `${i ? ',\n' : ''}${JSON.stringify({ ...quote, id: idOf(0x9000 + i), articleId: idOf(0x1000 + i), speakerId: null })}`);
  const tail = JSON.stringify(Object.fromEntries(Object.entries(rest).filter(([key]) => !['format', 'version', 'exportedAt', 'schemaVersion'].includes(key))));
  fs.writeSync(fd, `\n],\n${tail.slice(1)}\n`);
  fs.closeSync(fd);
}
