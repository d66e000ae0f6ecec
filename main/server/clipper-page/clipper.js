// The clipper window, opened by the bookmarklet on the page the user wants to clip. It lives on
// Sourcebook's own origin, so its pairing key stays in this origin's storage, and it talks to the
// local server same-origin (no CORS). The page sends its live DOM, URL and selection by postMessage.
(() => {
  'use strict';
  const statusEl = document.getElementById('status');
  const detailEl = document.getElementById('detail');
  const closeButton = document.getElementById('close');
  const KEY_STORE = 'sourcebook-clipper-client';

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
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };

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
      const { status } = await post('/clipper/status', client);
      if (status === 'approved') return client;
      if (status !== 'pending') client = null;
    }
    if (!client) {
      client = await post('/clipper/pair', { name: navigator.userAgent.slice(0, 120) });
      localStorage.setItem(KEY_STORE, JSON.stringify(client));
    }
    show('Approve this browser in Sourcebook', '', 'Sourcebook shows a pairing request (Clip → Browser clipper). This window waits for it.');
    for (let i = 0; i < 300; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      const { status } = await post('/clipper/status', client);
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
    if (event.origin !== pageOrigin) return;
    handled = true;
    show('Clipping…', '', String(data.title || data.url));
    try {
      const client = await ensurePaired();
      show('Clipping…', '', String(data.title || data.url));
      const result = await post('/clipper/clip', {
        ...client,
        url: String(data.url),
        title: String(data.title || ''),
        html: String(data.html || ''),
        selection: String(data.selection || ''),
      });
      show(result.duplicate ? 'Already in Sourcebook ✓' : 'Clipped to Sourcebook ✓', 'ok', `${result.title}${result.quoteId ? ' — your selection was saved as a quote' : ''}`);
    } catch (error) {
      if (error && error.code === 'unauthorized') localStorage.removeItem(KEY_STORE);
      show('The clip did not arrive', 'error', error && error.message ? error.message : String(error));
    }
  });

  if (window.opener) window.opener.postMessage('sourcebook-ready', '*');
  else show('Open this window from the Sourcebook bookmarklet.', 'error');
  setTimeout(() => {
    if (!handled) show('No page arrived', 'error', 'The page did not send its content. Reload it and click the bookmarklet again.');
  }, 15000);
})();
