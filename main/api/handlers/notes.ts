import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';

type NotesMethods =
  | 'notes.embeds.get' | 'notes.backlinks.list' | 'notes.citations.get' | 'notes.bibliography.get' | 'notes.embedIndex.list'
  | 'notes.meta.get' | 'notes.topics.set' | 'notes.export';

export const notesHandlers = (s: Services): HandlerGroup<NotesMethods> => ({
  'notes.embeds.get': (i) => s.notebook.resolve(i.ids),
  'notes.backlinks.list': (i) => s.notebook.backlinks(i.itemId),
  'notes.citations.get': (i) => s.notebook.citations(i.ids, i.style),
  'notes.bibliography.get': (i) => s.notebook.bibliography(i.noteId, i.style),
  'notes.embedIndex.list': (i) => s.notebook.embedIndexList(i.maxQuotes, i.maxArticles),
  'notes.meta.get': (i) => s.notebook.meta(i.id),
  'notes.topics.set': (i) => s.notebook.setTopics(i.id, i.topicIds),
  'notes.export': (i) => s.notebook.export(i),
});
