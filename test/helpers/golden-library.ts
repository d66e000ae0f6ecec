import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The fixture library export every exchange test starts from (5 articles, 7 quotes, every kind of record). */
export const GOLDEN_LIBRARY_JSON = fileURLToPath(new URL('../fixtures/exchange/golden/library.json', import.meta.url));

/** A fresh copy of it, parsed, for a test to spoil (any: tests write any shape into it, valid or not). */
export const goldenLibraryDoc = (): any => JSON.parse(fs.readFileSync(GOLDEN_LIBRARY_JSON, 'utf8'));
