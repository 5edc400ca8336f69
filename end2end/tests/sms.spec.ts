import { expect, test, type Page } from '@playwright/test';
import { openFromQueue, openStep, staff } from './helpers';

// SMS 1708 through the phone in the browser (/simulator/sms; scripts/e2e-server.sh turns
// it on), then through the workspace and back to the phone.
test.skip(!process.env.LAPOR_E2E_DATA, 'needs the simulator and demo staff of scripts/e2e-server.sh');

/** Sends `text` from the simulator phone and returns 1708's answer to it. */
async function sendSms(page: Page, text: string): Promise<string> {
  const received = page.locator('.sms-received');
  const before = await received.count();
  await page.getByLabel('Isi SMS').fill(text);
  await page.getByRole('button', { name: 'Kirim ke 1708' }).click();
  await expect(received).toHaveCount(before + 1);
  return (await received.last().locator('.sms-text').textContent()) ?? '';
}

test('an SMS report is verified and forwarded, the phone is told of each step, and CEK says the same', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  // A number and a story of this run's own.
  const phone = testInfo.project.name === 'hydrate' ? '0812 1708 0001' : '0812 1708 0002';
  const story = `Lampu jalan mati di Desa Sumberagung ${testInfo.project.name}`;
  await page.goto('/simulator/sms');
  await expect(page.getByRole('heading', { name: 'Simulator SMS 1708' })).toBeVisible();
  await page.getByLabel('Nomor HP pengirim').fill(phone);

  const receipt = await sendSms(page, `JOMBANGKAB ${story}`);
  expect(receipt).toContain('LAPOR! Laporan diterima.');
  expect(receipt).toMatch(/PIN \d{6}/);
  const number = /No\. ([0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3})/.exec(receipt)?.[1] ?? '';
  expect(number).not.toBe('');
  await expect(page.locator('.sms-sent').last()).toContainText(`JOMBANGKAB ${story}`);
  await expect(page.locator('.sms-received').last().locator('.sms-size')).toContainText('/160 karakter');

  // The national administrator finds it in the verification queue, routed by the keyword.
  const national = await staff(browser, testInfo, 'nasional@demo.lapor.id');
  await openFromQueue(national, 'Perlu diverifikasi', number, story);
  await expect(national.getByTestId('reporter-identity')).toContainText('+6281217080');
  await openStep(national, 'verify');
  const agencyPicker = national.getByLabel('Instansi tujuan (ketik untuk mencari)');
  await agencyPicker.fill('Kabupaten Jombang');
  await national.getByTestId('step-verify').click();
  await expect(national.getByTestId('report-status')).toHaveText('Terverifikasi');
  await openStep(national, 'forward');
  await national.getByTestId('step-forward').click();
  await expect(national.getByTestId('report-status')).toHaveText('Diteruskan');

  // The phone is told of each step without asking (the outbox's worker, every 2 s).
  await expect(async () => {
    await page.reload();
    await expect(page.locator('.sms-received', { hasText: `Laporan ${number} sudah diverifikasi` })).toHaveCount(1);
    await expect(page.locator('.sms-received', { hasText: `Laporan ${number} diteruskan ke Kabupaten Jombang` })).toHaveCount(1);
  }).toPass({ timeout: 30_000 });

  // And when it asks, it is told the same.
  const status = await sendSms(page, `CEK ${number}`);
  expect(status).toContain(`${number}: Diteruskan.`);
});
