/**
 * Who said it: noun phrases and cue verbs around a quotation, read from tokens.
 *
 * The parser knows a handful of English shapes (and their German and French cousins):
 *   "…," Smith said / said Smith / Smith, a fellow at X, said / according to Smith
 *   Smith said: "…" / Smith said the plan was "…" / …, saying "…"
 *   a White House spokesperson, Marcus Delaney, said / a spokesperson for the ministry said
 *   Lumora co-founder and chief executive Ava Lindgren said / said Dr. Lena Hofstetter, a glaciologist
 * It returns a noun phrase (a name, a pronoun or a description) and the role from an apposition;
 * turning that into a person is the entity index's job.
 */
import { ORG_WORDS } from './lexicon';
import {
  ACCORDING_TO_HEADS, ADVERBS, AUXILIARIES, BOUNDARY_WORDS, CAP_STOPWORDS, CUE_VERBS, DETERMINERS, HUMAN_NOUNS,
  FRENCH_CUES, GERMAN_CUES, GROUP_NOUNS, HONORIFICS, LABEL_VERBS, NAME_PARTICLES, NAME_SUFFIXES,
  OBJECT_CUES, ORG_NOUNS, ROLE_MODIFIERS, ROLE_WORDS, SPOKES_NOUNS, SUBJECT_PRONOUNS, isParticipleCue,
} from './lexicon';
import { firstNameGender } from './entities';
import type { Token } from './tokens';

export interface NounPhrase {
  kind: 'name' | 'pronoun' | 'description';
  /** Inclusive token indices in the array the phrase was parsed from. */
  startTok: number;
  endTok: number;
  /** Name tokens without honorific or role ("Lena", "Hofstetter"). */
  name: string[];
  honorific: string | null;
  /** Description words after the determiner ("senior", "Senate", "aide"). */
  words: string[];
  determiner: string | null;
  /** The organisation a spokesperson speaks for. */
  speaksFor: string[] | null;
  /** The owner in "Governor Lisa Varner’s spokeswoman" (a name phrase), if any. */
  possessor: NounPhrase | null;
  role: string | null;
  pronoun: string | null;
  /** An apposition or relative clause shows a person ("…, who", "…, 38,"). */
  isHuman: boolean;
  /** An apposition shows an organisation ("Lumora, the San Francisco start-up,"). */
  isOrg: boolean;
}

export interface Attribution {
  np: NounPhrase;
  /** Offsets of the words that named the speaker (the mention). */
  start: number;
  end: number;
  /** The cue was a labelling verb ("called"): counts only for a single named person. */
  isLabel: boolean;
}

const WHO_WORDS = new Set(['who', 'whom', 'whose', 'qui', 'dont']);
const PASSIVE_AUX = new Set(['been', 'being', 'be', 'was', 'were', 'is', 'are', 'am', 'get', 'got', 'gets', 'wurde', 'wurden', 'été']);
const WHICH_WORDS = new Set(['which', 'that']);
const POSTMODIFIERS = new Set(['familiar', 'close', 'involved', 'briefed', 'responsible', 'speaking', 'based', 'knowledgeable', 'authorized', 'authorised', 'granted', 'requesting']);
const VERBISH = new Set(`is was were are be been has have had will would could should may might can did does do
  declined refused urged backed defended rejected conceded admitted finished lost won got made went came took
  gave saw kept held left ran led voted reached beat scored hopes hoped expects expected plans planned wants
  wanted thinks thought believes believed says said told`.trim().split(/\s+/));
const INTRO_WORDS = new Set(`in on at after before during when while as if although though since because for with
  without under by asked speaking writing despite unlike like once following ahead amid upon later earlier
  meanwhile however still but and so yet also then now today yesterday separately elsewhere overall instead
  nach bei mit laut während trotz dans selon après avant pendant lors pour avec`.trim().split(/\s+/));

const isRoleWord = (t: Token | undefined): boolean => {
  if (!t || !t.isWord) return false;
  if (ROLE_WORDS.has(t.lower) || HONORIFICS.has(t.lower)) return true;
  // German compound roles: Verkehrsplanerin, Fraktionsvorsitzender, Pressesprecher …
  return /^[\p{Lu}][\p{Ll}ßäöü-]{5,}(planer|planerin|sprecher|sprecherin|meister|meisterin|vorsitzende|vorsitzender|leiter|leiterin|direktor|direktorin|präsident|präsidentin|minister|ministerin|kanzler|kanzlerin|trainer|trainerin|chef|chefin|experte|expertin|forscher|forscherin|ökonom|ökonomin|analyst|analystin|professor|professorin)$/u.test(t.text);
};
const isHonorific = (t: Token | undefined): boolean => !!t && HONORIFICS.has(t.lower);

const DEPARTMENTS = new Set(`interior treasury defense defence justice health education energy commerce transportation
  transport homeland labor labour agriculture state veterans housing environment foreign home finance
  economy trade culture science technology immigration security intelligence police army navy`.trim().split(/\s+/));

