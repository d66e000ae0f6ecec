/**
 * A realistic synthetic library for the search benchmark: English-like articles of ~800 words drawn
 * from a real vocabulary with Zipf frequencies (function words dominate, content words form a long
 * tail, inflected forms exercise the stemmer, generated proper names make the rare tail), ~5 quotes
 * per article cut from the article's own sentences, speakers with aliases, tags, topics and stances.
 * Deterministic for a seed, so FTS5 and lunr see the same corpus and the same queries.
 */
import { contentHashOf } from '../main/services/content';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS = `the of and to a in that is was he for it with as his on be at by i this had not are but from or have an
they which one you were her all she there would their we him been has when who will more no if out so said what up its about into
than them can only other new some could time these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each just those people how too little
state good very make world still own see men work long get here between both life being under never day same another know while
last might us great old year off come since against go came right used take three`.split(/\s+/);

const VERBS = `say go make know think take see come want look use find give tell work call try ask need feel become leave put mean keep
let begin seem help talk turn start show hear play run move like live believe hold bring happen write provide sit stand lose pay meet
include continue set learn change lead understand watch follow stop create speak read allow add spend grow open walk win offer remember
love consider appear buy wait serve die send expect build stay fall cut reach kill remain suggest raise pass sell require report decide
pull argue warn announce approve reject propose support oppose criticize defend debate negotiate invest regulate reform protest vote
elect govern tax spend borrow cut increase reduce measure predict estimate publish reveal confirm deny claim admit insist respond
investigate acknowledge emphasize acquire launch expand collapse recover adapt mitigate emit pollute restore transform`.split(/\s+/);

const NOUNS = `government company system program question government number night point home water room mother area money story fact
month lot right study book eye job word business issue side kind head house service friend father power hour game line end member law
car city community name president team minute idea kid body information back parent face others level office door health person art
war history party result change morning reason research girl guy moment air teacher force education policy economy climate energy
election campaign minister parliament senate congress court judge ruling decision budget deficit inflation market price wage worker
union strike industry factory emission carbon temperature weather storm flood drought wildfire ocean forest species agriculture farmer
food supply chain technology software platform network data privacy security attack hacker intelligence agency military army troop
border refugee migrant asylum citizen voter poll survey majority minority coalition opposition leader spokesman official source analyst
expert scientist researcher professor student school university hospital patient doctor nurse vaccine virus pandemic disease treatment
drug trial evidence report investigation scandal corruption bribe fraud lawsuit regulation agreement treaty summit sanction tariff trade
export import growth recession unemployment debt bank loan interest rate investor shareholder profit revenue loss crisis reform strategy
plan proposal bill amendment vote majority debate speech statement interview press journalist newspaper editor media coverage headline
article column opinion critic protest demonstration police arrest prison crime violence victim witness testimony hearing committee
commission council mayor governor region province country nation continent capital village neighborhood street bridge road railway
airport port ship vehicle battery electricity grid solar wind nuclear coal oil gas pipeline fuel emissions target goal deadline
framework initiative fund grant subsidy incentive contract tender infrastructure housing rent mortgage tenant landlord income pension
retirement welfare benefit insurance healthcare medicine therapy diagnosis risk danger threat warning alert response recovery aid
donation charity volunteer activist movement rights freedom justice equality discrimination identity culture religion faith church
tradition language population census migration family child marriage generation youth age gender science discovery experiment theory
model simulation forecast scenario projection uncertainty consensus controversy dispute conflict ceasefire peace negotiation diplomat
embassy alliance partner rival competitor merger acquisition startup founder executive board chairman director manager employee staff
salary bonus shift schedule productivity automation robot algorithm artificial intelligence computer phone internet website app user
account password message email video image photo camera satellite rocket space mission planet moon earth sea river lake mountain valley
island coast desert ice glacier sea level habitat biodiversity extinction conservation park wildlife animal bird fish tree plant soil
harvest crop wheat rice corn water irrigation pollution waste plastic recycling landfill sewage toxin chemical factory plant mine mineral
lithium copper steel aluminum cement construction design architecture building tower museum gallery theater film music concert festival
sport football match tournament league player coach stadium fan ticket`.split(/\s+/);

