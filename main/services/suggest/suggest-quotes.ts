/**
 * Offline, rule-based suggestions of direct quotations and their speakers.
 *
 * Pipeline: find quoted spans (quote-spans.ts) and interview answers; tokenize the text outside
 * them; register the names the article introduces (entities.ts); then walk the article in order,
 * tracking the subject of every sentence, and attribute each quotation from the words after it
 * ("…," she said) or before it (Smith said: "…"), falling back to the speaker of the quotation
 * just before it. Names, titles, pronouns and descriptions are resolved to the full name
 * introduced earlier. Filters drop titles of works, signs, scare quotes and short unattributed
 * fragments.
 *
 * Choices worth knowing:
 * - A quotation that runs over several paragraphs is ONE suggestion spanning them.
 * - A quotation split by its attribution ("First," she said, "second.") is two suggestions with the
 *   same speaker.
 * - A spokesperson's words are attributed to the organisation they speak for ("a spokesperson for
 *   the ministry" → "agriculture ministry"); anonymous people keep their description ("grain trader").
 * - Unattributed quotations are returned with speaker null only when they read as speech (long, in
 *   the first or second person); `includeUnattributed: false` turns that off.
 * - Single-quoted quotations (‘…’, '…') count only with a cue verb or "according to" beside them,
 *   or continuing one that had it (single-quotes.ts): the same marks are mostly apostrophes.
 * - He, she and they are people (one or a group), never an organisation, even one the library knows.
 */
import type { SuggestedQuote } from '../../../shared/domain/extraction';
import { countWords } from '../../../shared/text/dom-text';
import {
  attributionAfter, attributionBefore, cueAt, nameRunBackward, pronounClassOf, sentenceSubjectAt,
  type Attribution, type NounPhrase,
} from './attribution';
import { EntityIndex, firstNameGender, looksLikeOrg, stripPossessive, type Entity } from './entities';
import {
  BOUNDARY_WORDS, CJK_CUE_AFTER, CJK_TITLE_SUFFIXES, FEMALE_HONORIFICS, GROUP_NOUNS, HUMAN_NOUNS, MALE_HONORIFICS,
  NON_SPEECH_BEFORE, OBJECT_PRONOUN_GENDER, ROLE_WORDS, SPOKES_NOUNS, genderOfNoun,
} from './lexicon';
import { findInterviewAnswers, findQuoteSpans, splitParagraphs, type Paragraph, type QuoteSpan } from './quote-spans';
import { findSingleQuoteSpans } from './single-quotes';
import { sentenceEnds, tokenize, type Token } from './tokens';

export interface KnownSpeaker {
  name: string;
  aliases: string[];
  /** Organisations never take a personal pronoun (default 'person'). */
  kind?: 'person' | 'org';
}

export interface SuggestQuotesOptions {
  /** People already in the library: an alias that matches wins over any guess. */
  knownSpeakers?: KnownSpeaker[];
  /** Return unattributed quotations that read as speech, with speaker null (default true). */
  includeUnattributed?: boolean;
}

interface ParagraphInfo extends Paragraph {
  index: number;
  tokens: Token[];
  /** breakAfter[k]: a sentence ends after token k. */
  endsAfter: Set<number>;
  /** holeAfter[k]: a quotation sits between token k and token k + 1. */
  holeAfter: boolean[];
}

type How = 'after' | 'before' | 'previous-quote' | 'previous-sentence' | 'interview' | 'none';

interface QuoteResult {
  span: QuoteSpan;
  speaker: Entity | null;
  mention: string | null;
  role: string | null;
  how: How;
  /** For 'previous-quote': the quotation whose speaker this one continues. */
  continues?: QuoteResult;
}

const POSSESSIVE_TO_SUBJECT: Record<string, string> = { his: 'he', her: 'she', their: 'they', its: 'it', sein: 'er', seine: 'er', ihre: 'sie' };

