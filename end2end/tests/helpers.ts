import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { expect, test, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';

/** With JavaScript on, wait until the WASM has hydrated the islands before interacting. */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.project.name === 'hydrate') {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  }
}

export interface ReportInput {
  title: string;
  body: string;
  anonymous?: boolean;
  confidential?: boolean;
  /** Files for the attachments input (paths, or name + bytes). */
  files?: Parameters<Page['setInputFiles']>[1];
  /** How many of `files` the server should keep (default: all of them). */
  stored?: number;
}

/** Fills the citizen form with a complete complaint in Jombang, without sending it. With
 * JavaScript, chosen files are sent at once: this waits until the server stored them. */
export async function fillComplaint(page: Page, testInfo: TestInfo, input: ReportInput): Promise<void> {
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.locator('#classification-pengaduan').check();
  await page.getByLabel('Judul laporan', { exact: true }).fill(input.title);
  await page.getByLabel('Isi laporan (kronologi)', { exact: true }).fill(input.body);
  await pickRegency(page, testInfo);
  await page.getByLabel('Alamat atau patokan lokasi', { exact: true }).fill('Jl. Merdeka depan SDN 2');
  if (input.anonymous) await page.locator('#anonymous').check();
  if (input.confidential) await page.locator('#confidential').check();
  await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
  await page.getByLabel('Nomor HP', { exact: true }).fill('0812 3456 7890');
  if (input.files) {
    await page.locator('#lampiran').setInputFiles(input.files);
    if (testInfo.project.name === 'hydrate') {
      const count = Array.isArray(input.files) ? input.files.length : 1;
      await expect(page.locator('input[name="lampiran_token"]')).toHaveCount(input.stored ?? count);
    }
  }
}

/** Presses "Kirim laporan" on a complete form and waits for the receipt. When the server
 * first offers similar open public reports (earlier tests leave many), sends anyway. */
export async function submitReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  const receipt = /\/lapor\/terkirim\/[2-9A-Z]{9}$/;
  const similar = page.getByTestId('similar');
  await expect(async () => {
    expect(receipt.test(page.url()) || (await similar.isVisible())).toBe(true);
  }).toPass();
  if (!receipt.test(page.url())) await page.getByTestId('send-anyway').click();
  await expect(page).toHaveURL(receipt);
}

/** Fills the citizen form (see `fillComplaint`), sends it and returns the tracking number. */
export async function sendComplaint(page: Page, testInfo: TestInfo, input: ReportInput): Promise<string> {
  await fillComplaint(page, testInfo, input);
  await submitReport(page);
  const number = (await page.getByTestId('tracking-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
  return number;
}

/** `lapor ARGS…` on the database of the server under test (needs the server started by
 * playwright.config.ts: skip where LAPOR_E2E_URL points elsewhere). */
export function lapor(...args: (string | { input: string })[]): string {
  // A first argument `{ input }` is written to the command's standard input.
  const input = typeof args[0] === 'object' ? args.shift() as { input: string } : undefined;
  const data = process.env.LAPOR_E2E_DATA;
  if (!data) throw new Error('LAPOR_E2E_DATA is not set: the server was not started by the test run');
  return execFileSync(join(__dirname, '..', '..', 'target', 'release', 'lapor'), args as string[], {
    input: input?.input,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${data}/e2e.db`,
      LAPOR_SECRET_KEY_FILE: `${data}/lapor-secret.key`,
      RUST_LOG: 'error',
    },
    encoding: 'utf8',
  });
}

/** Takes report `number` from verification to a published follow-up, as staff would. */
export function publishFollowUp(number: string, text: string): void {
  const steps: string[][] = [
    ['national_admin', 'verify'],
    ['national_admin', 'forward', '--agency', 'kementerian-kesehatan'],
    ['agency_admin', 'dispose'],
    ['unit_operator', 'draft', '--text', text],
    ['liaison', 'publish'],
  ];
  for (const [role, action, ...extra] of steps) {
    lapor('report', 'act', number, '--role', role, '--action', action, ...extra);
  }
}

/** The tracking number as URLs carry it (no dashes). */
export function compact(number: string): string {
  return number.replaceAll('-', '');
}

/** Picks Jawa Timur, then Kabupaten Jombang (without JavaScript, the list of
 * kabupaten/kota comes after a round trip through the "update" button). */
export async function pickRegency(page: Page, testInfo: TestInfo): Promise<void> {
  await page.getByLabel('Provinsi', { exact: true }).selectOption({ label: 'Jawa Timur' });
  if (testInfo.project.name !== 'hydrate') {
    await page.getByRole('button', { name: 'Perbarui pilihan lokasi' }).click();
  }
  await page.getByLabel('Kabupaten/kota', { exact: true }).selectOption({ label: 'Kabupaten Jombang' });
}

/** A second phone (a browser context of its own: no cookies, no draft) like the test's,
 * on the server under test or at `baseURL`. */
export async function otherPhone(browser: Browser, testInfo: TestInfo, baseURL?: string): Promise<BrowserContext> {
  const use = testInfo.project.use;
  return browser.newContext({
    baseURL: baseURL ?? use.baseURL,
    viewport: use.viewport,
    userAgent: use.userAgent,
    deviceScaleFactor: use.deviceScaleFactor,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    javaScriptEnabled: use.javaScriptEnabled,
  });
}

// The demo password of `lapor seed --demo` (scripts/e2e-server.sh seeds the staff).
export const STAFF_PASSWORD = 'demo-lapor-1708';

/** A desktop browser of its own (staff work at a desk) for one staff member, signed in. */
export async function staff(browser: Browser, testInfo: TestInfo, email: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 1280, height: 800 },
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const page = await context.newPage();
  await page.goto('/masuk');
  await page.getByLabel('Email dinas', { exact: true }).fill(email);
  await page.getByLabel('Kata sandi', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(/\/ruang-kerja/);
  await expect(page.getByTestId('staff-name')).toBeVisible();
  await ready(page, testInfo);
  return page;
}

/** The workspace's navigation (the staff frame's header). */
export function staffNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Navigasi ruang kerja' });
}

/** From any workspace page to the queues (the role's first queue). */
export async function toQueue(page: Page): Promise<void> {
  await staffNav(page).getByRole('link', { name: 'Antrean', exact: true }).click();
  await expect(page).toHaveURL(/\/ruang-kerja\/antrean/);
  await expect(page.getByRole('navigation', { name: 'Antrean', exact: true })).toBeVisible();
}

/** Opens step `code` in a report's action panel: only its fields show. */
export async function openStep(page: Page, code: string): Promise<void> {
  await page.getByTestId(`open-${code}`).click();
  await expect(page.getByTestId(`step-${code}`)).toBeVisible();
}

/** Opens report `number` from the queue named `queue`, found by searching its title. */
export async function openFromQueue(page: Page, queue: string, number: string, title: string): Promise<void> {
  await toQueue(page);
  await page.getByRole('link', { name: new RegExp(`^${queue}`) }).click();
  await expect(page.getByRole('link', { name: new RegExp(`^${queue}`) })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Cari di judul dan isi').fill(title);
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await page.getByRole('link', { name: number, exact: true }).click();
  await expect(page.getByTestId('report-title')).toHaveText(title);
  // A whole page (a sign-in, a role switch) may have just loaded: its island must be
  // awake before the test acts or waits for live news.
  await ready(page, test.info());
}