const ADJECTIVES = `new good high old great big american small large national young different black long little important political bad
white real best right social only public sure low early able human local late hard major better economic strong possible whole free
military true federal international full special easy clear recent certain personal open red difficult available likely short single
medical current wrong private past foreign fine common poor natural significant similar hot dead central happy serious ready simple left
physical general environmental financial blue democratic dark various entire close legal religious cold final main green nice huge
popular traditional cultural regional global urban rural renewable sustainable fossil controversial unprecedented alarming modest
ambitious cautious aggressive stable volatile transparent accountable independent corrupt efficient costly affordable digital remote
rapid gradual severe extreme mild annual quarterly domestic industrial commercial scientific academic judicial legislative executive`.split(/\s+/);

const ADVERBS = `not also very often however too usually really early never always sometimes together likely simply generally instead actually
again rather almost especially ever quickly probably already below directly therefore else thus easily eventually exactly certainly
normally currently extremely finally constantly properly soon specifically ahead daily highly immediately relatively slowly fairly
primarily completely ultimately widely recently sharply significantly dramatically steadily`.split(/\s+/);

const SYLLABLES = 'ka lo mi ra ten vor an el is tor ber gen sa ni ko lu ma den ric ha vel mon tri ol ash fen dor bel cas wen'.split(' ');
const FIRST_NAMES = `Angela Emmanuel Olaf Ursula Joe Kamala Rishi Keir Justin Jacinda Narendra Xi Vladimir Volodymyr Recep Luiz Gustavo Claudia
Cyril Bola Fumio Anthony Greta Christine Janet Jerome Mario Kristalina Antonio Tedros Ngozi Jens Josep Pedro Giorgia Mark Donald Hillary
Nancy Mitch Chuck Elizabeth Bernie Alexandria Ron Gavin Sadiq Anne Boris Theresa Nicola Leo Micheal Mette Sanna Magdalena Petteri`.split(/\s+/);
const LAST_NAMES = `Merkel Macron Scholz Leyen Biden Harris Sunak Starmer Trudeau Ardern Modi Jinping Putin Zelensky Erdogan Lula Petro
Sheinbaum Ramaphosa Tinubu Kishida Albanese Thunberg Lagarde Yellen Powell Draghi Georgieva Guterres Ghebreyesus Okonjo Stoltenberg Borrell
Sanchez Meloni Rutte Trump Clinton Pelosi McConnell Schumer Warren Sanders Ocasio DeSantis Newsom Khan Hidalgo Johnson May Sturgeon
Varadkar Martin Frederiksen Marin Andersson Orpo`.split(/\s+/);

const ROLES = ['minister', 'senator', 'professor', 'chief executive', 'spokesperson', 'economist', 'climate scientist', 'activist', 'mayor', 'judge', 'analyst', 'editor'];
const AFFILIATIONS = ['European Commission', 'United Nations', 'World Bank', 'IMF', 'Greenpeace', 'Oxford University', 'MIT', 'Reuters', 'Bundestag', 'Senate', 'WHO', 'OECD'];
export const SITES = [
  ['The Guardian', 'theguardian.com'], ['The New York Times', 'nytimes.com'], ['BBC News', 'bbc.co.uk'], ['Reuters', 'reuters.com'],
  ['Le Monde', 'lemonde.fr'], ['Der Spiegel', 'spiegel.de'], ['Al Jazeera', 'aljazeera.com'], ['Financial Times', 'ft.com'],
  ['The Economist', 'economist.com'], ['Politico', 'politico.eu'], ['Associated Press', 'apnews.com'], ['Bloomberg', 'bloomberg.com'],
  ['The Washington Post', 'washingtonpost.com'], ['El País', 'elpais.com'], ['NRC', 'nrc.nl'], ['Nature', 'nature.com'],
  ['Science', 'science.org'], ['Carbon Brief', 'carbonbrief.org'], ['ProPublica', 'propublica.org'], ['The Atlantic', 'theatlantic.com'],
] as const;
export const TAGS = ['climate', 'energy', 'economy', 'elections', 'health', 'technology', 'migration', 'europe', 'usa', 'asia', 'africa',
  'courts', 'labour', 'housing', 'trade', 'security', 'science', 'media', 'education', 'agriculture', 'to-read', 'thesis', 'fact-check', 'draft'];
