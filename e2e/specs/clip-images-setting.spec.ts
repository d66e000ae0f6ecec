import { expect, test } from '../fixtures/browser';
import { ClipTabs } from '../pages/clip-tabs';

// A library-wide setting: changed on the pristine library, so no clip of a parallel test sees it.
test.use({ library: 'pristine' });

test('the New article dialog changes where clipped images go, for the library', async ({ app, api, page }) => {
  const clip = new ClipTabs(page);
  const images = () => api.call<{ images: string }>('settings.get', {});
  await clip.open(app, 'URL');
  const keepRemote = clip.dialog.getByRole('checkbox', { name: 'Keep images on the web' });
  await expect(keepRemote).not.toBeChecked();
  await expect(keepRemote).toHaveAccessibleDescription(/copies of their images in the library/);

  await keepRemote.check();
  await expect(keepRemote).toHaveAccessibleDescription(/will not show offline/);
  await expect.poll(async () => (await images()).images).toBe('remote');

  // Kept for the next clip, in this dialog or another window.
  await page.reload();
  await clip.open(app, 'Paste');
  await expect(keepRemote).toBeChecked();
  await keepRemote.uncheck();
  await expect.poll(async () => (await images()).images).toBe('store');
  await app.expectNoErrors();
});
