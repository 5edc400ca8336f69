import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ready, sendComplaint } from './helpers';

// axe runs as JavaScript inside the page, so it cannot run in the JavaScript-off
// project; the markup it checks is the same server render in both.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'axe needs JavaScript in the page');

async function expectNoViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

test('the form, the receipt and the tracking page have no accessibility violations', async ({ page }, testInfo) => {
  await page.goto('/lapor');
  await ready(page, testInfo);
  await expectNoViolations(page, '/lapor');

  const number = await sendComplaint(page, testInfo, {
    title: 'Antrean puskesmas terlalu lama',
    body: 'Setiap pagi antrean di puskesmas kecamatan lebih dari tiga jam karena loket hanya satu yang buka.',
  });
  await expectNoViolations(page, 'the receipt');

  await page.goto(`/lacak/${number.replaceAll('-', '')}`);
  await ready(page, testInfo);
  await expectNoViolations(page, '/lacak/{number}');
});

test('a form with errors is still accessible', async ({ page }, testInfo) => {
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.locator('#error-summary')).toBeVisible();
  await expectNoViolations(page, '/lapor with errors');
});

test('the public feed and an agency page have no accessibility violations', async ({ page }, testInfo) => {
  await page.goto('/laporan?jenis=pengaduan');
  await ready(page, testInfo);
  await expectNoViolations(page, '/laporan');
  await page.goto('/instansi/kab-3517');
  await ready(page, testInfo);
  await expectNoViolations(page, '/instansi/kab-3517');
});

test('the statistics page, its chart and the chart as a table have no accessibility violations', async ({ page }, testInfo) => {
  await sendComplaint(page, testInfo, {
    title: 'Statistik jalan rusak di desa',
    body: 'Jalan utama desa rusak parah sejak musim hujan dan belum ada perbaikan dari dinas.',
  });
  await page.goto('/statistik');
  await ready(page, testInfo);
  await expect(page.getByTestId('chart')).toBeVisible();
  // Every chart's table (reports per week, the status buckets, the time to follow-up).
  for (const summary of await page.getByText('Angka grafik sebagai tabel').all()) await summary.click();
  for (const table of ['chart-table', 'buckets-table', 'distribution-table']) {
    await expect(page.getByTestId(table)).toBeVisible();
  }
  await expectNoViolations(page, '/statistik');
});
