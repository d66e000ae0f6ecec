/**
 * The bookmarklet the app shows with a copy button. Clicked on any page, it opens Sourcebook's
 * clipper window (served by the local server) and hands it the page's live DOM — so logged-in and
 * paywalled pages clip as the user sees them —, its URL, title and the user's selection. The
 * clipper window, not the bookmarklet, talks to Sourcebook and tells the user whether it arrived.
 */
export function bookmarkletSource(serverOrigin: string): string {
  const origin = JSON.stringify(serverOrigin);
  const body = `
(function(){
  var o=${origin};
  var w=window.open(o+'/clipper','sourcebook_clipper','width=440,height=300');
  if(!w){alert('Sourcebook: allow pop-ups for this site to clip it.');return;}
  var d={type:'sourcebook-clip',url:location.href,title:document.title,
    html:document.documentElement.outerHTML,selection:String(window.getSelection()||'')};
  function send(e){ if(e.source===w&&e.data==='sourcebook-ready'){ w.postMessage(d,o); window.removeEventListener('message',send);} }
  window.addEventListener('message',send);
})();`;
  return `javascript:${encodeURIComponent(body.replace(/\n\s*/g, ''))}`;
}
