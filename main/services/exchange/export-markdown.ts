import { lazyModule } from '../../lazy-module';

const loadYaml = lazyModule<typeof import('yaml')>('yaml');
import type { ArticleSummary, Quote, Speaker, Stance } from '../../../shared/domain/entities';
import { STANCE_VALUES } from '../../../shared/domain/entities';
import type { StanceMatrix, StanceMatrixRow } from '../../../shared/domain/analysis';
import { allQuotes, pushTo, type ExportData } from './export-data';
import { NameAllocator, shortId } from './names';
import { quoteBlockIds } from '../../../shared/notes/embed-syntax';

/**
 * An Obsidian-ready Markdown vault: `articles/`, `topics/`, `speakers/` and `index.md`, joined by
 * wiki links. Each article note has YAML front matter and its quotes as block quotes, each with a
 * block id (`^q-…`) so other notes can link to the quote itself. File names come from titles and
 * stay with their item across re-exports (the folder's manifest remembers them), so a re-export
 * rewrites the same files in place.
 *
 * Block ids use the LAST 8 letters/digits of the quote id: Sourcebook ids are UUIDv7, whose first
 * 8 characters are a timestamp shared by every quote made within the same minute, while the tail
 * is random. Two quotes of one article that still collide get the full id.
 *
 * All text is Markdown-escaped (no quote can turn into a heading, a list, a link, an Obsidian tag,
 * comment, highlight or formula); front matter is written by the `yaml` library with every string
 * double-quoted, so titles such as `yes`, `2024-01-01` or `a: b #c` stay strings.
 */

