/**
 * The people and organisations an article mentions, in reading order, so that a surname, a title,
 * a pronoun or a description ("the company", "the mayor") at a quote can be resolved to the full
 * name introduced earlier.
 */
import { FIRST_NAME_GENDER, GOVERNMENT_NOUNS, ORG_NOUNS, ORG_WORDS, PLACE_NAMES, genderOfNoun, isEpithetHead } from './lexicon';

const DEMONYM_RE = /^(american|briton|brazilian|argentine|argentinian|australian|canadian|chinese|dutchman|dutchwoman|englishman|englishwoman|frenchman|frenchwoman|german|irishman|irishwoman|italian|japanese|kenyan|mexican|nigerian|portuguese|russian|scot|spaniard|swede|swiss|ukrainian|welshman|welshwoman|new zealander|south african|korean|indian|pakistani|egyptian|moroccan|ghanaian|senegalese|colombian|uruguayan|chilean|croatian|serbian|pole|norwegian|dane|finn|belgian|austrian|greek|turk|israeli|iranian)$/;

export type Gender = 'm' | 'f';
export type EntityKind = 'person' | 'org' | 'group' | 'unknown';

export interface Entity {
  id: number;
  /** What the speaker field shows: a full name, an organisation, or a description ("grain trader"). */
  display: string;
  nameTokens: string[];
  kind: EntityKind;
  /** Evidence that this is a person (titles, first names, human appositions, speech). */
  personScore: number;
  votes: { m: number; f: number };
  /** Roles seen with the entity, lower-case ("mayor", "white house spokesperson"). */
  roles: string[];
  /** Head noun for descriptions ("spokesperson", "nurse"). */
  head: string | null;
  isDescription: boolean;
}

export interface Mention {
  pos: number;
  entity: Entity;
  isSubject: boolean;
  sentence: number;
}

export type PronounClass = 'm' | 'f' | 'x' | 'n';

const GENERIC_ORG_HEADS = new Set(`national federal state international united american british european royal new
  general first global world central city county north south east west northern southern eastern western
  the university department ministry office`.trim().split(/\s+/));

