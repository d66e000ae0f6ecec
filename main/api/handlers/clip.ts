import { AppError } from '../../../shared/errors';
import type { clipMethods } from '../../../shared/api/methods-clip';
import { bookmarkletSource } from '../../../shared/clipper/bookmarklet';
import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handler-types';

/** Handlers of the clipping methods. */
export const clipHandlers = (s: Services): HandlerGroup<keyof typeof clipMethods> => ({
  'articles.clip': (i, call) =>
    s.clip.clip(i.source, { tags: i.tags, collection: i.collection, allowPrivateAddresses: i.allowPrivateAddresses, ...(i.selection ? { selection: i.selection } : {}) }, call),
  'articles.clipMany': (i, call) => s.clip.clipMany(i.sources, { tags: i.tags, collection: i.collection, allowPrivateAddresses: i.allowPrivateAddresses, concurrency: i.concurrency }, call),
  'articles.extract': (i, call) => s.clip.extract(i.source, { allowPrivateAddresses: i.allowPrivateAddresses, signal: call.signal }),
  'articles.versions': (i) => s.clip.versions(i.id),
  'articles.diff': (i) => s.clip.diff(i.id, i.from, i.to),
  'articles.snapshot': (i) => s.clip.snapshot(i.id, i.version),
  'articles.reextract': (i) => s.clip.reextract(i.id),
  'suggestions.list': (i) => {
    s.articles.require(i.articleId);
    return s.suggestions.list(i.articleId, i.includeDone);
  },
  'suggestions.rerun': (i) => s.suggestions.rerun(i.articleId, s.articles.require(i.articleId)),
  'suggestions.accept': (i) =>
    s.suggestions.accept(i.id, {
      ...(i.speaker !== undefined ? { speaker: i.speaker } : {}),
      ...(i.kind ? { kind: i.kind } : {}),
      ...(i.text !== undefined ? { text: i.text, ...(i.start !== undefined ? { start: i.start } : {}) } : {}),
    }),
  'suggestions.acceptSource': (i) => s.suggestions.acceptSource(i.id),
  'suggestions.dismiss': (i) => s.suggestions.dismiss(i.id),
  'clipper.list': () => s.clipper.list(),
  'clipper.approve': (i) => s.clipper.approve(i.clientId),
  'clipper.revoke': (i) => s.clipper.revoke(i.clientId),
  'clipper.bookmarklet': async () => {
    const origin = s.serverOrigin.current;
    if (origin === null) {
      throw new AppError('not-found', 'The browser clipper needs the local server; it is not running in this session.');
    }
    return { origin, bookmarklet: bookmarkletSource(origin, s.clipper.bookmarkletSecret()) };
  },
  // Rotating works without the server too (the old bookmarklets must stop working either way).
  'clipper.rotateSecret': async () => {
    const secret = s.clipper.rotateBookmarkletSecret();
    const origin = s.serverOrigin.current;
    return { origin, bookmarklet: origin === null ? null : bookmarkletSource(origin, secret) };
  },
});
