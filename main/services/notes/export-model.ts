import type { Note } from '../../../shared/domain/entities';
import type { StanceValue } from '../../../shared/domain/entities';
import { parseEmbeds, quoteBlockIds, type EmbedToken } from '../../../shared/notes/embed-syntax';
import { itemName, type CitationStyle, type EmbedSource, type EmbedStance, type ResolvedEmbed } from '../../../shared/notes/resolved';
import type { Services } from '../services';
import { BIBLIOGRAPHY_HEADING, formatBibliography, formatSources, type FormattedSource } from './citations';
import type { StyledRun } from './csl-html';
import { resolveEmbeds } from './resolve';

/** Everything an export of one note needs, looked up once: the note, its resolved embeds, citations. */
export interface NoteExportModel {
  note: Note;
  topics: { id: string; title: string }[];
  resolved: Record<string, ResolvedEmbed>;
  style: CitationStyle | null;
  /** Per source (article id): in-text citation and reference entry, when a style was chosen. */
  citations: Map<string, FormattedSource>;
  /** Put before footnote numbers so notes exported together in one file do not collide ("2-" → [^2-1]). */
  footnotePrefix: string;
  /** Obsidian block id (`q-…`) of each embedded quote. */
  blockIds: Map<string, string>;
  bibliography: { heading: string; entries: { sourceId: string; runs: StyledRun[] }[] } | null;
}

export interface ExportOptions {
  citationStyle?: CitationStyle | null;
  footnotePrefix?: string;
}

export const sourceOf = (r: ResolvedEmbed | undefined): EmbedSource | null =>
  r && r.status === 'ok' && (r.type === 'quote' || r.type === 'article') ? r.source : null;

export async function buildExportModel(services: Services, noteId: string, options: ExportOptions = {}): Promise<NoteExportModel> {
  const note = await services.notes.get(noteId);
  const tokens = parseEmbeds(note.body);
  const resolved = await resolveEmbeds(services, tokens.map((t) => t.id));
  const topics = services.ctx.db
    .prepare(`SELECT t.id, t.title FROM note_topics nt JOIN topics t ON t.id = nt.topic_id WHERE nt.note_id = ? AND t.deleted_at IS NULL ORDER BY t.title COLLATE NOCASE`)
    .all(noteId) as { id: string; title: string }[];
  const style = options.citationStyle ?? null;
  const sources = tokens.map((t) => sourceOf(resolved[t.id])).filter((s): s is EmbedSource => s !== null);
  const citations = new Map<string, FormattedSource>();
  let bibliography: NoteExportModel['bibliography'] = null;
  if (style && sources.length) {
    for (const f of formatSources(sources, style)) citations.set(f.sourceId, f);
    bibliography = { heading: BIBLIOGRAPHY_HEADING[style], entries: formatBibliography(sources, style) };
  }
  const blockIds = quoteBlockIds(tokens.filter((t) => resolved[t.id]?.status === 'ok' && resolved[t.id]?.type === 'quote').map((t) => t.id));
  return { note, topics, resolved, style, citations, footnotePrefix: options.footnotePrefix ?? '', blockIds, bibliography };
}

// ------------------------------------------------------------------ shared wording

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03-14T…" → "March 14, 2026"; "2026-03" → "March 2026"; "2026" stays. Independent of the machine's locale. */
export function formatLongDate(iso: string | null | undefined): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso ?? '');
  if (!m) return '';
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1]!;
  return m[3] ? `${month} ${Number(m[3])}, ${m[1]}` : `${month} ${m[1]}`;
}

export const STANCE_WORDS: Record<StanceValue, string> = { supports: 'Supports', opposes: 'Opposes', neutral: 'Neutral', mixed: 'Mixed' };
/** A shape per stance, so print and plain text never rely on colour alone (STYLE §9). */
export const STANCE_SYMBOLS: Record<StanceValue, string> = { supports: '✓', opposes: '✗', neutral: '–', mixed: '◐' };

export const stanceLabel = (s: EmbedStance): string => `${STANCE_SYMBOLS[s.value]} ${STANCE_WORDS[s.value]}: ${s.topicTitle}`;

/** The date a quote was said (else the article's date), long form. */
export const quoteDate = (saidAt: string | null, source: EmbedSource): string => formatLongDate(saidAt ?? source.publishedAt);

/** What a missing embed says, in every format. */
export function missingText(r: Extract<ResolvedEmbed, { status: 'missing' }> | undefined, token: EmbedToken): string {
  const what = r?.type ?? token.type;
  if (r?.isTrashed) return `Missing ${what}: it is in the trash${r.title ? ` (“${r.title.slice(0, 120)}”)` : ''}. Restore it in Sourcebook to include it here.`;
  return `Missing ${what}: ${token.id} was deleted or never existed in this library.`;
}

/** A reference's inline wording: its label if the writer gave one, else the item's current name. */
export function referenceText(r: ResolvedEmbed | undefined, token: EmbedToken): string {
  if (token.label) return token.label;
  if (!r || r.status === 'missing') return `[missing ${r?.type ?? token.type}]`;
  return itemName(r);
}

/** File names that work on every platform: letters kept (any script), the rest folded to dashes. */
export function safeFileName(title: string, fallback: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/[. ]+$/, '');
  return base || fallback;
}