export const TOPICS = ['Carbon tax', 'Nuclear power', 'Minimum wage', 'Universal basic income', 'Vaccine mandates', 'Rent control',
  'Border controls', 'Central bank independence', 'Net zero by 2050', 'Social media regulation', 'Wealth tax', 'Free trade agreements',
  'Remote work', 'Electric vehicles', 'Artificial intelligence regulation', 'Fossil fuel subsidies', 'Pension reform', 'Ranked-choice voting'];
export const STANCES = ['supports', 'opposes', 'neutral', 'mixed'] as const;

const inflect = (w: string, r: () => number): string => {
  const x = r();
  if (x < 0.7) return w;
  if (x < 0.82) return w.endsWith('s') ? `${w}es` : w.endsWith('y') ? `${w.slice(0, -1)}ies` : `${w}s`;
  if (x < 0.9) return w.endsWith('e') ? `${w}d` : `${w}ed`;
  if (x < 0.97) return w.endsWith('e') ? `${w.slice(0, -1)}ing` : `${w}ing`;
  return `${w}ly`;
};

export interface Vocabulary {
  /** Words by rank (most frequent first). */
  words: string[];
  /** Cumulative Zipf weights, for sampling by binary search. */
  cumulative: Float64Array;
}

/** Function words first, then content words in a seeded order, then generated proper names: rank r has weight 1/r^1.05. */
export function buildVocabulary(seed = 7): Vocabulary {
  const r = rng(seed);
  const content = [...new Set([...VERBS, ...NOUNS, ...ADJECTIVES, ...ADVERBS])].filter((w) => !FUNCTION_WORDS.includes(w));
  for (let i = content.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [content[i], content[j]] = [content[j]!, content[i]!];
  }
  const names: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const n = 2 + Math.floor(r() * 2);
    let name = '';
    for (let k = 0; k < n; k++) name += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    names.push(name[0]!.toUpperCase() + name.slice(1));
  }
  const words = [...new Set([...FUNCTION_WORDS, ...content, ...names])];
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, 1.05);
  return { words, cumulative };
}

export function sampleWord(v: Vocabulary, r: () => number): string {
  const x = r() * v.cumulative[v.cumulative.length - 1]!;
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo]!;
}

export interface GeneratedSpeaker {
  id: string;
  name: string;
  aliases: string[];
  role: string;
  affiliation: string;
}

export interface GeneratedQuote {
  id: string;
  text: string;
  start: number;
  end: number;
  speakerIndex: number;
  stance: { topicIndex: number; value: (typeof STANCES)[number] } | null;
}

export interface GeneratedArticle {
  id: string;
  title: string;
  text: string;
  authors: string[];
  siteName: string;
  url: string;
  publishedAt: string;
  wordCount: number;
  contentHash: string;
  tags: string[];
  quotes: GeneratedQuote[];
  stance: { topicIndex: number; value: (typeof STANCES)[number] } | null;
}

