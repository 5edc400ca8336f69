import { expect, test, type Page } from '@playwright/test';
import { fillComplaint, ready, staff, toQueue } from './helpers';

// The installable app: a manifest, a service worker that keeps the citizen's shell, an
// offline send queue and "Laporan saya". Service workers need JavaScript.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'a service worker needs JavaScript');

/** Waits until the service worker controls the app (it installed and kept the shell). */
async function installed(page: Page): Promise<string> {
  return page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
}

/** What the service worker keeps, by path. */
async function kept(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test('the app installs, opens the form with no connection and never keeps a staff page', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(60_000);
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ short_name: 'LAPOR!', display: 'standalone', start_url: '/lapor', lang: 'id' });
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
  }
  const english = await (await request.get('/manifest.webmanifest', { headers: { Cookie: 'lapor_lang=en' } })).json();
  expect(english.lang).toBe('en');
  expect(english.description).not.toBe(manifest.description);

  await page.goto('/lapor');
  await ready(page, testInfo);
  expect(await installed(page)).toBe(`${testInfo.project.use.baseURL}/`);
  await expect.poll(() => kept(page)).toEqual(expect.arrayContaining(['/lapor', '/lacak', '/js/antrean.js']));

  // No connection: the form and the tracking shell still open.
  await page.context().setOffline(true);
  await page.goto('/lapor');
  await expect(page.getByRole('heading', { level: 1, name: 'Buat laporan' })).toBeVisible();
  await page.goto('/lacak');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.context().setOffline(false);

  // A staff member on the same phone: their pages pass by the app, never kept.
  const desk = await staff(browser, testInfo, 'nasional@demo.lapor.id');
  await desk.goto('/lapor');
  await installed(desk);
  await desk.goto('/ruang-kerja');
  await expect(desk.getByTestId('staff-name')).toBeVisible();
  const paths = await kept(desk);
  expect(paths.filter((path) => /^\/(ruang-kerja|masuk|demo|lacak\/)/.test(path))).toEqual([]);
});

test('a report written with no connection waits on the phone and is sent exactly once when it returns', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/lapor');
  await ready(page, testInfo);
  await installed(page);
  const title = `Lampu taman alun-alun padam ${Date.now()}`;
  await fillComplaint(page, testInfo, {
    title,
    body: 'Semua lampu taman di sisi barat alun-alun padam sejak Senin sehingga taman gelap gulita.',
  });

  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByTestId('offline-queued')).toBeVisible();
  await expect(page.getByTestId('offline-queued')).toContainText('menunggu dikirim');
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('lapor.antrean.v1') ?? '[]').length)).toBe(1);

  // The connection returns: the report goes, and the receipt with the PIN follows.
  await page.context().setOffline(false);
  await expect(page).toHaveURL(/\/lapor\/terkirim\/[2-9A-Z]{9}$/, { timeout: 20_000 });
  await expect(page.getByTestId('reporter-pin')).toBeVisible();
  const number = ((await page.getByTestId('tracking-number').textContent()) ?? '').trim();
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('lapor.antrean.v1') ?? '[]').length)).toBe(0);

  // Exactly one report on the server.
  const national = await staff(browser, testInfo, 'nasional@demo.lapor.id');
  await toQueue(national);
  await national.getByLabel('Cari di judul dan isi').fill(title);
  await national.getByRole('button', { name: 'Terapkan' }).click();
  await expect(national.getByRole('link', { name: /^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/ })).toHaveCount(1);
  await expect(national.getByRole('link', { name: number, exact: true })).toHaveCount(1);

  // "Laporan saya" lists it with its latest status, also with no connection.
  await page.goto('/laporan-saya');
  const mine = page.getByTestId('my-reports');
  await expect(mine).toContainText(number);
  await expect(mine).toContainText('Belum terverifikasi');
  await page.context().setOffline(true);
  await page.goto('/laporan-saya');
  await expect(mine).toContainText(number);
  await expect(mine).toContainText('Belum terverifikasi');
  await page.context().setOffline(false);
});