const ENDS_SENTENCE_RE = /[.!?…。！？]["'”’»」]*$/u;
const FIRST_OR_SECOND_PERSON_RE = /(^|[^\p{L}])(I|I’m|I'm|I’ve|I've|I’d|I'd|I’ll|I'll|me|my|mine|we|We|we’re|we're|We’re|We're|our|Our|us|you|You|your|Your|ich|wir|Wir|uns|unser|je|Je|nous|Nous|notre|私|僕|我々|私たち)(?=$|[^\p{L}])/u;

export function suggestQuotes(text: string, options: SuggestQuotesOptions = {}): SuggestedQuote[] {
  const includeUnattributed = options.includeUnattributed ?? true;
  const paragraphs = splitParagraphs(text);
  const interview = findInterviewAnswers(text, paragraphs);
  const answers = interview.spans;
  const marked = answers.length === 0 ? findQuoteSpans(text) : findQuoteSpans(text).filter((q) => !answers.some((a) => q.open >= a.start && q.open < a.end));
  const singles = findSingleQuoteSpans(text, paragraphs, [...marked, ...answers]);
  const spans = [...marked, ...singles, ...answers].sort((a, b) => a.open - b.open);
  const insideAnswer = (q: QuoteSpan) => answers.length > 0 && q.family !== 'interview' && answers.some((a) => q.open >= a.start && q.open < a.end);

  const infos = buildParagraphs(text, paragraphs, spans);
  const boundaries = sentenceBoundaries(text, infos, spans);
  const sentenceOf = (pos: number) => upperBound(boundaries, pos);
  const paraStarts = paragraphs.map((p) => p.start);
  const paraIndexOf = (pos: number) => Math.max(0, upperBound(paraStarts, pos) - 1);

  const index = new EntityIndex();
  for (const known of options.knownSpeakers ?? []) index.addKnown(known.name, known.aliases, known.kind);
  const roleLabel = new Map<Entity, string>();
  const noteRole = (e: Entity, role: string | null | undefined) => {
    if (!role) return;
    index.addRole(e, role);
    if (!roleLabel.has(e)) roleLabel.set(e, role);
  };
  registerNames(infos, index, sentenceOf, noteRole);

  const resolve = (np: NounPhrase, toks: Token[], sentence: number, asSpeaker: boolean): Entity | null => {
    const pos = toks[np.startTok]!.start;
    if (np.kind === 'pronoun') {
      const cls = pronounClassOf(np.pronoun!);
      if (!cls) return null;
      let e = index.resolvePronoun(cls, pos, sentence);
      if (!e && np.pronoun === 'sie') e = index.resolvePronoun('x', pos, sentence);
      return e;
    }
    if (np.kind === 'name') {
      const personRole = !!np.honorific || hasHumanRole(np.role);
      const org = !personRole && (looksLikeOrg(np.name) || (np.isOrg && !np.isHuman));
      const human = !!np.honorific || (!!np.role && !np.isOrg) || np.isHuman || (np.name.length >= 2 && !!firstNameGender(np.name[0]));
      let entity: Entity | null;
      const h = np.honorific?.toLowerCase() ?? '';
      const honorificGender = MALE_HONORIFICS.has(h) ? 'm' : FEMALE_HONORIFICS.has(h) ? 'f' : null;
      if (asSpeaker) {
        entity = index.resolveName(np.name, pos, org ? 'org' : human || np.name.length >= 2 ? 'person' : 'unknown', honorificGender);
      } else {
        entity = index.lookup(np.name, pos);
        if (!entity && (np.name.length >= 2 || np.role || np.isHuman)) entity = index.resolveName(np.name, pos, org ? 'org' : 'person');
      }
      if (!entity) return null;
      if (np.honorific) {
        entity.personScore += 3;
        if (MALE_HONORIFICS.has(np.honorific.toLowerCase())) entity.votes.m += 2;
        if (FEMALE_HONORIFICS.has(np.honorific.toLowerCase())) entity.votes.f += 2;
      }
      if (!org && (np.isHuman || (np.role && /[\p{Ll}]/u.test(np.role) && np.role.split(/\s+/).some((w) => ROLE_WORDS.has(w.toLowerCase()))))) entity.personScore += 2;
      if (asSpeaker && !org && np.name.length >= 2) entity.personScore += 2;
      if (np.role) {
        noteRole(entity, np.role);
        const g = genderOfNoun(np.role.split(/\s+/).pop() ?? '');
        if (g) entity.votes[g] += 1;
      }
      return entity;
    }
    // Descriptions.
    const words = np.words.map(stripPossessive);
    const head = (words[words.length - 1] ?? '').toLowerCase();
    if (np.speaksFor && np.speaksFor.length > 0) {
      const orgWords = np.speaksFor.filter((w, i) => !(i === 0 && /^(the|a|an)$/i.test(w)));
      const org = /^\p{Lu}/u.test(orgWords[0] ?? '')
        ? index.resolveName(orgWords, pos, 'org')
        : (index.resolveDefinite(orgWords, pos) ?? spokesEntity(index, orgWords.join(' '), head));
      return spokesEntity(index, org.display, head, org);
    }
    if (SPOKES_NOUNS.has(head) && np.possessor && np.possessor.name.length > 0) {
      // "Governor Lisa Varner’s spokeswoman": the spokeswoman speaks for Lisa Varner.
      const owner = index.resolveName(np.possessor.name, pos, looksLikeOrg(np.possessor.name) ? 'org' : 'person');
      return spokesEntity(index, owner.display, head, owner);
    }
    const capPremod = words.slice(0, -1).filter((w) => /^\p{Lu}/u.test(w));
    if (SPOKES_NOUNS.has(head) && capPremod.length > 0 && np.determiner !== 'the') {
      const org = index.resolveName(capPremod, pos, 'org');
      return spokesEntity(index, org.display, head, org);
    }
    if (np.possessor && (ROLE_WORDS.has(head) || genderOfNoun(head))) {
      const byRole = index.findByRoleWords([...np.possessor.name, ...words]);
      if (byRole) return byRole;
    }
    const det = np.determiner;
    const definite = det !== null && (/^(the|die|der|das|le|la|les|l’|l'|its|his|her|their|sa|son|ses|leur)$/.test(det) || /['’]s$/.test(det));
    if (definite) {
      const found = index.resolveDefinite(words, pos);
      if (found) return found;
      if (!asSpeaker) return null;
    }
    const isHumanHead = ROLE_WORDS.has(head) || HUMAN_NOUNS.has(head) || GROUP_NOUNS.has(head) || SPOKES_NOUNS.has(head) || genderOfNoun(head) !== null || np.isHuman;
    if (!asSpeaker && !isHumanHead) return null;
    const plural = GROUP_NOUNS.has(head) || (/s$/.test(head) && !/ss$/.test(head) && np.determiner !== 'a' && np.determiner !== 'an' && np.determiner !== 'one');
    const e = index.describe(words, head, plural ? 'group' : 'person');
    e.display = words.join(' ');
    return e;
  };

  // Walk the article in order: sentence subjects and quotations.
  interface Event {
    pos: number;
    kind: 'subject' | 'quote';
    para?: ParagraphInfo;
    tok?: number;
    quote?: QuoteSpan;
  }
  const events: Event[] = [];
  const boundarySet = new Set(boundaries);
  for (const p of infos) {
    for (let k = 0; k < p.tokens.length; k++) {
      const startsSentence = k === 0 || p.endsAfter.has(k - 1) || (p.holeAfter[k - 1] && boundarySet.has(p.tokens[k]!.start));
      if (startsSentence) events.push({ pos: p.tokens[k]!.start, kind: 'subject', para: p, tok: k });
    }
  }
  for (const q of spans) events.push({ pos: q.open, kind: 'quote', quote: q });
  events.sort((a, b) => a.pos - b.pos || (a.kind === 'quote' ? 1 : -1));

  const results: QuoteResult[] = [];
  let lastMarked: QuoteResult | null = null;
  const spanIndex = new Map<QuoteSpan, number>(spans.map((sp, i) => [sp, i]));
  const questionLabel = interview.questionLabel;
  const interviewee = answers.length > 0 ? pickInterviewee(index, answers[0]!.open, questionLabel) : null;

  for (const ev of events) {
    if (ev.kind === 'subject') {
      const p = ev.para!;
      const k = ev.tok!;
      let to = k;
      while (to < p.tokens.length && !p.endsAfter.has(to) && !(to > k && p.holeAfter[to - 1])) to++;
      const np = sentenceSubjectAt(p.tokens, k, Math.min(p.tokens.length, to + 1));
      if (!np) continue;
      const sentence = sentenceOf(p.tokens[np.startTok]!.start);
      // Register a bare capitalised subject only when it speaks or is described ("Lumora said", "Nvidia, the chipmaker,").
      let asSpeaker = false;
      if (np.kind === 'name') {
        let v = np.endTok + 1;
        while (v < p.tokens.length && /^(also|later|then|has|have|had|on|in)$/.test(p.tokens[v]!.lower)) v++;
        asSpeaker = !!cueAt(p.tokens, v) || np.isHuman || !!np.role;
      }
      const e = resolve(np, p.tokens, sentence, asSpeaker);
      if (e) index.mention(e, p.tokens[np.startTok]!.start, true, sentence);
      continue;
    }
    const q = ev.quote!;
    const r = attributeQuote(q);
    results.push(r);
    // A single-quoted candidate without a cue is likely a pair of apostrophes: no one to continue.
    if (q.family !== 'interview' && (q.family !== 'single' || isAttributedSingle(r))) lastMarked = r;
  }

  function attributeQuote(q: QuoteSpan): QuoteResult {
    const result: QuoteResult = { span: q, speaker: null, mention: null, role: null, how: 'none' };
    if (q.family === 'interview') {
      const labelEntity = q.label && !/^(A|Answer|Antwort|R|Réponse)$/.test(q.label) ? index.resolveName([q.label], q.open, 'person') : interviewee;
      result.speaker = labelEntity;
      result.mention = q.label ?? null;
      result.how = 'interview';
      return result;
    }
    const pOpen = infos[paraIndexOf(q.open)]!;
    const pClose = infos[paraIndexOf(Math.max(q.open, q.closeEnd - 1))]!;
    const sentence = sentenceOf(q.open);

    if (q.family === 'cjk') {
      const cjk = cjkAttribution(text, pOpen, q, index, sentenceOf);
      if (cjk) Object.assign(result, cjk);
      return result;
    }

    // Words after the quotation, up to the next quotation in the paragraph.
    // The next quotation after this one's closing mark (one nested inside it does not count).
    let next = spanIndex.get(q)! + 1;
    while (spans[next] && spans[next]!.open < q.closeEnd) next++;
    const nextHole = spans[next];
    const postEnd = Math.min(pClose.end, nextHole ? nextHole.open : pClose.end);
    const post = tokensBetween(pClose.tokens, q.closeEnd, postEnd, WINDOW_TOKENS);
    const quoteEndsSentence = /[.。]["'”’»」]*$/u.test(text.slice(q.start, q.end)) && !/[,;:—–-]$/.test(text.slice(q.start, q.end));
    let att: Attribution | null = post.length > 0 && post[0]!.start - q.closeEnd <= 3 ? attributionAfter(post, quoteEndsSentence) : null;
    let how: How = att ? 'after' : 'none';
    let attToks: Token[] = post;

    // Words before it, within its sentence and after any earlier quotation.
    const pre = preWindow(q, pOpen);
    if (!att) {
      att = attributionBefore(pre);
      if (att) {
        how = 'before';
        attToks = pre;
      }
    }
    if (att) {
      const speaker = resolve(att.np, attToks, sentence, true);
      if (speaker) {
        result.speaker = speaker;
        result.mention = text.slice(att.start, att.end);
        result.role = att.np.role ?? roleLabel.get(speaker) ?? null;
        result.how = how;
        index.mention(speaker, att.start, true, sentence);
        if (att.isLabel && !isSingleNamedSpeaker(att.np, speaker, index)) {
          result.speaker = null;
          result.mention = null;
          result.how = 'none';
        }
        return result;
      }
    }

    // "Her message was blunt: “…”" / "Smith was blunt: “…”": the subject of the introducing clause.
    const lastPre = pre[pre.length - 1];
    if (lastPre && lastPre.text === ':' && pre.length > 1) {
      const np = sentenceSubjectAt(pre, 0, pre.length - 1);
      if (np) {
        let speaker: Entity | null = null;
        const det = np.determiner;
        if (np.kind === 'description' && det && pronounClassOf(POSSESSIVE_TO_SUBJECT[det] ?? '')) {
          speaker = index.resolvePronoun(pronounClassOf(POSSESSIVE_TO_SUBJECT[det]!)!, pre[np.startTok]!.start, sentence);
        } else if (np.kind !== 'description' || np.words.some((w) => ROLE_WORDS.has(w.toLowerCase()))) {
          speaker = resolve(np, pre, sentence, false);
        }
        if (speaker && (index.isPersonLike(speaker) || speaker.kind === 'org')) {
          result.speaker = speaker;
          result.mention = text.slice(pre[np.startTok]!.start, pre[np.endTok]!.end);
          result.role = roleLabel.get(speaker) ?? null;
          result.how = 'previous-sentence';
          return result;
        }
      }
    }

    // No attribution in its sentence: a quotation that opens a sentence continues the previous speaker.
    const preWords = pre.filter((t) => t.isWord);
    if (preWords.length > 0) return result;
    const prev = lastMarked;
    const prevSentence = previousSentenceTokens(q, pOpen);
    const prevSubject = prevSentence ? subjectMentionBetween(index, prevSentence.start, q.open) : null;
    if (prev && prev.speaker) {
      const prevPara = paraIndexOf(Math.max(prev.span.open, prev.span.closeEnd - 1));
      const thisPara = paraIndexOf(q.open);
      const intervening = index
        .between(prev.span.closeEnd + 1, q.open)
        .some((m) => m.isSubject && m.entity !== prev.speaker && index.isPersonLike(m.entity));
      if (!intervening && (prevPara === thisPara || (prevPara === thisPara - 1 && q.open === pOpen.start))) {
        result.speaker = prev.speaker;
        result.mention = prev.mention;
        result.role = prev.role;
        result.how = 'previous-quote';
        result.continues = prev;
        return result;
      }
    }
    if (prevSentence) {
      const sameParagraph = prevSentence.para === pOpen;
      const endsWithColon = /:\s*$/.test(text.slice(prevSentence.start, prevSentence.end));
      const cued = attributionBefore(prevSentence.tokens);
      if (cued && (endsWithColon || sameParagraph)) {
        const speaker = resolve(cued.np, prevSentence.tokens, sentenceOf(prevSentence.start), true);
        if (speaker) {
          result.speaker = speaker;
          result.mention = text.slice(cued.start, cued.end);
          result.role = cued.np.role ?? roleLabel.get(speaker) ?? null;
          result.how = 'previous-sentence';
          return result;
        }
      }
      if (prevSubject && (sameParagraph || endsWithColon) && index.isPersonLike(prevSubject)) {
        result.speaker = prevSubject;
        result.mention = null;
        result.role = roleLabel.get(prevSubject) ?? null;
        result.how = 'previous-sentence';
      }
    }
    return result;
  }

  function preWindow(q: QuoteSpan, p: ParagraphInfo): Token[] {
    let start = p.start;
    const b = boundaries[upperBound(boundaries, q.open) - 1];
    if (b !== undefined && b > start) start = b;
    const prevSpan = spans[(spanIndex.get(q) ?? 0) - 1];
    if (prevSpan && prevSpan.closeEnd <= q.open && prevSpan.closeEnd > start) start = prevSpan.closeEnd;
    // Only the words nearest the quotation matter; a run-on "sentence" must not make this quadratic.
    return tokensBetweenTail(p.tokens, start, q.open, WINDOW_TOKENS);
  }

  function previousSentenceTokens(q: QuoteSpan, p: ParagraphInfo): { tokens: Token[]; start: number; end: number; para: ParagraphInfo } | null {
    // The sentence that ends right before the quotation: in this paragraph, or the last one of the previous.
    let para = p;
    let endIdx = lastIndexBefore(p.tokens, q.open);
    if (endIdx < 0) {
      if (p.index === 0) return null;
      para = infos[p.index - 1]!;
      endIdx = para.tokens.length - 1;
      if (endIdx < 0) return null;
    }
    let s = endIdx;
    while (s > 0 && !para.endsAfter.has(s - 1) && endIdx - s < WINDOW_TOKENS) s--;
    const tokens = para.tokens.slice(s, endIdx + 1);
    return { tokens, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, para };
  }

  // Filters and output.
  const out: SuggestedQuote[] = [];
  const keptSingles: QuoteSpan[] = [];
  for (const r of results) {
    const q = r.span;
    if (insideAnswer(q)) continue;
    if (q.family === 'single') {
      if (!isAttributedSingle(r)) continue;
    } else if (keptSingles.some((s) => q.open > s.open && q.closeEnd <= s.closeEnd)) {
      // British nesting: ‘He told me, “Never again,” and left,’ she said — one quotation.
      continue;
    }
    const content = text.slice(q.start, q.end);
    const words = countWords(content);
    const cjk = q.family === 'cjk';
    const effectiveWords = cjk ? Math.ceil(words / 2) : words;
    if (effectiveWords === 0) continue;
    const p = infos[paraIndexOf(q.open)]!;
    const pre = preWindow(q, p);
    const attributedByCue = r.how === 'after' || r.how === 'before' || r.how === 'interview';
    if (q.family !== 'interview') {
      if (isNonSpeechContext(pre)) continue;
      if (!cjk && isTitleLike(content) && r.how !== 'after') continue;
      if (effectiveWords <= 3) {
        const sentenceLike = /^\p{Lu}/u.test(content) && ENDS_SENTENCE_RE.test(content);
        const inherited = (r.how === 'previous-quote' || r.how === 'previous-sentence') && sentenceLike;
        if (!(attributedByCue && r.speaker) && !inherited) continue;
        // A scare quote inside a noun phrase: "the “temporary” measures", "the “grey gold” of the salt".
        const before = pre[pre.length - 1];
        if (before && /^(the|a|an|this|that|these|those|its|his|her|their|our|your|my)$/i.test(before.lower) && before.end >= q.open - 1) continue;
        const after = tokensBetween(p.tokens, q.closeEnd, q.closeEnd + 40, 1)[0];
        if (r.how === 'before' && after && after.isWord && !after.isCap && !BOUNDARY_WORDS.has(after.lower) && !/^(for|of|and|but|or|nor)$/.test(after.lower) && after.start - q.closeEnd <= 1) continue;
      }
      if (!r.speaker) {
        if (!includeUnattributed) continue;
        if (!(effectiveWords >= 8 && (FIRST_OR_SECOND_PERSON_RE.test(content) || /[?!]["'”’»]*$/.test(content)))) continue;
      }
    }
    if (q.family === 'single') keptSingles.push(q);
    out.push({
      text: content,
      start: q.start,
      end: q.end,
      speaker: r.speaker ? r.speaker.display : null,
      speakerMention: r.mention,
      speakerRole: r.role ? cleanRole(r.role) : null,
    });
  }
  return out;
}

/**
 * A single-quoted span counts as a quotation only with a cue verb or "according to" beside it, or
 * when it continues a single-quoted quotation that had one (‘…,’ she said. ‘…’).
 */
function isAttributedSingle(r: QuoteResult): boolean {
  if (r.speaker === null) return false;
  if (r.how === 'after' || r.how === 'before') return true;
  return r.how === 'previous-quote' && r.continues?.span.family === 'single';
}

/** A role with a person's job in it ("Brightway spokesperson", "Transport Secretary"). */
function hasHumanRole(role: string | null | undefined): boolean {
  return !!role && role.split(/[\s-]+/).some((w) => ROLE_WORDS.has(w.toLowerCase()) || genderOfNoun(w) !== null);
}

function cleanRole(role: string): string {
  return role.replace(/^(the|a|an)\s+/i, '').replace(/[,\s]+$/, '').trim();
}

/**
 * A labelling or evaluative cue ("called it “…”", "accused X of “…”") counts only for one named
 * speaker — a person, an organisation, or he/she — never for "what officials have called" or
 * "what the industry calls".
 */
function isSingleNamedSpeaker(np: NounPhrase, e: Entity, index: EntityIndex): boolean {
  if (np.kind === 'pronoun') return np.pronoun === 'he' || np.pronoun === 'she';
  if (np.kind === 'name') return index.isPersonLike(e) || np.name.length >= 2 || e.kind === 'org';
  // "Carver’s manager called …", "the statement accused …" once resolved to a named entity.
  return !e.isDescription && e.kind !== 'group' && e.nameTokens.length >= 1 && (e.kind === 'org' || e.nameTokens.length >= 2);
}

function spokesEntity(index: EntityIndex, display: string, head: string, org?: Entity): Entity {
  // "the spokesperson" later resolves to this entity by its head noun and shows the organisation.
  const e = index.describe([display], head || 'spokesperson', 'org');
  e.display = org ? org.display : display.replace(/^the\s+/i, '');
  return e;
}

function isNonSpeechContext(pre: Token[]): boolean {
  const tail = pre.slice(-3);
  for (let i = 0; i < tail.length; i++) {
    const t = tail[i]!;
    if (NON_SPEECH_BEFORE.has(t.lower)) return true;
    if (t.lower === 'known' && tail[i + 1]?.lower === 'as') return true;
  }
  return false;
}

const SMALL_WORDS = new Set('a an the and or of for in on at to by with from as but nor vs de la le der die das und von du des et'.split(' '));

/** "The Salt Road", "Libraries Are Not Luxuries", "Kids Online Safety and Verification Act". */
export function isTitleLike(content: string): boolean {
  const words = content.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? [];
  if (words.length < 2 || words.length > 12) return false;
  const rest = words.slice(1).filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (rest.length === 0) return /^\p{Lu}/u.test(words[0]!);
  const capital = rest.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  return /^[\p{Lu}\p{N}]/u.test(words[0]!) && capital === rest.length;
}

function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Attribution is read from at most this many tokens on either side of a quotation. */
const WINDOW_TOKENS = 120;

function firstIndexAtOrAfter(tokens: Token[], from: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last token that ends at or before `pos` (-1 if none). */
function lastIndexBefore(tokens: Token[], pos: number): number {
  let i = firstIndexAtOrAfter(tokens, pos) - 1;
  while (i >= 0 && tokens[i]!.end > pos) i--;
  return i;
}

/** Tokens inside [from, to), the first `limit` of them. */
function tokensBetween(tokens: Token[], from: number, to: number, limit = Number.MAX_SAFE_INTEGER): Token[] {
  const out: Token[] = [];
  for (let i = firstIndexAtOrAfter(tokens, from); i < tokens.length && tokens[i]!.end <= to && out.length < limit; i++) out.push(tokens[i]!);
  return out;
}

/** Tokens inside [from, to), the last `limit` of them. */
function tokensBetweenTail(tokens: Token[], from: number, to: number, limit: number): Token[] {
  const last = lastIndexBefore(tokens, to);
  const first = Math.max(firstIndexAtOrAfter(tokens, from), last - limit + 1);
  return last < first ? [] : tokens.slice(first, last + 1);
}

function buildParagraphs(text: string, paragraphs: Paragraph[], spans: QuoteSpan[]): ParagraphInfo[] {
  const holes = spans.map((s) => (s.family === 'interview' ? [s.start, s.end] : [s.open, s.closeEnd]) as [number, number]);
  let h = 0;
  return paragraphs.map((p, index) => {
    const tokens: Token[] = [];
    const holeAfter: boolean[] = [];
    let cursor = p.start;
    while (h < holes.length && holes[h]![1] <= p.start) h++;
    for (let k = h; k < holes.length && holes[k]![0] < p.end; k++) {
      const [hs, he] = holes[k]!;
      if (hs > cursor) for (const t of tokenize(text, cursor, Math.min(hs, p.end))) tokens.push(t);
      if (tokens.length > 0) holeAfter[tokens.length - 1] = true;
      cursor = Math.max(cursor, he);
    }
    if (cursor < p.end) for (const t of tokenize(text, cursor, p.end)) tokens.push(t);
    for (let k = 0; k < tokens.length; k++) holeAfter[k] = holeAfter[k] ?? false;
    const endsAfter = sentenceEnds(tokens, (k) => holeAfter[k] === true);
    return { ...p, index, tokens, endsAfter, holeAfter };
  });
}

/** Offsets where a sentence starts: paragraph starts, after sentence-final punctuation, after a quotation that ends one. */
function sentenceBoundaries(text: string, infos: ParagraphInfo[], spans: QuoteSpan[]): number[] {
  const out: number[] = [];
  for (const p of infos) {
    out.push(p.start);
    // The sentence ends right after its punctuation, so a quotation that follows belongs to the next one.
    for (const k of p.endsAfter) out.push(p.tokens[k]!.end);
  }
  for (const s of spans) {
    if (s.family === 'interview' || !ENDS_SENTENCE_RE.test(text.slice(s.start, s.end))) continue;
    const m = /^\s+(\p{Lu})/u.exec(text.slice(s.closeEnd, s.closeEnd + 4));
    if (m) out.push(s.closeEnd + m[0].length - 1);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Registers every name the article introduces, with gender votes and roles, before attribution. */
function registerNames(
  infos: ParagraphInfo[],
  index: EntityIndex,
  sentenceOf: (pos: number) => number,
  noteRole: (e: Entity, role: string | null | undefined) => void,
): void {
  for (const p of infos) {
    const toks = p.tokens;
    let k = 0;
    while (k < toks.length) {
      const t = toks[k]!;
      if (!t.isCap || !t.isWord) {
        k++;
        continue;
      }
      let e = k;
      while (e + 1 < toks.length && !p.holeAfter[e] && (toks[e + 1]!.isCap || (/^(de|van|von|der|den|du|da|di|del|della|dos|bin|al|la|le)$/.test(toks[e + 1]!.lower) && toks[e + 2]?.isCap)) && toks[e + 1]!.isWord) e++;
      const np = nameRunBackward(toks, e, Math.max(0, k - 6), true);
      k = e + 1;
      if (!np || np.kind !== 'name' || np.name.length === 0) continue;
      const org = !np.honorific && !hasHumanRole(np.role) && looksLikeOrg(np.name);
      const pos = toks[np.startTok]!.start;
      let entity: Entity | null = null;
      if (np.name.length >= 2 && np.name.every((w) => /^[\p{Lu}\p{Ll}]/u.test(w))) {
        const hasEvidence = !!np.honorific || !!np.role || !!firstNameGender(np.name[0]);
        entity = index.resolveName(np.name, pos, org ? 'org' : hasEvidence ? 'person' : 'unknown');
        const next = toks[e + 1];
        if (!org && next && cueAt(toks, e + 1)) entity.personScore += 2;
        if (!org && next?.text === ',' && (/^\p{N}+$/u.test(toks[e + 2]?.text ?? '') || /^(who|a|an)$/.test(toks[e + 2]?.lower ?? ''))) entity.personScore += 2;
      } else if (np.name.length === 1 && (np.honorific || np.role)) {
        entity = index.resolveName(np.name, pos, 'person');
      } else if (np.name.length === 1) {
        entity = index.lookup(np.name, pos);
      }
      if (!entity) continue;
      if (np.honorific) {
        entity.personScore += 3;
        const h = np.honorific.toLowerCase();
        if (MALE_HONORIFICS.has(h)) entity.votes.m += 2;
        if (FEMALE_HONORIFICS.has(h)) entity.votes.f += 2;
      }
      if (np.role && !org) {
        noteRole(entity, np.role);
        if (np.role.split(/\s+/).some((w) => ROLE_WORDS.has(w.toLowerCase()))) entity.personScore += 2;
        const g = genderOfNoun(np.role.split(/\s+/).pop() ?? '');
        if (g) entity.votes[g] += 1;
      }
      const next = toks[e + 1];
      const subjectLike = !!next && ((next.isWord && !next.isCap && !BOUNDARY_WORDS.has(next.lower)) || next.text === ',');
      index.mention(entity, pos, false, sentenceOf(pos));
      // Gender: the first he/she/his/her after the name, before another name.
      if (!org && (entity.kind === 'person' || subjectLike)) {
        for (let j = e + 1; j < Math.min(toks.length, e + 40); j++) {
          const u = toks[j]!;
          if (u.isCap && u.isWord && j > e + 1 && toks[j + 1]?.isCap && !/^(he|she|his|her|it|they|i)$/.test(u.lower)) break;
          const g = OBJECT_PRONOUN_GENDER[u.lower];
          if (g) {
            entity.votes[g] += 1;
            break;
          }
        }
      }
    }
  }
}

function subjectMentionBetween(index: EntityIndex, from: number, to: number): Entity | null {
  const inside = index.between(from, to);
  for (let i = inside.length - 1; i >= 0; i--) if (inside[i]!.isSubject) return inside[i]!.entity;
  return null;
}

/** The interviewee of a Q&A: the person named most often before the first answer (title and intro). */
function pickInterviewee(index: EntityIndex, firstAnswer: number, questionLabel: string | null): Entity | null {
  const counts = new Map<Entity, number>();
  for (const m of index.mentions) {
    if (m.pos >= firstAnswer || !index.isPersonLike(m.entity) && m.entity.kind !== 'person') continue;
    counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  }
  let best: Entity | null = null;
  let bestCount = 0;
  for (const [e, n] of counts) {
    if (questionLabel && e.nameTokens.includes(questionLabel)) continue;
    if (n > bestCount) {
      best = e;
      bestCount = n;
    }
  }
  return best;
}

/** Japanese: 山本健一社長は「…」と述べた / 近くに住む男性は「…」と話した. */
function cjkAttribution(
  text: string,
  p: ParagraphInfo,
  q: QuoteSpan,
  index: EntityIndex,
  sentenceOf: (pos: number) => number,
): Partial<QuoteResult> | null {
  const after = text.slice(q.closeEnd, q.closeEnd + 20);
  if (!CJK_CUE_AFTER.test(after)) return null;
  let from = q.open;
  while (from > p.start && !/[。！？」]/u.test(text[from - 1]!)) from--;
  const before = text.slice(from, q.open);
  const topic = Math.max(before.lastIndexOf('は'), before.lastIndexOf('が'));
  if (topic <= 0) return null;
  let np = before.slice(0, topic);
  const cut = Math.max(np.lastIndexOf('、'), np.lastIndexOf('。'), np.lastIndexOf('」'));
  np = np.slice(cut + 1);
  let name = np;
  let role: string | null = null;
  const suffix = CJK_TITLE_SUFFIXES.filter((s) => np.endsWith(s)).sort((a, b) => b.length - a.length)[0];
  if (suffix) {
    const stem = np.slice(0, np.length - suffix.length);
    const m = /[\p{Script=Han}\p{Script=Katakana}ー]+$/u.exec(stem);
    if (!m) return null;
    name = m[0];
    const roleStart = stem.slice(0, stem.length - name.length).replace(/^.*[でにはが]/u, '').replace(/の$/u, '');
    role = (roleStart ? `${roleStart} ` : '') + suffix;
  }
  if (!name) return null;
  const pos = from + cut + 1;
  const entity = index.resolveName([name], pos, 'person');
  entity.personScore += 2;
  index.mention(entity, pos, true, sentenceOf(pos));
  if (role) index.addRole(entity, role);
  return { speaker: entity, mention: np, role, how: 'before' };
}