let idCounter = 0;
/** UUIDv7-shaped ids, time-ordered like the app's, but cheap and deterministic per run. */
export function benchId(time = Date.now()): string {
  const hex = time.toString(16).padStart(12, '0');
  const n = (idCounter++).toString(16).padStart(20, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${n.slice(0, 3)}-8${n.slice(3, 6)}-${n.slice(8, 20)}`;
}

export function generateSpeakers(count: number, seed = 11): GeneratedSpeaker[] {
  const r = rng(seed);
  const out: GeneratedSpeaker[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count; i++) {
    const first = FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)]!;
    const last = i < LAST_NAMES.length * 2 ? LAST_NAMES[i % LAST_NAMES.length]! : `${LAST_NAMES[Math.floor(r() * LAST_NAMES.length)]}-${SYLLABLES[Math.floor(r() * SYLLABLES.length)]}${i}`;
    const name = `${first} ${last}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({
      id: benchId(),
      name,
      aliases: r() < 0.4 ? [last, `${first[0]}. ${last}`] : [],
      role: ROLES[Math.floor(r() * ROLES.length)]!,
      affiliation: AFFILIATIONS[Math.floor(r() * AFFILIATIONS.length)]!,
    });
  }
  return out;
}

function sentence(v: Vocabulary, r: () => number): string {
  const n = 8 + Math.floor(r() * 18);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(inflect(sampleWord(v, r), r));
  const s = words.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}${r() < 0.1 ? '?' : '.'}`;
}

/** Article `index` of the corpus (independent of the others, so sizes share their first articles). */
export function generateArticle(v: Vocabulary, speakers: GeneratedSpeaker[], index: number, seed = 1): GeneratedArticle {
  const r = rng(seed * 1_000_003 + index);
  const paragraphs: string[] = [];
  const sentences: { start: number; text: string }[] = [];
  let text = '';
  let words = 0;
  while (words < 760 + Math.floor(r() * 80)) {
    const para: string[] = [];
    for (let k = 0; k < 3 + Math.floor(r() * 4); k++) {
      const s = sentence(v, r);
      para.push(s);
      words += s.split(' ').length;
    }
    for (const s of para) {
      sentences.push({ start: text.length, text: s });
      text += s + ' ';
    }
    text = text.trimEnd() + '\n\n';
    paragraphs.push(para.join(' '));
  }
  text = text.trimEnd();
  const titleWords: string[] = [];
  while (titleWords.length < 6 + Math.floor(r() * 5)) {
    const w = sampleWord(v, r);
    if (!FUNCTION_WORDS.includes(w) || titleWords.length % 3 === 1) titleWords.push(w);
  }
  const title = titleWords.join(' ').replace(/^./, (c) => c.toUpperCase());
  const [siteName, host] = SITES[Math.floor(Math.pow(r(), 1.6) * SITES.length)]!;
  const year = 2015 + Math.floor(r() * 11);
  const publishedAt = new Date(Date.UTC(year, Math.floor(r() * 12), 1 + Math.floor(r() * 28), Math.floor(r() * 24))).toISOString();
  const quotes: GeneratedQuote[] = [];
  const quoteCount = 3 + Math.floor(r() * 5);
  const used = new Set<number>();
  for (let k = 0; k < quoteCount && used.size < sentences.length; k++) {
    let si = Math.floor(r() * sentences.length);
    while (used.has(si)) si = (si + 1) % sentences.length;
    used.add(si);
    const s = sentences[si]!;
    quotes.push({
      id: benchId(),
      text: s.text,
      start: s.start,
      end: s.start + s.text.length,
      // Popular speakers are quoted far more often (Zipf over the speaker list).
      speakerIndex: Math.min(speakers.length - 1, Math.floor(Math.pow(r(), 2.2) * speakers.length)),
      stance: r() < 0.3 ? { topicIndex: Math.floor(r() * TOPICS.length), value: STANCES[Math.floor(r() * 4)]! } : null,
    });
  }
  const tags = TAGS.filter(() => r() < 0.06);
  return {
    id: benchId(Date.parse(publishedAt)),
    title,
    text,
    authors: [`${FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(r() * LAST_NAMES.length)]}`],
    siteName,
    url: `https://www.${host}/${year}/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${index}`,
    publishedAt,
    wordCount: words,
    contentHash: contentHashOf(text),
    tags,
    quotes,
    stance: r() < 0.1 ? { topicIndex: Math.floor(r() * TOPICS.length), value: STANCES[Math.floor(r() * 4)]! } : null,
  };
}