export const normKey = (s: string): string =>
  s.normalize('NFC').toLowerCase().replace(/[’‘`´]/g, "'").replace(/[‐‑–]/g, '-').replace(/\s+/g, ' ').trim();

const CJK_RE = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;
const POSSESSIVE_RE = /['’]s$/u;

export function stripPossessive(word: string): string {
  return word.replace(POSSESSIVE_RE, '').replace(/['’]$/u, '');
}

export function firstNameGender(token: string | undefined): Gender | null {
  if (!token) return null;
  const key = normKey(token);
  const direct = FIRST_NAME_GENDER.get(key);
  if (direct) return direct;
  const part = key.split('-')[0];
  return part ? (FIRST_NAME_GENDER.get(part) ?? null) : null;
}

export function looksLikeOrg(tokens: string[]): boolean {
  // "Jill Park", "Tom Hall": a known first name wins over a surname that is also a place word.
  if (tokens.length >= 2 && tokens.length <= 3 && firstNameGender(tokens[0]) && !ORG_WORDS.has(tokens[0]!)) return false;
  if (tokens.some((t) => ORG_WORDS.has(t) || ORG_WORDS.has(stripPossessive(t)))) return true;
  return PLACE_NAMES.has(normKey(tokens.join(' ')));
}

export class EntityIndex {
  readonly entities: Entity[] = [];
  /** Mentions ordered by position (kept sorted; appends are the common case). */
  readonly mentions: Mention[] = [];
  private readonly byFull = new Map<string, Entity>();
  private readonly bySurname = new Map<string, Entity[]>();
  private readonly byFirst = new Map<string, Entity[]>();
  private readonly byAlias = new Map<string, Entity>();
  /** "Brightway" for "Brightway Motors": the first distinctive word of an organisation's name. */
  private readonly byOrgHead = new Map<string, Entity>();

  /**
   * Seeds from the caller (speakers the library knows, possibly thousands): they match only by full
   * name or by one of their aliases, never by a bare surname, so an unrelated "Smith" in the library
   * cannot capture this article's Smith.
   */
  addKnown(name: string, aliases: string[], kind: 'person' | 'org' = 'person'): void {
    const tokens = name.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return;
    const key = normKey(tokens.join(' '));
    if (this.byAlias.has(key)) return;
    // An organisation in the library (an outlet accepted as a cited source) must stay one here:
    // seeded as a person, it would take "she said" from the woman quoted next to it.
    const entity: Entity = {
      id: this.entities.length,
      display: tokens.join(' '),
      nameTokens: tokens,
      kind,
      personScore: kind === 'person' ? 5 : 0,
      votes: { m: 0, f: 0 },
      roles: [],
      head: null,
      isDescription: false,
    };
    this.entities.push(entity);
    this.byAlias.set(key, entity);
    for (const alias of aliases) if (alias.trim()) this.byAlias.set(normKey(alias), entity);
  }

  register(nameTokens: string[], kind: EntityKind): Entity {
    const display = nameTokens.join(' ');
    const key = normKey(display);
    const existing = this.byFull.get(key) ?? this.byAlias.get(key);
    if (existing) {
      if (existing.kind === 'unknown' && kind !== 'unknown') existing.kind = kind;
      // A known speaker named in full in this article: from now on its surname resolves to it too.
      if (!this.byFull.has(normKey(existing.nameTokens.join(' ')))) this.index(existing);
      return existing;
    }
    // "Tomás Aguirre" after "Aguirre" was seen alone: upgrade the single-token entity.
    if (nameTokens.length >= 2 && kind !== 'org') {
      const last = normKey(nameTokens[nameTokens.length - 1]!);
      const single = this.byFull.get(last);
      if (single && single.nameTokens.length === 1 && single.kind !== 'org') {
        this.byFull.delete(last);
        single.display = display;
        single.nameTokens = nameTokens;
        single.kind = kind === 'unknown' ? single.kind : kind;
        this.index(single);
        return single;
      }
    }
    const entity: Entity = {
      id: this.entities.length,
      display,
      nameTokens,
      kind,
      personScore: 0,
      votes: { m: 0, f: 0 },
      roles: [],
      head: null,
      isDescription: false,
    };
    this.entities.push(entity);
    this.index(entity);
    if (kind === 'person') {
      const g = firstNameGender(nameTokens[0]);
      if (g && nameTokens.length >= 2) entity.personScore += 2;
    }
    return entity;
  }

  private index(entity: Entity): void {
    const tokens = entity.nameTokens;
    this.byFull.set(normKey(tokens.join(' ')), entity);
    if (entity.kind === 'org' && tokens.length >= 2) {
      const head = tokens[0]!;
      if (/^\p{Lu}/u.test(head) && !ORG_WORDS.has(head) && !GENERIC_ORG_HEADS.has(head.toLowerCase()) && !this.byOrgHead.has(normKey(head))) {
        this.byOrgHead.set(normKey(head), entity);
      }
    }
    if (tokens.length >= 2 && entity.kind !== 'org') {
      const push = (map: Map<string, Entity[]>, k: string) => {
        const list = map.get(k) ?? [];
        if (!list.includes(entity)) list.push(entity);
        map.set(k, list);
      };
      push(this.bySurname, normKey(tokens[tokens.length - 1]!));
      // "von der Leyen", "de la Cruz": the particles belong to the surname.
      for (let i = 1; i < tokens.length - 1; i++) {
        if (/^\p{Ll}/u.test(tokens[i]!)) {
          push(this.bySurname, normKey(tokens.slice(i).join(' ')));
          break;
        }
      }
      push(this.byFirst, normKey(tokens[0]!));
    }
    if (tokens.length === 1 && CJK_RE.test(tokens[0]!) && tokens[0]!.length >= 3) {
      // Japanese and Chinese names: the first two characters are usually the family name.
      const list = this.bySurname.get(tokens[0]!.slice(0, 2)) ?? [];
      list.push(entity);
      this.bySurname.set(tokens[0]!.slice(0, 2), list);
    }
  }

  /** A name as written at `pos` ("Bresnick", "Samuel Bresnick", "Nvidia") to an entity. */
  resolveName(nameTokens: string[], pos: number, kindHint: EntityKind, gender: Gender | null = null): Entity {
    const key = normKey(nameTokens.join(' '));
    const alias = this.byAlias.get(key);
    // A bare surname first means someone this article introduced; a library alias comes next.
    const introduced = nameTokens.length === 1 ? this.pickRecent(this.bySurname.get(key), pos, gender) : undefined;
    if (introduced && introduced !== alias && this.firstMention(introduced) >= 0) return introduced;
    if (alias) {
      if (nameTokens.length >= 2 && !this.byFull.has(normKey(alias.nameTokens.join(' ')))) this.index(alias);
      return alias;
    }
    const full = this.byFull.get(key);
    if (full && (nameTokens.length >= 2 || full.nameTokens.length === 1 || full.kind === 'org')) {
      if (!(nameTokens.length === 1 && this.bySurname.has(key))) return full;
    }
    if (nameTokens.length === 1 || (nameTokens.length >= 2 && /^\p{Ll}/u.test(nameTokens[0]!))) {
      const bySurname = this.pickRecent(this.bySurname.get(key), pos, gender);
      if (bySurname) return bySurname;
      if (nameTokens.length === 1 && CJK_RE.test(key)) {
        const prefix = this.pickRecent(this.bySurname.get(key.slice(0, 2)), pos);
        if (prefix) return prefix;
      }
      const byFirst = this.pickRecent(this.byFirst.get(key), pos);
      if (byFirst && byFirst.kind === 'person') return byFirst;
      if (full) return full;
      const orgHead = nameTokens.length === 1 ? this.byOrgHead.get(key) : undefined;
      if (orgHead) return orgHead;
    }
    return this.register(nameTokens, kindHint);
  }

  /** Looks a name up without registering it. */
  lookup(nameTokens: string[], pos: number): Entity | null {
    const key = normKey(nameTokens.join(' '));
    return (
      this.byAlias.get(key) ??
      this.byFull.get(key) ??
      (nameTokens.length === 1 ? (this.pickRecent(this.bySurname.get(key), pos) ?? null) : null)
    );
  }

  /**
   * Several people share the surname ("Arthur Penhaligon" and his daughter "Morwenna Penhaligon"):
   * newsroom style gives relatives their full or first name and keeps the bare surname for the
   * person the story introduced first, so the earliest-introduced candidate wins. A gendered
   * honorific ("Ms. Penhaligon") narrows the choice first.
   */
  private pickRecent(candidates: Entity[] | undefined, pos: number, gender: Gender | null = null): Entity | undefined {
    if (!candidates || candidates.length === 0) return undefined;
    let pool = candidates;
    if (gender) {
      const same = pool.filter((c) => this.gender(c) === gender);
      if (same.length > 0) pool = same;
    }
    if (pool.length === 1) return pool[0];
    let best: Entity | undefined;
    let bestPos = Number.MAX_SAFE_INTEGER;
    for (const c of pool) {
      const first = this.firstMention(c);
      if (first >= 0 && first <= pos && first < bestPos) {
        bestPos = first;
        best = c;
      }
    }
    return best ?? pool[0];
  }

  private firstMention(entity: Entity): number {
    for (const m of this.mentions) if (m.entity === entity) return m.pos;
    return -1;
  }

  describe(words: string[], head: string, kind: EntityKind): Entity {
    const entity: Entity = {
      id: this.entities.length,
      display: words.join(' '),
      nameTokens: [],
      kind,
      personScore: kind === 'person' ? 2 : 0,
      votes: { m: 0, f: 0 },
      roles: [],
      head: head.toLowerCase(),
      isDescription: true,
    };
    const g = genderOfNoun(head);
    if (g) entity.votes[g] += 2;
    this.entities.push(entity);
    return entity;
  }

  mention(entity: Entity, pos: number, isSubject: boolean, sentence: number): void {
    const m: Mention = { pos, entity, isSubject, sentence };
    const list = this.mentions;
    if (list.length === 0 || list[list.length - 1]!.pos <= pos) {
      list.push(m);
      return;
    }
    // Out of order (an attribution before a sentence already walked): insert after equal positions.
    list.splice(this.firstIndexAfter(pos), 0, m);
  }

  /** Index of the first mention with position > pos. */
  private firstIndexAfter(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid]!.pos <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Mentions strictly before `pos`, most recent first, at most `limit` of them. */
  *before(pos: number, limit = 400): Generator<Mention> {
    let i = this.firstIndexAfter(pos - 1) - 1;
    for (let n = 0; i >= 0 && n < limit; i--, n++) yield this.mentions[i]!;
  }

  /** Mentions in [from, to), in order. */
  between(from: number, to: number): Mention[] {
    const out: Mention[] = [];
    for (let i = this.firstIndexAfter(from - 1); i < this.mentions.length && this.mentions[i]!.pos < to; i++) out.push(this.mentions[i]!);
    return out;
  }

  addRole(entity: Entity, role: string | null | undefined): void {
    if (!role) return;
    const r = normKey(role);
    if (r && !entity.roles.includes(r)) entity.roles.push(r);
  }

  gender(entity: Entity): Gender | null {
    if (entity.votes.m > entity.votes.f) return 'm';
    if (entity.votes.f > entity.votes.m) return 'f';
    return entity.kind === 'person' ? firstNameGender(entity.nameTokens[0]) : null;
  }

  isPersonLike(entity: Entity): boolean {
    if (entity.kind === 'org') return false;
    if (entity.kind === 'person' || entity.kind === 'group') return entity.personScore >= 2 || entity.isDescription || this.gender(entity) !== null;
    return entity.personScore >= 2 || entity.votes.m + entity.votes.f > 0;
  }

  /**
   * Personal pronouns (he, she, they) stand for people — one person or a group of them — never for
   * an organisation: "Reuters" named beside a quotation must not take "she said". An organisation
   * is "it".
   */
  compatible(entity: Entity, cls: PronounClass): boolean {
    if (cls === 'n') return entity.kind === 'org' || (entity.kind === 'unknown' && !this.isPersonLike(entity));
    if (cls === 'x') return entity.kind === 'group' || this.isPersonLike(entity);
    if (!this.isPersonLike(entity) || entity.kind === 'group') return false;
    const g = this.gender(entity);
    return g === null || g === cls;
  }

  /** he/she/they/it at `pos`: same sentence first, then the last compatible subject, then any mention. */
  resolvePronoun(cls: PronounClass, pos: number, sentence: number): Entity | null {
    const before = [...this.before(pos, 80)];
    const pick = (pred: (m: Mention) => boolean) => before.find((m) => pred(m) && this.compatible(m.entity, cls))?.entity ?? null;
    const chosen =
      pick((m) => m.sentence === sentence) ??
      pick((m) => m.isSubject && sentence - m.sentence <= 6) ??
      pick((m) => sentence - m.sentence <= 6) ??
      pick((m) => m.isSubject) ??
      pick(() => true);
    if (chosen && (cls === 'm' || cls === 'f') && this.gender(chosen) === null) chosen.votes[cls] += 1;
    return chosen;
  }

  /**
   * "Carver’s manager" to the named person whose role has all those words ("Carver manager Dennis
   * Hale"), even when the name comes later in the article. Null unless exactly one person fits.
   */
  findByRoleWords(words: string[]): Entity | null {
    const wanted = words.map((w) => normKey(stripPossessive(w))).filter(Boolean);
    if (wanted.length < 2) return null;
    const fits = this.entities.filter(
      (e) => !e.isDescription && e.kind !== 'org' && e.nameTokens.length >= 2 && e.roles.some((r) => wanted.every((w) => r.split(/[\s-]+/).includes(w))),
    );
    return fits.length === 1 ? fits[0]! : null;
  }

  /** "the mayor", "the company", "the Frenchwoman", "the aide" to an earlier entity, or null. */
  resolveDefinite(words: string[], pos: number): Entity | null {
    const head = normKey(stripPossessive(words[words.length - 1] ?? ''));
    if (!head) return null;
    const phrase = normKey(words.join(' '));
    const recent: Entity[] = [];
    const seen = new Set<Entity>();
    for (const m of this.before(pos, 600)) {
      if (seen.has(m.entity)) continue;
      seen.add(m.entity);
      recent.push(m.entity);
    }
    const roleMatch = (e: Entity) =>
      e.roles.some((r) => {
        const roleWords = r.split(/[\s-]+/);
        return r === phrase || roleWords.includes(head) || (phrase.includes(' ') && r.endsWith(phrase));
      });
    const byRole = recent.find((e) => e.kind !== 'org' && !e.isDescription && roleMatch(e));
    if (byRole) return byRole;
    const byHead = recent.find((e) => e.isDescription && e.head === head);
    if (byHead) return byHead;
    if (ORG_NOUNS.has(head)) {
      const capHead = head.charAt(0).toUpperCase() + head.slice(1);
      const named = recent.find((e) => e.kind === 'org' && (e.nameTokens.includes(capHead) || roleMatch(e)));
      if (named) return named;
      if (head === 'statement' || head === 'memo' || head === 'letter' || head === 'report' || head === 'filing') {
        return recent.find((e) => e.kind === 'org' || (e.kind === 'unknown' && !this.isPersonLike(e))) ?? null;
      }
      if (GOVERNMENT_NOUNS.has(head)) return null;
      return recent.find((e) => (e.kind === 'org' || (e.kind === 'unknown' && !this.isPersonLike(e))) && !e.nameTokens.some((t) => GOVERNMENT_NOUNS.has(t.toLowerCase()))) ?? null;
    }
    // "the Frenchwoman", "the 24-year-old", "the former defender": the person the story is about just now.
    const g = genderOfNoun(head);
    if (g || isEpithetHead(head) || DEMONYM_RE.test(head)) {
      for (const m of this.before(pos, 200)) {
        if (m.isSubject && !m.entity.isDescription && m.entity.kind !== 'org' && this.compatible(m.entity, g ?? 'x')) return m.entity;
      }
    }
    return null;
  }
}
