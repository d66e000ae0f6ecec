import { z } from 'zod';
import { method, type MethodSpec } from './method';
import {
  CITATION_STYLES, EXPORT_FORMATS, type Bibliography, type CitationResult, type EmbedPickerEntry, type NoteBacklink, type NoteMeta,
  type ResolvedEmbed,
} from '../notes/resolved';

/**
 * Notes as research memos (the Notes work): live embeds, backlinks, citations, export, topics.
 *
 * Read-only methods end in `.get` or `.list`, so browser mode does not announce them as library
 * changes (main/server/server.ts), which would make every open view refetch after each render.
 */

const Id = z.string().trim().min(1).max(100);
const Style = z.enum(CITATION_STYLES);

export const NotesEmbedsGet = z.strictObject({ ids: z.array(Id).max(2000) });
export const NotesBacklinksList = z.strictObject({ itemId: Id });
export const NotesCitationsGet = z.strictObject({ ids: z.array(Id).min(1).max(2000), style: Style });
export const NotesBibliographyGet = z.strictObject({ noteId: Id, style: Style });
export const NotesEmbedIndexList = z.strictObject({
  /** Most recent quotes and articles to include; speakers and topics are always all included. */
  maxQuotes: z.number().int().min(0).max(200_000).default(20_000),
  maxArticles: z.number().int().min(0).max(200_000).default(20_000),
});
export const NotesTopicsSet = z.strictObject({ id: Id, topicIds: z.array(Id).max(500) });
export const NotesExport = z
  .strictObject({
    /** One note, or every note of a collection (one document, in the collection's order). */
    id: Id.optional(),
    collectionId: Id.optional(),
    format: z.enum(EXPORT_FORMATS),
    /** Add formatted citations after embedded quotes and a bibliography at the end. */
    citationStyle: Style.nullable().default(null),
  })
  .refine((v) => (v.id === undefined) !== (v.collectionId === undefined), { message: 'give exactly one of id or collectionId', path: ['id'] });

export interface NoteExportFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64 (payloads stay JSON-safe). */
  base64: string;
  bytes: number;
}

export const notesMethods = {
  /** Current data for embedded ids (quotes with speaker, role, stances and source; topics with their matrix). */
  'notes.embeds.get': method<Record<string, ResolvedEmbed>>()(NotesEmbedsGet),
  /** Notes that embed or reference an item (for an article or a speaker, also through its quotes). */
  'notes.backlinks.list': method<NoteBacklink[]>()(NotesBacklinksList),
  'notes.citations.get': method<CitationResult>()(NotesCitationsGet),
  /** The bibliography of everything a note embeds or references. */
  'notes.bibliography.get': method<Bibliography>()(NotesBibliographyGet),
  /** The `[[` picker's list: quotes, articles, speakers, topics and notes. */
  'notes.embedIndex.list': method<EmbedPickerEntry[]>()(NotesEmbedIndexList),
  'notes.meta.get': method<NoteMeta>()(z.strictObject({ id: Id })),
  /** Replace the topics a note is about. */
  'notes.topics.set': method<NoteMeta>()(NotesTopicsSet),
  'notes.export': method<NoteExportFile>()(NotesExport),
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