export interface MarkdownExport {
  /** Each file's path and text, made as it is asked for: a vault of 100k articles is ~0.9 GB of text. */
  files: Iterable<[string, string]>;
  /** How many files `files` yields (for the export's progress). */
  count: number;
  names: Record<string, string>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const STANCE_MARK: Record<string, string> = { supports: '✓ supports', opposes: '✗ opposes', neutral: '○ neutral', mixed: '◐ mixed' };

/** Escape Markdown (CommonMark + Obsidian) syntax so text reads literally. */
export function mdEscape(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~=%$^#{}]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^(\s*)([-+])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*)!/gm, '$1\\!');
}

/** One line of escaped text (for table cells, list items and headings). */
const inline = (text: string) => mdEscape(text.replace(/\s+/g, ' ').trim());
/** Text usable as a wiki link's alias: no `|`, `[`, `]`, `#`, `^` or line breaks. */
const alias = (text: string) => text.replace(/\s+/g, ' ').replace(/[|[\]#^]/g, ' ').replace(/ +/g, ' ').trim() || 'untitled';
const wiki = (rel: string, label: string, anchor = '', inTable = false) =>
  `[[${rel.replace(/\.md$/, '')}${anchor}${inTable ? '\\|' : '|'}${alias(label)}]]`;
/** Obsidian tags allow letters, digits, `_`, `-` and `/`, and no spaces. */
const obsidianTag = (tag: string) => tag.trim().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_\-/]/gu, '').replace(/-{2,}/g, '-').replace(/^-|-$/g, '') || null;

function frontMatter(values: Record<string, unknown>): string {
  const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
  const yaml = loadYaml().stringify(clean, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  return `---\n${yaml}---\n`;
}

/** The same block ids as a note's export uses, so links between a memo and the vault agree. */
export const blockIds = (quotes: Quote[]): Map<string, string> => quoteBlockIds(quotes.map((q) => q.id));

export function toMarkdown(data: ExportData, previousNames: Record<string, string>): MarkdownExport {
  const names: Record<string, string> = {};
  const allocate = (folder: string, items: { id: string; title: string }[], fallback: string) => {
    const allocator = new NameAllocator(previousNames, folder);
    allocator.reserve(items.map((i) => i.id));
    for (const item of items) names[item.id] = allocator.nameOf(item.id, item.title, `${fallback}-${shortId(item.id)}`);
  };
  allocate('articles', data.articles.map((a) => ({ id: a.id, title: a.title })), 'article');
  allocate('topics', data.topics.map((t) => ({ id: t.id, title: t.title })), 'topic');
  allocate('speakers', data.speakers.map((s) => ({ id: s.id, title: s.name })), 'speaker');

  const speakers = new Map(data.speakers.map((s) => [s.id, s]));
  // Looked up per note, so by id: scanning every article or quote per speaker or quote made a
  // 100k-article library's export quadratic (it had not finished after 10 minutes).
  const articleById = new Map(data.articles.map((a) => [a.id, a]));
  const quoteById = new Map<string, Quote>();
  const quotesBySpeaker = new Map<string, Quote[]>();
  for (const q of allQuotes(data)) {
    quoteById.set(q.id, q);
    if (q.speakerId) pushTo(quotesBySpeaker, q.speakerId, q);
  }
  const blocks = new Map<string, string>();
  for (const a of data.articles) for (const [id, block] of blockIds(data.quotesByArticle.get(a.id) ?? [])) blocks.set(id, block);
  const quoteLink = (q: Quote, label: string, inTable = false) =>
    names[q.articleId] ? wiki(names[q.articleId]!, label, `#^${blocks.get(q.id)}`, inTable) : inline(label);
  const topicLink = (st: Pick<Stance, 'topicId' | 'topicTitle'>, inTable = false) => (names[st.topicId] ? wiki(names[st.topicId]!, st.topicTitle, '', inTable) : inline(st.topicTitle));
  const speakerLink = (id: string | null, label: string, inTable = false) => (id && names[id] ? wiki(names[id]!, label, '', inTable) : inline(label));
  const stanceList = (subjectId: string) => (data.stancesBySubject.get(subjectId) ?? []).map((st) => `**${STANCE_MARK[st.value]}** ${topicLink(st)}`);

  return { files: files(), count: data.articles.length + data.matrices.length + data.speakers.length + 1, names };

  function* files(): Generator<[string, string]> {
    for (const a of data.articles) yield [names[a.id]!, articleNote(a)];
    for (const m of data.matrices) yield [names[m.topicId]!, topicNote(m)];
    for (const s of data.speakers) yield [names[s.id]!, speakerNote(s)];
    yield ['index.md', indexNote()];
  }

  function articleNote(a: ArticleSummary): string {
    const quotes = data.quotesByArticle.get(a.id) ?? [];
    const out: string[] = [
      frontMatter({
        id: a.id, title: a.title, authors: a.authors, site: a.siteName, url: a.canonicalUrl ?? a.url, published: a.publishedAt, clipped: a.clippedAt,
        tags: a.tags.map(obsidianTag).filter((t): t is string => t !== null), collections: data.collectionsOf.get(a.id) ?? [],
      }),
      `# ${inline(a.title)}`,
      '',
    ];
    const byline = [a.siteName, a.authors.join(', '), a.publishedAt].filter((x): x is string => Boolean(x)).map(inline);
    const url = a.canonicalUrl ?? a.url;
    if (url) byline.push(`[Original](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`);
    if (byline.length) out.push(byline.join(' · '), '');
    const stances = stanceList(a.id);
    if (stances.length) out.push(`Stance: ${stances.join(' · ')}`, '');
    out.push(`## Quotes (${quotes.length})`, '');
    if (quotes.length === 0) out.push('No quotes marked yet.', '');
    for (const q of quotes) {
      const lines = q.text.split(/\n+/).map((l) => `> ${mdEscape(l.trim())}`);
      out.push(...lines, '>');
      const speaker = q.speakerId ? speakers.get(q.speakerId) : undefined;
      const who = q.speakerName ? [speakerLink(q.speakerId, q.speakerName), ...[q.speakerRole ?? speaker?.role, speaker?.affiliation].filter((x): x is string => Boolean(x)).map(inline)].join(', ') : 'Unattributed';
      const attribution = [`— ${who}`, ...stanceList(q.id), ...(q.saidAt ? [`said ${inline(q.saidAt)}`] : [])];
      out.push(`> ${attribution.join(' · ')}`);
      if (q.note.trim()) out.push('>', ...q.note.trim().split(/\n/).map((l, i) => `> ${i === 0 ? '*Note:* ' : ''}${mdEscape(l)}`));
      if (q.tags.length) out.push('>', `> Tags: ${q.tags.map(inline).join(', ')}`);
      out.push('', `^${blocks.get(q.id)}`, '');
    }
    out.push('## Text', '', ...data.articleText(a.id).split(/\n{2,}/).map((p) => mdEscape(p.trim()).replace(/\n/g, '  \n')).filter(Boolean).flatMap((p) => [p, '']));
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }

  function matrixTable(rows: StanceMatrixRow[], first: string): string[] {
    if (rows.length === 0) return [];
    const head = [first, 'Role', 'Position', ...STANCE_VALUES.map((v) => STANCE_MARK[v]!)];
    const lines = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i >= 3 ? '---:' : '---')).join(' | ')} |`];
    for (const r of rows) {
      const position = `${STANCE_MARK[r.current]}${r.isDerived ? ' (from quotes)' : ' (set)'}`;
      const name = r.kind === 'speaker' ? speakerLink(r.speakerId, r.label, true) : inline(r.label);
      lines.push(`| ${[name, inline(r.role ?? ''), position, ...STANCE_VALUES.map((v) => String(r.counts[v]))].join(' | ')} |`);
    }
    return [...lines, ''];
  }

  function topicNote(m: StanceMatrix): string {
    const topic = data.topics.find((t) => t.id === m.topicId)!;
    const out = [frontMatter({ id: topic.id, title: topic.title, type: 'topic' }), `# ${inline(topic.title)}`, ''];
    if (topic.description.trim()) out.push(mdEscape(topic.description.trim()), '');
    out.push('## Stance matrix', '', `Totals: ${STANCE_VALUES.map((v) => `${STANCE_MARK[v]} ${m.totals[v]}`).join(' · ')}`, '');
    out.push(...matrixTable(m.speakers, 'Speaker'));
    if (m.outlets.length) out.push('### Outlets', '', ...matrixTable(m.outlets, 'Outlet'));
    if (m.speakers.length === 0 && m.outlets.length === 0) out.push('No stances recorded yet.', '');
    const evidence = m.timeline.filter((e) => e.subjectType !== 'quote' || quoteById.has(e.subjectId));
    if (evidence.length) {
      out.push('## Evidence', '');
      for (const e of evidence) {
        const q = e.subjectType === 'quote' ? quoteById.get(e.subjectId) : undefined;
        const source = q ? quoteLink(q, e.articleTitle ?? 'article') : e.articleId && names[e.articleId] ? wiki(names[e.articleId]!, e.articleTitle ?? 'article') : '';
        const who = e.subjectType === 'speaker' ? speakerLink(e.subjectId, e.label) : inline(e.label);
        const what = e.quoteText ? `: “${inline(e.quoteText)}”` : e.subjectType === 'speaker' ? ' (position set directly)' : ' (the article as a whole)';
        const note = e.note.trim() ? ` — *${inline(e.note)}*` : '';
        const replaced = e.isCurrent ? '' : ' (replaced by a later stance)';
        out.push(`- ${inline(e.date.slice(0, 10))} · **${STANCE_MARK[e.value]}**${replaced} · ${who}${what}${source ? ` — ${source}` : ''}${note}`);
      }
      out.push('');
    }
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }

  function speakerNote(s: Speaker): string {
    const out = [
      frontMatter({ id: s.id, title: s.name, aliases: s.aliases, kind: s.kind, role: s.role, affiliation: s.affiliation, type: 'speaker' }),
      `# ${inline(s.name)}`,
      '',
    ];
    const about = [s.role, s.affiliation].filter((x): x is string => Boolean(x)).map(inline);
    if (about.length) out.push(about.join(' · '), '');
    if (s.description?.trim()) out.push(mdEscape(s.description.trim()), '');
    const positions = data.matrices.flatMap((m) => m.speakers.filter((r) => r.speakerId === s.id).map((r) => ({ m, r })));
    if (positions.length) {
      out.push('## Positions', '');
      for (const { m, r } of positions) out.push(`- ${topicLink({ topicId: m.topicId, topicTitle: m.topicTitle })}: **${STANCE_MARK[r.current]}**${r.isDerived ? ' (from quotes)' : ' (set)'}`);
      out.push('');
    }
    const quotes = quotesBySpeaker.get(s.id) ?? [];
    out.push(`## Quotes (${quotes.length})`, '');
    for (const q of quotes) {
      const article = articleById.get(q.articleId);
      const stances = stanceList(q.id);
      out.push(`- “${inline(q.text)}” — ${quoteLink(q, article?.title ?? q.articleTitle)}${stances.length ? ` · ${stances.join(' · ')}` : ''}`);
    }
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }

  function indexNote(): string {
    const out = [frontMatter({ title: `Sourcebook — ${data.scope.label}`, exported: data.exportedAt }), `# Sourcebook — ${inline(data.scope.label)}`, '', `Exported ${inline(data.exportedAt)}.`, ''];
    out.push(`## Articles (${data.articles.length})`, '');
    for (const a of data.articles) {
      const meta = [a.siteName, a.publishedAt?.slice(0, 10)].filter((x): x is string => Boolean(x)).map(inline).join(', ');
      out.push(`- ${wiki(names[a.id]!, a.title)}${meta ? ` — ${meta}` : ''} (${plural((data.quotesByArticle.get(a.id) ?? []).length, 'quote')})`);
    }
    out.push('', `## Topics (${data.topics.length})`, '');
    for (const t of data.topics) out.push(`- ${wiki(names[t.id]!, t.title)}`);
    out.push('', `## Speakers (${data.speakers.length})`, '');
    for (const s of data.speakers) out.push(`- ${wiki(names[s.id]!, s.name)}${s.role ? ` — ${inline(s.role)}` : ''}`);
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }
}
