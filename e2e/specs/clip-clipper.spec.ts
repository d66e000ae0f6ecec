import { expect, test } from '../fixtures/browser';
import { uniqueTitle } from '../fixtures/env';
import { ClipperPage } from '../pages/clip-clipper';

test('browser clipper: the bookmarklet is offered, and a pending pairing can be approved', async ({ app, page, origin, playwright }) => {
  const clipper = new ClipperPage(page);
  const name = uniqueTitle('Firefox on laptop');

  await clipper.open(app);
  await expect(clipper.bookmarklet).toHaveAttribute('href', /^javascript:/);
  await expect(clipper.bookmarklet).toHaveAttribute('draggable', 'true');
  await expect(clipper.copyButton).toBeVisible();

  // What the clipper page does when a browser clicks the bookmarklet the first time.
  const request = await playwright.request.newContext({ baseURL: origin });
  const response = await request.post('/clipper/pair', { headers: { Origin: origin }, data: { name } });
  expect(response.ok()).toBe(true);
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