const DEMONYMS = new Set(`american british english scottish welsh irish french german dutch swiss austrian belgian
  italian spanish portuguese greek turkish russian ukrainian polish czech slovak hungarian romanian bulgarian serbian
  croatian swedish norwegian danish finnish icelandic estonian latvian lithuanian chinese japanese korean vietnamese
  thai indian pakistani bangladeshi afghan iranian iraqi syrian israeli palestinian lebanese egyptian saudi
  emirati qatari moroccan algerian tunisian nigerian kenyan ethiopian ghanaian south african australian canadian
  mexican brazilian argentine argentinian chilean colombian peruvian venezuelan cuban filipino indonesian
  malaysian singaporean european asian african latin`.trim().split(/\s+/));

/** A capitalised word that describes rather than names: "Ukrainian", "Unseeded", "Veteran". */
function isDemonymOrAdjective(t: Token): boolean {
  return DEMONYMS.has(t.lower) || /^(unseeded|seeded|veteran|former|retired|acting|interim|embattled|outgoing|incoming|longtime|long-time|top|star|rookie|defending|reigning)$/.test(t.lower) || (/ed$/.test(t.lower) && t.lower.length > 5 && !firstNameGender(t.text));
}
const isPossessiveCap = (t: Token | undefined): boolean => !!t && t.isCap && /['’]s$/u.test(t.text);
const isNameWord = (t: Token | undefined): boolean => !!t && t.isWord && t.isCap && !/^\p{N}/u.test(t.text);
/** "MARLOW FERRY —", "WASHINGTON": dateline capitals, not a name. Acronyms of two letters ("JD") pass. */
const isShouted = (t: Token): boolean => t.text.length >= 3 && /^[\p{Lu}\p{M}\s'’.-]+$/u.test(t.text) && /\p{Lu}{3}/u.test(t.text);
const lowerWord = (t: Token | undefined): boolean => !!t && t.isWord && !t.isCap;

export function pronounClassOf(word: string): 'm' | 'f' | 'x' | 'n' | null {
  return SUBJECT_PRONOUNS[word.toLowerCase()] ?? null;
}

function blankNp(kind: NounPhrase['kind'], startTok: number, endTok: number): NounPhrase {
  return { kind, startTok, endTok, name: [], honorific: null, words: [], determiner: null, speaksFor: null, possessor: null, role: null, pronoun: null, isHuman: false, isOrg: false };
}

const joinTokens = (toks: Token[], s: number, e: number): string => {
  let out = '';
  for (let i = s; i <= e; i++) {
    const t = toks[i]!;
    if (i > s && t.start > toks[i - 1]!.end) out += ' ';
    out += t.text;
  }
  return out;
};

/** The article's own words for tokens s..e (keeps spacing as written). */
export function tokensText(toks: Token[], s: number, e: number): string {
  return joinTokens(toks, s, e);
}

function stripDeterminer(text: string): string {
  return text.replace(/^(the|a|an|its|his|her|their|our|le|la|les|l’|l'|un|une|der|die|das|ein|eine|sa|son)\s+/i, '').replace(/^(l’|l')/i, '').trim();
}

/**
 * A capitalised run that ends at `end` ("U.S. District Judge Harriet Okonjo", "the Commerce
 * Department", "Lumora co-founder and chief executive Ava Lindgren").
 */
export function nameRunBackward(toks: Token[], end: number, lower: number, allowPossessive = false): NounPhrase | null {
  let e = end;
  while (e >= lower && NAME_SUFFIXES.has(toks[e]!.lower) && e > lower) e--;
  if (!isNameWord(toks[e])) return null;
  let i = e;
  let hasOrgJoin = false;
  while (i - 1 >= lower) {
    const t = toks[i - 1]!;
    if (isNameWord(t)) {
      i--;
      continue;
    }
    if (t.isWord && NAME_PARTICLES.has(t.lower) && isNameWord(toks[i - 2]) && i - 2 >= lower) {
      i--;
      continue;
    }
    // "Reserve Bank of Norland", "Department for Transport", "Secretary of the Interior"
    if (t.isWord && (t.lower === 'of' || t.lower === 'for' || t.lower === 'and') && isNameWord(toks[i - 2]) && i - 2 >= lower) {
      hasOrgJoin = true;
      i--;
      continue;
    }
    if (t.isWord && t.lower === 'the' && /^(of|for)$/.test(toks[i - 2]?.lower ?? '') && isNameWord(toks[i - 3]) && i - 3 >= lower) {
      hasOrgJoin = true;
      i -= 2;
      continue;
    }
    break;
  }
  let s = i;
  // Sentence openers and time words are not part of a name.
  while (s < e && CAP_STOPWORDS.has(toks[s]!.lower) && !isRoleWord(toks[s])) s++;
  if (s === e && CAP_STOPWORDS.has(toks[s]!.lower)) return null;
  while (s < e && !isNameWord(toks[s])) s++;
  // A possessive ends the run ("Moreno’s campaign") — the possessor is not the subject.
  if (/['’]s$/u.test(toks[e]!.text) && e === end && !allowPossessive) return null;
  // "Unseeded Ukrainian Daria Kovalenko": capitalised adjectives before a name describe it.
  let described = s;
  if (e - s >= 2) {
    let f = s;
    while (f < e - 1 && isDemonymOrAdjective(toks[f]!)) f++;
    if (f > s && !toks.slice(s, f).some((t) => isRoleWord(t))) described = f;
  }
  const runTokens = toks.slice(s, e + 1);
  // "MARLOW FERRY —": a run of capitals is a dateline; a single acronym ("AOC", "NASA") may speak.
  if (runTokens.length >= 2 && runTokens.filter((t) => isShouted(t)).length >= 2) return null;
  // The name follows the last role or honorific in the run.
  let r = -1;
  for (let k = runTokens.length - 1; k >= 0; k--) {
    if (isRoleWord(runTokens[k])) {
      r = k;
      break;
    }
  }
  if (described > s && r < described - s) r = described - s - 1;
  // "Secretary of the Interior Alan Whitford", "Treasury Secretary …": when three or more words follow
  // the title, the name starts at a known first name, or after an organisation or department word.
  if (runTokens.length - (r + 1) >= 3) {
    const after = runTokens.slice(r + 1);
    const firstKnown = after.findIndex((t, k) => k > 0 && firstNameGender(t.text) && !firstNameGender(after[k - 1]!.text));
    let cut = firstKnown > 0 && after.length - firstKnown >= 2 ? firstKnown : -1;
    // Without a title before it, "Reserve Bank of Norland" is an organisation, not a titled name.
    if (cut < 0 && r >= 0) {
      let k = 0;
      while (k < after.length - 2 && (ORG_WORDS.has(after[k]!.text) || DEPARTMENTS.has(after[k]!.lower) || /^(of|for|the|and)$/.test(after[k]!.lower))) k++;
      if (k > 0) cut = k;
    }
    if (cut > 0) r = r + cut;
  }
  const np = blankNp('name', s, end);
  if (r === runTokens.length - 1) {
    // Only a title ("the Prime Minister", "The Governor"): a description to resolve by role.
    np.kind = 'description';
    np.words = runTokens.map((t) => t.text);
    np.determiner = 'the';
    np.role = runTokens.map((t) => t.text).join(' ');
    return np;
  }
  if (r === 0 && runTokens.length === 2 && !isHonorific(runTokens[0]) && /^(dean|king|major|chancellor|justice|guard|star|head)$/.test(runTokens[0]!.lower)) r = -1;
  const nameToks = runTokens.slice(r + 1).filter((t) => !isHonorific(t));
  if (nameToks.length > 0 && !nameToks[0]!.isCap) return null;
  const roleToks = runTokens.slice(0, r + 1).filter((t) => !isHonorific(t));
  const honor = runTokens.slice(0, r + 1).find((t) => isHonorific(t));
  np.honorific = honor ? honor.text : null;
  // Only a final possessive belongs to the sentence ("Marguerite Ellison’s novel"); an inner one is
  // part of the name ("Korvenia’s Foreign Ministry").
  np.name = nameToks.map((t, k) => (k === nameToks.length - 1 ? t.text.replace(/['’]s$/u, '') : t.text));
  if (np.name.length === 0) return null;
  if (roleToks.length > 0) np.role = roleToks.map((t) => t.text).join(' ');
  // Lower-case role words before the name: "Harbor City manager Ellen Marsh", "union leader Adrian Kovac".
  if (!hasOrgJoin && s - 1 >= lower && lowerWord(toks[s - 1]) && (ROLE_WORDS.has(toks[s - 1]!.lower))) {
    let j = s - 1;
    let count = 0;
    while (j - 1 >= lower && count < 5) {
      const t = toks[j - 1]!;
      if (lowerWord(t) && !DETERMINERS.has(t.lower) && !CUE_VERBS.has(t.lower) && !ADVERBS.has(t.lower) && !VERBISH.has(t.lower) && (!BOUNDARY_WORDS.has(t.lower) || t.lower === 'and') && (ROLE_WORDS.has(t.lower) || ROLE_MODIFIERS.has(t.lower) || /-|(al|ic|ive|ary|ant|ent)$/.test(t.lower))) {
        j--;
        count++;
        continue;
      }
      break;
    }
    while (j - 1 >= lower && (isNameWord(toks[j - 1]) || isPossessiveCap(toks[j - 1])) && !CAP_STOPWORDS.has(toks[j - 1]!.lower)) j--;
    if (toks[j]!.lower === 'and') j++;
    np.role = joinTokens(toks, j, s - 1) + (np.role ? ` ${np.role}` : '');
    np.startTok = j;
  } else {
    np.startTok = s;
  }
  // "the Frenchwoman", "the Briton": a single capitalised noun after an article is a description.
  if (np.name.length === 1 && !np.role && !np.honorific && s - 1 >= lower && /^(the|a|an)$/.test(toks[s - 1]!.lower)) {
    const d = blankNp('description', s - 1, end);
    d.words = [np.name[0]!];
    d.determiner = toks[s - 1]!.lower;
    return d;
  }
  return np;
}

/** "the company", "a spokesperson for the agriculture ministry", "one grain trader in Geneva", "officials". */
export function descriptionForward(toks: Token[], i: number, to: number): NounPhrase | null {
  const first = toks[i];
  if (!first || !first.isWord) return null;
  let j = i;
  let determiner: string | null = null;
  if (DETERMINERS.has(first.lower) || isPossessiveCap(first) || /^l['’]/.test(first.lower)) {
    determiner = first.lower;
    j = i + 1;
    if (/^l['’]./.test(first.lower)) j = i; // French "l’opposition": the article is fused to the noun
  } else if (GROUP_NOUNS.has(first.lower) && !first.isCap) {
    const np = blankNp('description', i, i);
    np.words = [first.text];
    return np;
  } else if (!(lowerWord(first) && (ROLE_WORDS.has(first.lower) || ROLE_MODIFIERS.has(first.lower)))) {
    return null;
  }
  const words: string[] = [];
  let endTok = j - 1;
  let speaksFor: string[] | null = null;
  while (j < to) {
    const u = toks[j]!;
    if (!u.isWord) break;
    const last = words[words.length - 1]?.toLowerCase();
    if ((u.lower === 'for' || u.lower === 'of' || u.lower === 'at') && last && (SPOKES_NOUNS.has(last) || ROLE_WORDS.has(last))) {
      let k = j + 1;
      if (toks[k] && (DETERMINERS.has(toks[k]!.lower))) k++;
      const orgStart = k;
      while (k < to && toks[k]!.isWord && (!BOUNDARY_WORDS.has(toks[k]!.lower) || ((toks[k]!.lower === 'of' || toks[k]!.lower === 'for' || toks[k]!.lower === 'and') && isNameWord(toks[k + 1]))) && !CUE_VERBS.has(toks[k]!.lower) && !VERBISH.has(toks[k]!.lower)) k++;
      if (k > orgStart && SPOKES_NOUNS.has(last)) {
        speaksFor = toks.slice(orgStart, k).map((t) => t.text);
        endTok = k - 1;
      }
      break;
    }
    if (BOUNDARY_WORDS.has(u.lower) || POSTMODIFIERS.has(u.lower) || WHO_WORDS.has(u.lower)) break;
    if ((CUE_VERBS.has(u.lower) || LABEL_VERBS.has(u.lower) || VERBISH.has(u.lower) || GERMAN_CUES.has(u.lower) || FRENCH_CUES.has(u.lower)) && !u.isCap && words.length > 0) break;
    if (AUXILIARIES.has(u.lower) && words.length > 0) break;
    if (words.length > 0 && !u.isCap && /ed$/.test(u.lower) && !ROLE_WORDS.has(u.lower)) break;
    if (words.length >= 6) break;
    words.push(u.text);
    endTok = j;
    j++;
  }
  if (words.length === 0) return null;
  const np = blankNp('description', i, endTok);
  np.words = words;
  np.determiner = determiner;
  np.speaksFor = speaksFor;
  return np;
}

/** A noun phrase that starts at token i. */
export function npForward(toks: Token[], i: number, to: number): NounPhrase | null {
  const t = toks[i];
  if (!t || !t.isWord) return null;
  if (pronounClassOf(t.lower) && !(t.isCap && t.lower === 'it')) {
    const np = blankNp('pronoun', i, i);
    np.pronoun = t.lower;
    return np;
  }
  if (/^(the|die|der|das|le|la|les)$/.test(t.lower) && isNameWord(toks[i + 1])) {
    const run = nameRunForward(toks, i + 1, to);
    if (run) return run;
  }
  if (DETERMINERS.has(t.lower) || isPossessiveCap(t) || (GROUP_NOUNS.has(t.lower) && !t.isCap)) return descriptionForward(toks, i, to);
  if (t.isCap || (lowerWord(t) && (ROLE_WORDS.has(t.lower) || ROLE_MODIFIERS.has(t.lower)))) {
    const run = nameRunForward(toks, i, to);
    if (run) return run;
    if (lowerWord(t)) return descriptionForward(toks, i, to);
  }
  return null;
}

function nameRunForward(toks: Token[], i: number, to: number): NounPhrase | null {
  let j = i;
  let lastCap = -1;
  while (j < to) {
    const u = toks[j]!;
    if (isNameWord(u) || (u.isWord && NAME_SUFFIXES.has(u.lower) && lastCap >= 0)) {
      lastCap = j;
      j++;
      continue;
    }
    if (u.isWord && !u.isCap && (NAME_PARTICLES.has(u.lower) || u.lower === 'of' || u.lower === 'for' || u.lower === 'and') && lastCap >= 0 && isNameWord(toks[j + 1]) && u.lower !== 'and') {
      j++;
      continue;
    }
    // "Secretary of the Interior Alan Whitford"
    if ((u.lower === 'of' || u.lower === 'for') && lastCap >= 0 && toks[j + 1]?.lower === 'the' && isNameWord(toks[j + 2])) {
      j += 2;
      continue;
    }
    if (lowerWord(u) && lastCap < 0 && (ROLE_WORDS.has(u.lower) || ROLE_MODIFIERS.has(u.lower)) && !DETERMINERS.has(u.lower)) {
      j++;
      continue;
    }
    if (lowerWord(u) && lastCap >= 0 && (ROLE_WORDS.has(u.lower) || ROLE_MODIFIERS.has(u.lower)) && u.lower !== 'and' && u.lower !== 'of' && u.lower !== 'the' && u.lower !== 'de') {
      // "Comets coach Marisol Vega": a role word between an organisation and the name.
      let k = j;
      while (k < to && lowerWord(toks[k]) && (ROLE_WORDS.has(toks[k]!.lower) || ROLE_MODIFIERS.has(toks[k]!.lower))) k++;
      if (isNameWord(toks[k])) {
        j = k;
        continue;
      }
    }
    break;
  }
  if (lastCap < i) return null;
  if (isPossessiveCap(toks[lastCap])) {
    // "Governor Lisa Varner’s spokeswoman": a description owned by a name.
    const owner = nameRunBackward(toks, lastCap, i, true);
    const d = descriptionForward(toks, lastCap, to);
    if (owner && owner.kind === 'name' && d) {
      d.possessor = owner;
      d.startTok = i;
      return d;
    }
    return null;
  }
  return nameRunBackward(toks, lastCap, i);
}

type SegmentKind = 'name' | 'role' | 'who' | 'age' | 'other';
interface Segment {
  s: number;
  e: number;
  kind: SegmentKind;
  np: NounPhrase | null;
}

/** "(D-N.M.)" after a name: index before the parenthetical that ends at e, or e itself. */
function skipParenBack(toks: Token[], e: number, lower: number): number {
  if (toks[e]?.text !== ')') return e;
  for (let k = e - 1; k >= lower && e - k < 12; k--) if (toks[k]!.text === '(') return k - 1;
  return e;
}

function classifySegment(toks: Token[], s: number, e0: number): Segment {
  const e = skipParenBack(toks, e0, s);
  const seg: Segment = { s, e, kind: 'other', np: null };
  if (s > e) return seg;
  const first = toks[s]!;
  if (WHO_WORDS.has(first.lower) || WHICH_WORDS.has(first.lower)) {
    seg.kind = 'who';
    return seg;
  }
  if (/^(der|die|das)$/.test(first.lower) && e - s >= 2 && lowerWord(toks[e])) {
    seg.kind = 'who'; // German relative clause ends with its verb
    return seg;
  }
  if (/^\p{N}+$/u.test(first.text) && e - s <= 2) {
    seg.kind = 'age';
    return seg;
  }
  if (first.isCap && !DETERMINERS.has(first.lower) && !isPossessiveCap(first)) {
    const run = nameRunBackward(toks, e, s);
    if (run && run.startTok <= s + 1 && run.kind === 'name') {
      seg.kind = 'name';
      seg.np = run;
      return seg;
    }
  }
  if (DETERMINERS.has(first.lower) || isPossessiveCap(first) || /^l['’]/.test(first.lower) || (lowerWord(first) && (ROLE_WORDS.has(first.lower) || ROLE_MODIFIERS.has(first.lower)))) {
    seg.kind = 'role';
    const title = first.lower === 'the' && isNameWord(toks[s + 1]) ? nameRunBackward(toks, e, s + 1) : null;
    seg.np = title && title.startTok <= s + 1 ? title : descriptionForward(toks, s, e + 1);
    return seg;
  }
  if (lowerWord(first) && !VERBISH.has(first.lower) && !CUE_VERBS.has(first.lower) && !BOUNDARY_WORDS.has(first.lower) && e - s <= 8 && /\b(at|of|for|in)\b/.test(joinTokens(toks, s, e))) {
    // French/English role without article: "chef de file de l’opposition", "chief economist at X".
    seg.kind = 'role';
    return seg;
  }
  return seg;
}

const roleText = (toks: Token[], seg: Segment): string => stripDeterminer(joinTokens(toks, seg.s, seg.e));

/** Whether an apposition's head noun names a person ("a research fellow") or an organisation ("the chipmaker"). */
function headKind(np: NounPhrase | null | undefined): 'human' | 'org' | null {
  if (!np || np.words.length === 0) return null;
  const head = np.words[np.words.length - 1]!.toLowerCase().replace(/['’]s$/u, '');
  if (ROLE_WORDS.has(head) || HUMAN_NOUNS.has(head) || GROUP_NOUNS.has(head) || SPOKES_NOUNS.has(head) || /(woman|man|person|er|or|ist|ian|ant|ent)$/.test(head) && !ORG_NOUNS.has(head)) return 'human';
  if (ORG_NOUNS.has(head) || /^(start-up|startup|maker|chipmaker|carmaker|giant|firm|group|company|retailer|manufacturer|operator|broadcaster|publisher|brand|lender|bank|insurer|supplier|developer|conglomerate|utility|network|platform|service|agency|body|organisation|organization|charity|nonprofit|non-profit|club|team|side|outfit|union|party|think tank|tank)$/.test(head)) return 'org';
  return null;
}

/** The subject + appositions that start at token i ("Samuel Bresnick, a research fellow at …,"). */
export function chainForward(toks: Token[], i: number, to: number): NounPhrase | null {
  let np = npForward(toks, i, to);
  if (!np) return null;
  let j = np.endTok + 1;
  if (toks[j]?.text === '(') {
    let k = j + 1;
    while (k < to && k - j < 12 && toks[k]!.text !== ')') k++;
    if (toks[k]?.text === ')') j = k + 1;
  }
  for (let guard = 0; guard < 4 && j < to && toks[j]!.text === ','; guard++) {
    let k = j + 1;
    while (k < to && toks[k]!.text !== ',' && !/^[.;:!?—–]$/.test(toks[k]!.text)) {
      if (toks[k]!.text === '(') {
        let c = k + 1;
        while (c < to && c - k < 12 && toks[c]!.text !== ')') c++;
        k = toks[c]?.text === ')' ? c + 1 : k + 1;
      } else k++;
    }
    const seg = classifySegment(toks, j + 1, k - 1);
    if (seg.kind === 'age' || seg.kind === 'who') {
      if (seg.kind === 'age' || toks[j + 1]!.lower !== 'which') np.isHuman = true;
    } else if (seg.kind === 'role') {
      if (seg.np?.kind === 'name') break;
      np.role = np.role ?? roleText(toks, seg);
      const kind = headKind(seg.np);
      if (kind === 'human') np.isHuman = true;
      if (kind === 'org') np.isOrg = true;
    } else if (seg.kind === 'name' && np.kind === 'description' && seg.np) {
      const role = stripDeterminer(joinTokens(toks, np.startTok, np.endTok));
      seg.np.role = seg.np.role ?? role;
      seg.np.isHuman = true;
      np = seg.np;
    } else {
      break;
    }
    j = k;
  }
  return np;
}

/** Skips adverbs, auxiliaries and "on Tuesday" leftwards from j. */
function skipBackAdverbs(toks: Token[], j: number, lower: number, frenchCue: boolean): number {
  while (j >= lower) {
    const t = toks[j]!;
    if (t.isWord && !t.isCap && ADVERBS.has(t.lower)) {
      j--;
      continue;
    }
    if (frenchCue && AUXILIARIES.has(t.lower)) {
      j--;
      continue;
    }
    if (t.isCap && /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(t.lower) && j - 1 >= lower && /^(on|last|this|late|early)$/.test(toks[j - 1]!.lower)) {
      j -= 2;
      continue;
    }
    break;
  }
  return j;
}

/** The subject of the cue verb at v, read leftwards ("Smith, a fellow at X, said"). */
export function subjectBefore(toks: Token[], v: number, lower: number): NounPhrase | null {
  const frenchCue = FRENCH_CUES.has(toks[v]!.lower) || GERMAN_CUES.has(toks[v]!.lower);
  const j = skipParenBack(toks, skipBackAdverbs(toks, v - 1, lower, frenchCue), lower);
  if (j < lower) return null;
  // Passive voice ("was asked", "have been declared"): the subject is not the speaker.
  if (!frenchCue && /(ed|en|told|said)$/.test(toks[v]!.lower)) {
    for (let k = j + 1; k < v; k++) if (PASSIVE_AUX.has(toks[k]!.lower)) return null;
  }
  if (toks[j]!.text === ',') return chainBackward(toks, j, lower);
  return npBackward(toks, j, lower);
}

function npBackward(toks: Token[], j: number, lower: number): NounPhrase | null {
  const t = toks[j]!;
  if (!t.isWord) return null;
  if (pronounClassOf(t.lower) && !(t.lower === 'it' && t.isCap)) {
    const np = blankNp('pronoun', j, j);
    np.pronoun = t.lower;
    return np;
  }
  if (t.isCap) return nameRunBackward(toks, j, lower);
  // A description ending at j: take the left-most article whose phrase reaches exactly to j.
  for (let k = Math.max(lower, j - 8); k <= j; k++) {
    const u = toks[k]!;
    if (!(DETERMINERS.has(u.lower) || isPossessiveCap(u) || /^l['’]./.test(u.lower))) continue;
    // "… that Carver’s manager called": the possessive, not the relative "that", starts the phrase.
    if (/^(that|this|these|those)$/.test(u.lower) && isPossessiveCap(toks[k + 1])) continue;
    const d = descriptionForward(toks, k, j + 1);
    if (d && d.endTok === j) {
      if (isPossessiveCap(u)) {
        const owner = nameRunBackward(toks, k, lower, true);
        if (owner && owner.kind === 'name') {
          d.possessor = owner;
          d.startTok = owner.startTok;
        }
      }
      return d;
    }
  }
  if (GROUP_NOUNS.has(t.lower)) {
    const np = blankNp('description', j, j);
    np.words = [t.text];
    return np;
  }
  return null;
}

/** "Name, apposition, apposition, <verb>" read leftwards from the comma before the verb. */
function chainBackward(toks: Token[], comma: number, lower: number): NounPhrase | null {
  const segments: Segment[] = [];
  let e = comma - 1;
  for (let guard = 0; guard < 5 && e >= lower; guard++) {
    let k = e;
    while (k >= lower && toks[k]!.text !== ',' && !/^[.;:!?—–]$/.test(toks[k]!.text)) {
      const open = toks[k]!.text === ')' ? skipParenBack(toks, k, lower) : k - 1;
      k = open < k - 1 ? open : k - 1;
    }
    const seg = classifySegment(toks, k + 1, e);
    if (seg.kind === 'other') {
      // An introductory clause may still end with the subject: "Speaking on Tuesday Smith, who …, said".
      const tail = npBackward(toks, e, k + 1);
      if (tail && tail.kind === 'name' && tail.startTok > k + 1) segments.unshift({ s: tail.startTok, e, kind: 'name', np: tail });
      break;
    }
    segments.unshift(seg);
    if (k < lower || toks[k]!.text !== ',') break;
    e = k - 1;
  }
  if (segments.length === 0) return null;
  const nameIdx = segments.findIndex((g) => g.kind === 'name' && g.np);
  let chosen: NounPhrase | null = null;
  let at = -1;
  if (nameIdx >= 0) {
    chosen = segments[nameIdx]!.np;
    at = nameIdx;
  } else {
    const descIdx = segments.findIndex((g) => g.kind === 'role' && g.np);
    if (descIdx >= 0) {
      chosen = segments[descIdx]!.np;
      at = descIdx;
    }
  }
  if (!chosen) return null;
  const after = segments.slice(at + 1).find((g) => g.kind === 'role' && !(g.np?.kind === 'name'));
  const before = at > 0 && segments[at - 1]!.kind === 'role' ? segments[at - 1] : undefined;
  if (chosen.kind === 'name') {
    const appositionRole = after ? roleText(toks, after) : before ? roleText(toks, before) : null;
    chosen.role = appositionRole ?? chosen.role;
  }
  if (segments.slice(at + 1).some((g) => g.kind === 'age' || (g.kind === 'who' && !WHICH_WORDS.has(toks[g.s]!.lower)))) chosen.isHuman = true;
  const kind = headKind((after ?? before)?.np);
  if (kind === 'human') chosen.isHuman = true;
  if (kind === 'org') chosen.isOrg = true;
  return chosen;
}

export interface CueInfo {
  kind: 'finite' | 'participle' | 'object' | 'label' | 'according' | 'inverted-pronoun';
  /** Index of the first token after the cue (after "according to", after "a-t-elle affirmé"). */
  next: number;
  pronoun?: string;
}

/** Is toks[i] a speech cue? */
export function cueAt(toks: Token[], i: number): CueInfo | null {
  const t = toks[i];
  if (!t || !t.isWord) return null;
  const lower = t.lower;
  if (ACCORDING_TO_HEADS.has(lower)) {
    if (lower === 'according') return toks[i + 1]?.lower === 'to' ? { kind: 'according', next: i + 2 } : null;
    return { kind: 'according', next: i + 1 };
  }
  if (/^d['’]après$/.test(lower)) return { kind: 'according', next: i + 1 };
  const inverted = /^(\p{L}+)-(?:t-)?(il|elle|ils|elles|on)$/u.exec(lower);
  if (inverted) {
    const base = inverted[1]!;
    if (base === 'a' && FRENCH_CUES.has(toks[i + 1]?.lower ?? '')) return { kind: 'inverted-pronoun', next: i + 2, pronoun: inverted[2]! };
    if (FRENCH_CUES.has(base)) return { kind: 'inverted-pronoun', next: i + 1, pronoun: inverted[2]! };
    return null;
  }
  if (t.isCap && !GERMAN_CUES.has(lower)) return null;
  if (GERMAN_CUES.has(lower)) return { kind: 'finite', next: i + 1 };
  if (FRENCH_CUES.has(lower)) {
    // French participles need their auxiliary or an inverted subject to be a cue ("a déclaré", "estime X").
    return { kind: 'finite', next: i + 1 };
  }
  // After an English article or possessive it is a noun: "a conference call", "her answer", "the statement".
  const prev = toks[i - 1];
  if (prev && prev.isWord && /^(a|an|the|his|her|its|their|our|my|your|this|that|every|each|no)$/.test(prev.lower) && !(prev.lower === 'her' && OBJECT_CUES.has(lower))) return null;
  if (OBJECT_CUES.has(lower)) return { kind: lower === 'telling' ? 'participle' : 'object', next: i + 1 };
  if (LABEL_VERBS.has(lower)) return { kind: 'label', next: i + 1 };
  if (CUE_VERBS.has(lower)) return { kind: isParticipleCue(lower) ? 'participle' : 'finite', next: i + 1 };
  return null;
}

const attribution = (toks: Token[], np: NounPhrase, isLabel: boolean): Attribution => ({
  np,
  start: toks[np.startTok]!.start,
  end: toks[np.endTok]!.end,
  isLabel,
});

function sentenceSubject(toks: Token[], from: number, to: number): NounPhrase | null {
  let i = from;
  while (i < to && !toks[i]!.isWord) i++;
  // A dateline ("MARLOW FERRY —", "VELLMAR, March 4 (Reuters) -") is not the subject.
  if (toks[i] && isShouted(toks[i]!)) {
    let k = i;
    while (k < to && k - i < 14 && !/^[—–-]$/.test(toks[k]!.text)) k++;
    if (k < to && /^[—–-]$/.test(toks[k]!.text)) i = k + 1;
  }
  const first = toks[i];
  if (!first) return null;
  if (INTRO_WORDS.has(first.lower) || (first.isCap && /(ed|ing)$/.test(first.lower) && !pronounClassOf(first.lower))) {
    const sub = npForward(toks, i, to);
    if (!(sub && sub.kind === 'name' && sub.startTok === i && !INTRO_WORDS.has(first.lower))) {
      let k = i;
      while (k < to && toks[k]!.text !== ',' && k - i < 30) k++;
      if (k >= to || toks[k]!.text !== ',') {
        // "Then Smith said": a one-word opener without a comma.
        return chainForward(toks, i + 1, to);
      }
      i = k + 1;
    }
  }
  return chainForward(toks, i, to);
}

/** Subject of the sentence that starts at `from`, for tracking who the text is about. */
export function sentenceSubjectAt(toks: Token[], from: number, to: number): NounPhrase | null {
  return sentenceSubject(toks, from, to);
}

/**
 * Attribution in the words after a quotation: "…," she said / said Smith / Smith told Reuters /
 * according to Smith / so Brandl / a-t-elle affirmé. `toks` is the window after the closing mark.
 */
export function attributionAfter(toks: Token[], quoteEndsSentence: boolean): Attribution | null {
  let i = 0;
  while (i < toks.length && !toks[i]!.isWord && /^[,—–\-:(]$/.test(toks[i]!.text)) i++;
  if (i >= toks.length) return null;
  const t = toks[i]!;
  const end = sentenceEndIndex(toks, i);
  // "so Brandl" (German): only right after the quote.
  if (t.lower === 'so' && !t.isCap && (isNameWord(toks[i + 1]) || pronounClassOf(toks[i + 1]?.lower ?? ''))) {
    const np = chainForward(toks, i + 1, end);
    if (np) return attribution(toks, np, false);
  }
  let cue = cueAt(toks, i);
  let at = i;
  if (!cue && AUXILIARIES.has(t.lower) && FRENCH_CUES.has(toks[i + 1]?.lower ?? '')) {
    cue = { kind: 'finite', next: i + 2 };
    at = i + 1;
  }
  if (cue && at - i <= 1) {
    if (cue.kind === 'inverted-pronoun') {
      const np = blankNp('pronoun', i, i);
      np.pronoun = cue.pronoun!;
      return { np, start: toks[i]!.start, end: toks[i]!.end, isLabel: false };
    }
    if (cue.kind === 'according' || cue.kind === 'finite' || cue.kind === 'participle') {
      let k = cue.next;
      while (k < end && toks[k]!.isWord && !toks[k]!.isCap && ADVERBS.has(toks[k]!.lower) && !pronounClassOf(toks[k]!.lower)) k++;
      const np = chainForward(toks, k, end);
      if (np && (!quoteEndsSentence || cue.kind !== 'participle')) return attribution(toks, np, false);
    }
  }
  // "<subject> said …": the subject must start right after the quote.
  const limit = Math.min(end, i + 30);
  for (let v = i + 1; v < limit; v++) {
    const c = cueAt(toks, v);
    if (!c || c.kind === 'according' || c.kind === 'participle') continue;
    const np = subjectBefore(toks, v, i);
    if (np && np.startTok <= i + 1) {
      if (quoteEndsSentence && !shortClauseToEnd(toks, v, end)) return null;
      return attribution(toks, np, c.kind === 'label');
    }
    if (c.kind === 'finite' || c.kind === 'object') break;
  }
  return null;
}

/** After a quote that ends with a full stop, accept only a bare "Smith said." clause. */
function shortClauseToEnd(toks: Token[], v: number, end: number): boolean {
  return end - v <= 6;
}

function sentenceEndIndex(toks: Token[], from: number): number {
  for (let k = from; k < toks.length; k++) {
    const t = toks[k]!;
    if (!t.isWord && /^[.!?…。]$/.test(t.text)) return k;
  }
  return toks.length;
}

/**
 * Attribution in the words before a quotation, within its sentence: "Smith said:", "Smith said the
 * plan was", "According to Dahl, she is", "…, saying". The nearest cue to the quote wins.
 */
export function attributionBefore(toks: Token[]): Attribution | null {
  const n = toks.length;
  for (let v = n - 1; v >= 0; v--) {
    const c = cueAt(toks, v);
    if (!c) continue;
    if (c.kind === 'according') {
      const np = chainForward(toks, c.next, n);
      if (np) return attribution(toks, np, false);
      continue;
    }
    if (c.kind === 'inverted-pronoun') {
      const np = blankNp('pronoun', v, v);
      np.pronoun = c.pronoun!;
      return attribution(toks, np, false);
    }
    if (c.kind === 'participle') {
      // "…, saying the alternative was": the subject of the main clause speaks.
      for (let w = v - 1; w >= 0; w--) {
        const c2 = cueAt(toks, w);
        if (c2 && (c2.kind === 'finite' || c2.kind === 'object')) {
          const np = subjectBefore(toks, w, 0);
          if (np) return attribution(toks, np, false);
        }
      }
      const np = sentenceSubject(toks, 0, v);
      if (np) return attribution(toks, np, false);
      continue;
    }
    const np = subjectBefore(toks, v, 0);
    if (np) return attribution(toks, np, c.kind === 'label');
    // "said Smith:" / "sagte Brandl:"
    if (c.kind === 'finite') {
      const inv = chainForward(toks, c.next, n);
      if (inv && inv.endTok >= n - 3) return attribution(toks, inv, false);
    }
    // "…and said: “…”" — the sentence subject speaks (coordinated verbs only, never a passive).
    const j = skipBackAdverbs(toks, v - 1, 0, false);
    if (j >= 0 && /^(and|but|then|und|et|mais)$/.test(toks[j]!.lower)) {
      const subject = sentenceSubject(toks, 0, v);
      if (subject) return attribution(toks, subject, c.kind === 'label');
    }
  }
  return null;
}
