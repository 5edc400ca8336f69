import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Chromium comes from Debian (/usr/bin/chromium); never run `npx playwright install`
// (it downloads a browser from the internet, which these machines cannot reach).
const CHROMIUM = process.env.LAPOR_CHROMIUM ?? '/usr/bin/chromium';

// LAPOR_E2E_URL: test an already-running server (no webServer is started).
// Otherwise scripts/e2e-server.sh starts the release build on LAPOR_E2E_PORT, which is
// picked here once (free local port) and exported so worker processes, which load this
// file again, see the same value.
const externalUrl = process.env.LAPOR_E2E_URL?.replace(/\/+$/, '');
if (!externalUrl && !process.env.LAPOR_E2E_PORT) {
  process.env.LAPOR_E2E_PORT = execSync(
    `python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'`,
    { encoding: 'utf8' },
  ).trim();
}
// The server's data folder (SQLite database, attachments), made once here for the same
// reason: tests move reports along with `lapor report act` on the same database.
if (!externalUrl && !process.env.LAPOR_E2E_DATA) {
  process.env.LAPOR_E2E_DATA = mkdtempSync(join(tmpdir(), 'lapor-e2e-'));
}
// The socialization-mode server (`lapor demo`, tests/demo.spec.ts), on a port and data
// folder of its own.
if (!externalUrl && !process.env.LAPOR_E2E_DEMO_PORT) {
  process.env.LAPOR_E2E_DEMO_PORT = execSync(
    `python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'`,
    { encoding: 'utf8' },
  ).trim();
  process.env.LAPOR_E2E_DEMO_DATA = mkdtempSync(join(tmpdir(), 'lapor-e2e-demo-'));
}
if (!externalUrl) {
  process.env.LAPOR_E2E_DEMO_URL = `http://127.0.0.1:${process.env.LAPOR_E2E_DEMO_PORT}`;
}
const demoPort = process.env.LAPOR_E2E_DEMO_PORT;
const port = process.env.LAPOR_E2E_PORT;
const baseURL = externalUrl ?? `http://127.0.0.1:${port}`;

const { defaultBrowserType: _ignored, ...pixel5 } = devices['Pixel 5'];

export default defineConfig({
  testDir: 'tests',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: Number(process.env.LAPOR_E2E_WORKERS ?? 1),
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'hydrate',
      use: { ...pixel5, browserName: 'chromium', javaScriptEnabled: true },
    },
    {
      name: 'ssr',
      use: { ...pixel5, browserName: 'chromium', javaScriptEnabled: false },
    },
  ],
  webServer: externalUrl
    ? undefined
    : [
        {
          command: 'bash ../scripts/e2e-server.sh',
          url: `${baseURL}/`,
          env: { LAPOR_E2E_PORT: String(port), LAPOR_E2E_DATA: String(process.env.LAPOR_E2E_DATA) },
          reuseExistingServer: false,
          timeout: 60_000,
          // SIGTERM (not the default SIGKILL) so the script removes its temporary database.
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
          stdout: 'pipe',
          stderr: 'pipe',
        },
        {
          command: 'bash ../scripts/e2e-server.sh demo',
          url: `http://127.0.0.1:${demoPort}/demo`,
          env: { LAPOR_E2E_PORT: String(demoPort), LAPOR_E2E_DATA: String(process.env.LAPOR_E2E_DEMO_DATA) },
          reuseExistingServer: false,
          timeout: 90_000,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
          stdout: 'pipe',
          stderr: 'pipe',
        },
      ],
});
