/** How long the bookmarklet waits for the clipper window (a loopback page: it loads in well under a second). */
const READY_TIMEOUT_MS = 10_000;

/**
 * The port the local server asks for, so a saved bookmarklet keeps working from one run to the
 * next. When it is taken the server runs on another one and says so (main/server/browser-mode.ts).
 */
export const DEFAULT_CLIPPER_PORT = 47321;

/**
 * The bookmarklet the app shows with a copy button. Clicked on any page, it opens Sourcebook's
 * clipper window (served by the local server) and hands it the page's live DOM — so logged-in and
 * paywalled pages clip as the user sees them —, its URL, title and the user's selection. The
 * clipper window, not the bookmarklet, talks to Sourcebook and tells the user whether it arrived.
 *
 * When that window never says it is ready, the bookmarklet itself says the page was not clipped:
 * nothing listens at the saved address (Sourcebook is not running, or it started on another port
 * than the one this bookmarklet was copied with), or the site cuts the link to the windows it
 * opens (its own Cross-Origin-Opener-Policy), which no header of ours can restore.
 *
 * `secret` is the library's bookmarklet secret (main/services/clipper-service.ts). Any site can
 * open the clipper window and message it; only a message carrying the secret is clipped, and only
 * this bookmarklet, shown inside the app, holds it.
 */
export function bookmarkletSource(serverOrigin: string, secret: string): string {
  const origin = JSON.stringify(serverOrigin);
  const notAnswered = JSON.stringify(
    ', so this page was not clipped. Is Sourcebook running? If it now runs on another port, copy the bookmarklet again ' +
      '(Clip → Browser clipper). If its window says to open it from the bookmarklet, this site blocks that link: clip the page by its address in Sourcebook.',
  );
  const body = `
(function(){
  var o=${origin};
  var w=window.open(o+'/clipper','sourcebook_clipper','width=440,height=300');
  if(!w){alert('Sourcebook: allow pop-ups for this site to clip it.');return;}
  var d={type:'sourcebook-clip',secret:${JSON.stringify(secret)},url:location.href,title:document.title,
    html:document.documentElement.outerHTML,selection:String(window.getSelection()||'')};
  var sent=false;
  function send(e){ if(e.source===w&&e.data==='sourcebook-ready'){ sent=true; w.postMessage(d,o); window.removeEventListener('message',send);} }
  window.addEventListener('message',send);
  setTimeout(function(){ if(!sent){ window.removeEventListener('message',send); alert('Sourcebook did not answer at '+o+${notAnswered}); } },${READY_TIMEOUT_MS});
})();`;
  return `javascript:${encodeURIComponent(body.replace(/\n\s*/g, ''))}`;
}

