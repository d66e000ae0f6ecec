/**
 * Outlets and agencies an article cites ("according to Reuters", "told The New York Times",
 * "a Bloomberg report", "first reported by The Information", "(AP) —"), plus outbound links to
 * known news sites. One suggestion per outlet, with the URL of a link that points to it (by host,
 * else by link text) when there is one.
 */
import type { SuggestedSource } from '../../../shared/domain/extraction';
import { firstNameGender } from './entities';
import { OUTLETS, type Outlet } from './outlets';

export interface SourceLink {
  href: string;
  text: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const BY_ALIAS = new Map<string, Outlet>();
for (const o of OUTLETS) for (const a of o.aliases) BY_ALIAS.set(a, o);
// Longest first so "Bloomberg News" wins over "Bloomberg"; aliases that already carry an article
// ("the BBC", "l’AFP") must not get a second one.
const ALIAS = [...BY_ALIAS.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const ART = '(?:(?:the|The|le|la|Le|La|die|der|dem|des)\\s+|[lL][’\'])?';
// Outlets whose name starts with "The" are often written with a lower-case article in running text
// ("told the Guardian"). The bare name counts only right after that "the", and not when another
// capitalised word follows: "the Independent Review Board" or "the Atlantic Council" are not outlets.
const BARE = [...BY_ALIAS.keys()].filter((a) => a.startsWith('The ')).map((a) => a.slice(4)).sort((a, b) => b.length - a.length).map(escape).join('|');
const N = `(?:(?<name>${ALIAS})|the\\s+(?<bare>${BARE})(?!\\s+(?:of\\s+)?\\p{Lu}))`;
/** After "a", "an" or "the" already matched: "a Guardian investigation". */
const N_AFTER_ARTICLE = `(?:(?<name>${ALIAS})|(?<bare>${BARE}))`;
/** The canonical outlet a KNOWN_PATTERNS match names. */
const outletOf = (groups: Record<string, string | undefined>): Outlet | undefined =>
  groups.name !== undefined ? BY_ALIAS.get(groups.name) : BY_ALIAS.get(`The ${groups.bare}`);

/** Lead-in words match at the start of a sentence too: "According to", "In an interview with". */
const lead = (...phrases: string[]) =>
  `(?:${phrases.map((p) => `[${p[0]!.toLowerCase()}${p[0]!.toUpperCase()}]${p.slice(1)}`).join('|')})`;

const KNOWN_PATTERNS: RegExp[] = [
  `${B}${lead('according to', 'told', 'in an interview with', 'in an interview on', 'speaking to', 'spoke to', 'spoke with', 'talking to', 'said to', 'interviewed by', 'writing in', 'wrote in', 'an op-ed in', 'a column in')}\\s+${ART}${N}${E}`,
  `${B}${N}(?:['’]s)?\\s+(?:first\\s+|previously\\s+|earlier\\s+|also\\s+|initially\\s+|has\\s+|had\\s+|was\\s+the\\s+first\\s+to\\s+|was\\s+first\\s+to\\s+)?(?:reported|reports|report|revealed|reveals|obtained|published|broke the news|cited|citing)${E}`,
  `${B}(?:reported|revealed|published|obtained|broken|confirmed|cited)\\s+(?:first\\s+|earlier\\s+|previously\\s+|originally\\s+)?(?:by|in)\\s+${ART}${N}${E}`,
  `${B}${lead('a', 'an', 'the')}\\s+(?:recent\\s+|new\\s+|earlier\\s+|separate\\s+)?${N_AFTER_ARTICLE}\\s+(?:report|analysis|investigation|story|article|interview|survey|poll|review|tally|count|calculation|estimate|exclusive)${E}`,
  `\\(${N}\\)\\s*[-—–]`,
  `${B}${lead('selon', 'd’après', "d'après", 'laut', 'berichtete', 'berichtet', 'meldete', 'meldet', 'rapporte', 'a rapporté', 'révèle', 'indique')}\\s+${ART}${N}${E}`,
  `${B}${N}\\s+zufolge${E}`,
].map((src) => new RegExp(src, 'gu'));

// Capitalised words; a full stop only inside an abbreviation ("St.Louis" no, "U.S." yes), never at a sentence end.
const CAP_WORD = '\\p{Lu}(?:[\\p{L}\\p{N}’\'&-]|\\.(?=\\p{L}))*';
const CAP_NAME = `(?<name>${CAP_WORD}(?:\\s+(?:of\\s+|and\\s+|&\\s+)?${CAP_WORD}){0,4})`;
const UNKNOWN_PATTERNS: RegExp[] = [
  `${B}(?:first\\s+|originally\\s+|previously\\s+|earlier\\s+)?reported\\s+(?:earlier\\s+|first\\s+|previously\\s+|originally\\s+)?by\\s+(?:the\\s+)?${CAP_NAME}`,
  `${B}${lead('according to')} (?:a report|reporting|a story|an article) (?:in|by|from) (?:the\\s+)?${CAP_NAME}`,
  `${B}${lead('told', 'according to', 'in an interview with')}\\s+(?:the\\s+)?${CAP_NAME}\\s+(?:newspaper|magazine|daily|weekly|broadcaster|news agency|news site|news website|website|radio|television)${E}`,
  `${B}${lead('the', 'newspaper', 'magazine', 'news agency', 'broadcaster', 'news site', 'news outlet', 'outlet', 'daily', 'tabloid')}\\s+(?:newspaper|magazine|news agency|broadcaster|news site|news outlet|outlet|daily|tabloid)?\\s*${CAP_NAME}\\s+(?:first reported|reported|revealed)${E}`,
].map((src) => new RegExp(src, 'gu'));

function hostOf(href: string): string | null {
  try {
    return new URL(href).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

function outletForHost(host: string): Outlet | undefined {
  return OUTLETS.find((o) => o.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
}

const TIME_WORDS = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Tonight|Noon|Midnight|Christmas|Easter|Spring|Summer|Autumn|Fall|Winter)$/;
const TRAILING_NOISE = /\s+(?:in|on|at|last|this|earlier|first|and|of)$/u;

export function suggestSources(text: string, links: SourceLink[]): SuggestedSource[] {
  const found = new Map<string, { name: string; url: string | null; at: number }>();
  const add = (name: string, at: number) => {
    const key = name.toLowerCase();
    const existing = found.get(key);
    if (!existing || at < existing.at) found.set(key, { name, url: existing?.url ?? null, at });
  };
  // Bound the work on huge inputs: citations live in prose, so the first 2 MB are plenty.
  const body = text.length > 2_000_000 ? text.slice(0, 2_000_000) : text;
  for (const re of KNOWN_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const outlet = outletOf(m.groups!);
      if (outlet) add(outlet.name, m.index);
    }
  }
  for (const re of UNKNOWN_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      let name = m.groups!.name!.replace(/[.,]+$/, '').replace(TRAILING_NOISE, '');
      name = name.replace(/^The\s+/, '');
      const first = name.split(/\s+/)[0];
      if (!name || BY_ALIAS.has(name) || BY_ALIAS.has(`The ${name}`)) {
        const outlet = BY_ALIAS.get(name) ?? BY_ALIAS.get(`The ${name}`);
        if (outlet) add(outlet.name, m.index);
        continue;
      }
      // "reported by John Smith" names a reporter, not an outlet; "reported by Sunday evening" a time.
      if (firstNameGender(first) || name.split(/\s+/).length > 5 || TIME_WORDS.test(first ?? '')) continue;
      add(name, m.index);
    }
  }
  // Outbound links to known outlets are sources even when the text does not name them.
  const linkOutlet = links.map((l) => ({ link: l, outlet: (() => { const h = hostOf(l.href); return h ? outletForHost(h) : undefined; })() }));
  for (const { outlet } of linkOutlet) if (outlet) add(outlet.name, Number.MAX_SAFE_INTEGER);
  for (const entry of found.values()) {
    const byHost = linkOutlet.find((l) => l.outlet?.name === entry.name);
    if (byHost) {
      entry.url = byHost.link.href;
      continue;
    }
    const outlet = OUTLETS.find((o) => o.name === entry.name);
    const names = outlet ? outlet.aliases : [entry.name];
    const byText = links.find((l) => names.some((n) => new RegExp(`${B}${escape(n)}${E}`, 'u').test(l.text)) && /^https?:/i.test(l.href) && !linkOutlet.find((x) => x.link === l)?.outlet);
    if (byText) entry.url = byText.href;
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map(({ name, url }) => ({ name, url }));
}
