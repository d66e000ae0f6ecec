import type { z } from 'zod';
import { method, type MethodSpec } from './method';
import { searchMethods } from './methods-search';
import { clipMethods } from './methods-clip';
import { exchangeMethods } from './methods-exchange';
import { notesMethods } from './methods-notes';
import type {
  Article, ArticleSummary, CheckReport, OptimizeReport, Collection, ItemDetail, LibraryInfo, Link, Note, Page, Quote,
  Speaker, Stance, Tag, Topic, TrashEntry,
} from '../domain/entities';
import * as S from './schemas';
import type { ItemGraph, SpeakerTopicStance, StanceMatrix } from '../domain/analysis';

/**
 * What this runtime can do beyond the library itself. `pdf`: the desktop app prints exports to PDF
 * (Electron's printToPDF); browser mode, the HTTP server alone and the CLI cannot, so the renderer
 * offers the browser's own Print / Save as PDF instead.
 */
export interface AppCapabilities {
  pdf: boolean;
}

/**
 * The API contract: every method `area.verb` with its zod input schema and its output type. The
 * router, the Electron bridge, the HTTP transport, the CLI and the renderer's client all derive from
 * this one table, and `satisfies` makes a method without a schema fail to compile.
 */
export const contract = {
  'app.capabilities.get': method<AppCapabilities>()(S.Empty),
  'library.info': method<LibraryInfo>()(S.Empty),
  'library.check': method<CheckReport>()(S.LibraryCheck),
  'library.optimize': method<OptimizeReport>()(S.Empty),
  /** `files`: with `withFiles`, how many image and snapshot files were copied beside the database. */
  'library.backup': method<{ path: string; bytes: number; files?: number }>()(S.LibraryBackup),
  'settings.get': method<{ images: 'store' | 'remote' }>()(S.Empty),
  'settings.update': method<{ images: 'store' | 'remote' }>()(S.SettingsUpdate),

  'articles.create': method<Article>()(S.ArticleCreate),
  'articles.get': method<Article>()(S.ById),
  'articles.update': method<Article>()(S.ArticleUpdate),
  'articles.list': method<Page<ArticleSummary>>()(S.ArticleList),

  'quotes.create': method<Quote>()(S.QuoteCreate),
  'quotes.get': method<Quote>()(S.ById),
  'quotes.update': method<Quote>()(S.QuoteUpdate),
  'quotes.list': method<Page<Quote>>()(S.QuoteList),

  'speakers.create': method<Speaker>()(S.SpeakerCreate),
  'speakers.get': method<Speaker>()(S.ById),
  'speakers.update': method<Speaker>()(S.SpeakerUpdate),
  'speakers.list': method<Page<Speaker>>()(S.SpeakerList),
  'speakers.merge': method<Speaker>()(S.SpeakerMerge),
  'speakers.resolve': method<Speaker>()(S.SpeakerResolve),

  'topics.create': method<Topic>()(S.TopicCreate),
  'topics.get': method<Topic>()(S.ById),
  'topics.update': method<Topic>()(S.TopicUpdate),
  'topics.list': method<Page<Topic>>()(S.TopicList),

  'stances.set': method<Stance>()(S.StanceSet),
  'stances.list': method<Stance[]>()(S.StanceList),

  'topics.matrix': method<StanceMatrix>()(S.ById),
  'speakers.stances': method<SpeakerTopicStance[]>()(S.ById),
  'items.graph': method<ItemGraph>()(S.GraphInput),

  'links.create': method<Link>()(S.LinkCreate),
  'links.list': method<Link[]>()(S.LinkList),
  'links.update': method<Link>()(S.LinkUpdate),

  'tags.list': method<Tag[]>()(S.TagList),
  'tags.add': method<{ itemId: string; tags: string[] }>()(S.TagChange),
  'tags.remove': method<{ itemId: string; tags: string[] }>()(S.TagChange),
  'tags.rename': method<Tag>()(S.TagRename),
  'tags.delete': method<{ id: string; name: string; untagged: number }>()(S.TagDelete),

  'collections.create': method<Collection>()(S.CollectionCreate),
  'collections.get': method<Collection>()(S.ById),
  'collections.update': method<Collection>()(S.CollectionUpdate),
  'collections.list': method<Page<Collection>>()(S.CollectionList),
  'collections.addItems': method<Collection>()(S.CollectionItems),
  'collections.removeItems': method<Collection>()(S.CollectionItems),

  'notes.create': method<Note>()(S.NoteCreate),
  'notes.get': method<Note>()(S.ById),
  'notes.update': method<Note>()(S.NoteUpdate),
  'notes.list': method<Page<Note>>()(S.NoteList),

  'items.get': method<ItemDetail>()(S.ItemGet),
  'items.trash': method<{ id: string; batchId: string; count: number }>()(S.ById),
  'items.restore': method<{ id: string; count: number }>()(S.ById),
  'trash.list': method<Page<TrashEntry>>()(S.TrashList),
  'trash.purge': method<{ count: number }>()(S.ById),
  ...searchMethods,
  ...clipMethods,
  ...exchangeMethods,
  ...notesMethods,
} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const METHODS = Object.keys(contract) as Method[];

/** What a caller passes (defaults optional). */
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = NonNullable<Contract[M]['output']>;

export const isMethod = (name: string): name is Method => Object.prototype.hasOwnProperty.call(contract, name);
