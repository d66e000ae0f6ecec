import { ApiError } from '../../api/client';
import { describeError } from '../../lib/errors';

/**
 * A failed clip, said plainly (STYLE §9: what happened, and what to try). The API's message keeps
 * the specifics (the address, the HTTP status); the headline and the hint are chosen from the
 * error code and its details.
 */
export interface ClipProblem {
  /** A short headline: "Page not found (HTTP 404)". */
  title: string;
  /** The API's own sentence. */
  message: string;
  /** What to try next, when there is something to try. */
  hint?: string;
  /** The address was refused only because it is local or private: the checkbox would allow it. */
  isPrivateAddress?: boolean;
  /** The input itself is wrong (bad URL): shown at the field rather than as a failure. */
  isInvalidInput?: boolean;
}

function httpProblem(status: number): Pick<ClipProblem, 'title' | 'hint'> {
  if (status === 404 || status === 410) {
    return { title: `Page not found (HTTP ${status})`, hint: 'Check the address for typos; the page may have moved or been taken down. An archived copy (web.archive.org) can be clipped instead.' };
  }
  if (status === 401 || status === 403) {
    return { title: `Access refused (HTTP ${status})`, hint: 'The site refuses the request, often because it needs a login. Open the page in your browser and clip it with the browser clipper.' };
  }
  if (status === 429) return { title: 'Too many requests (HTTP 429)', hint: 'The site is limiting requests. Wait a few minutes and try again.' };
  if (status >= 500) return { title: `The site had an error (HTTP ${status})`, hint: 'The problem is on the site’s side. Try again later.' };
  return { title: `The site answered HTTP ${status}`, hint: 'Open the address in your browser to see what the site says.' };
}

export function describeClipProblem(error: unknown): ClipProblem {
  if (!(error instanceof ApiError)) {
    return { title: 'Could not clip', message: error instanceof Error && !(error instanceof TypeError) ? error.message : describeError(error) };
  }
  const { code, message, details } = error.info;
  switch (code) {
    case 'clip/fetch-failed': {
      if (details?.reason === 'private-address') {
        return {
          title: 'Local or private address refused',
          message,
          hint: 'Sourcebook does not fetch addresses on your own computer or network unless asked, so a page cannot make it reach into them. If you trust this address, tick “Allow local/private addresses” and clip again.',
          isPrivateAddress: true,
        };
      }
      if (typeof details?.status === 'number') return { ...httpProblem(details.status), message };
      if (details?.reason === 'timeout') return { title: 'The site did not answer in time', message, hint: 'Try again later, or check your connection.' };
      return { title: 'Could not fetch the page', message, hint: 'Check the address and your connection, then try again.' };
    }
    case 'clip/unsupported':
      return { title: 'Not a web page', message, hint: 'For a PDF, a document or an image, copy its text and add it in the Paste tab.' };
    case 'clip/too-large':
      return { title: 'Too large to clip', message, hint: 'Save the part you need as a page or paste its text instead.' };
    case 'validation':
      return { title: 'Check the input', message, isInvalidInput: true };
    case 'cancelled':
      return { title: 'Cancelled', message };
    default:
      return { title: 'Could not clip', message };
  }
}
