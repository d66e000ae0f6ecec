import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { ClipperPage } from '../pages/clip-clipper';
import { bookmarkletSecret } from '../pages/clipper-popup';

test('browser clipper: the bookmarklet is offered, and a pending pairing can be approved', async ({ app, page, origin, playwright, api }) => {
  const clipper = new ClipperPage(page);
  const name = uniqueTitle('Firefox on laptop');

  await clipper.open(app);
  await expect(clipper.bookmarklet).toHaveAttribute('href', /^javascript:/);
  await expect(clipper.bookmarklet).toHaveAttribute('draggable', 'true');
  await expect(clipper.copyButton).toBeVisible();
  await expect(clipper.tabs.dialog.getByRole('button', { name: 'Make a new bookmarklet (old ones stop working)' })).toBeVisible();
  // The e2e server runs on its own port, as Sourcebook does when its usual one is taken: the app says
  // what that means for bookmarklets saved earlier.
  await expect(clipper.tabs.dialog.getByRole('note', { name: 'Clipper port' })).toContainText(`listens on port ${new URL(origin).port} instead of Sourcebook’s usual 47321`);

  // What the clipper page does when a browser clicks the bookmarklet the first time (the real
  // bookmarklet, on a page of another site, runs in clip-bookmarklet.spec.ts), with the library
  // secret the bookmarklet hands it. That spec makes a new bookmarklet while this one may run, so
  // the secret is read again if it changed in between (a refused request pairs nothing).
  const request = await playwright.request.newContext({ baseURL: origin });
  await expect(async () => {
    const secret = bookmarkletSecret((await api.call<{ bookmarklet: string }>('clipper.bookmarklet', {})).bookmarklet);
    const response = await request.post('/clipper/pair', { headers: { Origin: origin }, data: { name, secret } });
    expect(response.ok()).toBe(true);
  }).toPass();
  await request.dispose();

  // The request raises a notification with Approve, and the list shows it as pending.
  await expect(app.notifications.getByText(`“${name}” asks to clip into this library.`, { exact: false })).toBeVisible();
  const client = clipper.client(name);
  await expect(client).toContainText('Waiting for approval');
  await client.getByRole('button', { name: 'Approve' }).click();
  await expect(client).toContainText('Approved');
  await expect(client.getByRole('button', { name: 'Revoke' })).toBeVisible();
  await expect(client.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await app.expectNoErrors();
});
