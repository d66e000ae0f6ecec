// The clipper window, opened by the bookmarklet on the page the user wants to clip. It lives on
// Sourcebook's own origin, so its pairing key stays in this origin's storage, and it talks to the
// local server same-origin (no CORS). The page sends its live DOM, URL and selection by postMessage.
// Any site can open this window and message it, so the message also carries the library's
// bookmarklet secret (only the app's bookmarklet has it), which every request passes on: the
// server refuses a request without it, and this window says so.
(() => {
  'use strict';
  const statusEl = document.getElementById('status');
  const detailEl = document.getElementById('detail');
  const selectionEl = document.getElementById('selection');
  const closeButton = document.getElementById('close');
  const KEY_STORE = 'sourcebook-clipper-client';
  // Set with the server's refusal of a bookmarklet (clipper-service.ts BOOKMARKLET_REFUSED).
  const BOOKMARKLET_REFUSED = 'bookmarklet-secret';
  let secret;

  const show = (text, kind, detail) => {
    statusEl.textContent = text;
    statusEl.className = kind || '';
    detailEl.textContent = detail || '';
    if (kind === 'ok' || kind === 'error') closeButton.hidden = false;
  };
  closeButton.addEventListener('click', () => window.close());

  const post = async (path, body) => {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    let result;
    try {
      result = await response.json();
    } catch {
      throw new Error(`Sourcebook answered ${response.status} without a readable body.`);
    }
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details || {} });
    return result.value;
  };
  // Every request carries the bookmarklet's secret; a bookmarklet saved before it had one sends none.
  const postWithSecret = (path, body) => post(path, secret === undefined ? body : { ...body, secret });

  const loadClient = () => {
    try {
      return JSON.parse(localStorage.getItem(KEY_STORE) || 'null');
    } catch {
      return null;
    }
  };

  async function ensurePaired() {
    let client = loadClient();
    if (client) {
      const { status } = await postWithSecret('/clipper/status', client);
      if (status === 'approved') return client;
      if (status !== 'pending') client = null;
    }
    if (!client) {
      client = await postWithSecret('/clipper/pair', { name: navigator.userAgent.slice(0, 120) });
      localStorage.setItem(KEY_STORE, JSON.stringify(client));
    }
    show('Approve this browser in Sourcebook', '', 'Sourcebook shows a pairing request (Clip → Browser clipper). This window waits for it.');
    for (let i = 0; i < 300; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      const { status } = await postWithSecret('/clipper/status', client);
      if (status === 'approved') return client;
      if (status !== 'pending') throw new Error('The pairing request was denied in Sourcebook.');
    }
    throw new Error('Nobody approved the pairing request in time; click the bookmarklet again.');
  }

  let handled = false;
  window.addEventListener('message', async (event) => {
    const data = event.data;
    if (handled || !data || data.type !== 'sourcebook-clip') return;
    // Only the page being clipped may send itself: a page cannot push someone else's URL.
    let pageOrigin;
    try {
      pageOrigin = new URL(String(data.url)).origin;
    } catch {
      return;
    }
    if (event.origin !== pageOrigin || event.source !== window.opener) return;
    handled = true;
    if (typeof data.secret === 'string') secret = data.secret;
    show('Clipping…', '', String(data.title || data.url));
    try {
      const client = await ensurePaired();
      show('Clipping…', '', String(data.title || data.url));
      const result = await postWithSecret('/clipper/clip', {
        ...client,
        url: String(data.url),
        title: String(data.title || ''),
        html: String(data.html || ''),
        selection: String(data.selection || ''),
      });
      show(result.duplicate ? 'Already in Sourcebook ✓' : 'Clipped to Sourcebook ✓', 'ok', result.title);
      // The page arrived either way; what became of the selection is said apart, and a selection
      // that is not in the article is a warning, not a quiet "✓".
      if (result.selection) {
        selectionEl.textContent = result.selection.message;
        selectionEl.className = result.selection.status === 'not-in-article' ? 'warn' : '';
        selectionEl.hidden = false;
      }
    } catch (error) {
      const message = error && error.message ? error.message : String(error);
      if (error && error.details && error.details.reason === BOOKMARKLET_REFUSED) {
        // The bookmarklet (or a site posing as one) is refused, not this browser: its pairing stays.
        const heading =
          error.details.secret === 'missing'
            ? 'This bookmarklet is out of date — copy it again from Sourcebook.'
            : 'This bookmarklet is not from this library — copy it again from Sourcebook.';
        show(heading, 'error', message);
        return;
      }
      if (error && error.code === 'unauthorized') localStorage.removeItem(KEY_STORE);
      show('The clip did not arrive', 'error', message);
    }
  });

  if (window.opener) window.opener.postMessage('sourcebook-ready', '*');
  else {
    show(
      'Open this window from the Sourcebook bookmarklet.',
      'error',
      'It has no link to a page to clip. Click the bookmarklet on the page you want to keep. If it keeps showing this, the site cuts its link to the windows it opens: clip it by its address in Sourcebook (Clip → URL).',
    );
  }
  setTimeout(() => {
    if (!handled) show('No page arrived', 'error', 'The page did not send its content. Reload it and click the bookmarklet again.');
  }, 15000);
})();
