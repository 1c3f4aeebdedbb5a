import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { demoCredentials } from '../../src/providers/demo-credentials.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { runBin } from '../helpers/run-bin.js';
import { tempConfig } from '../helpers/run-cli.js';

/**
 * The inspector page driven in a real headless browser: Debian's chromium through playwright-core (which downloads
 * no browser). `.ci/run` installs chromium when it is missing; where none can be had, these tests are skipped, and say
 * so in their title and on stderr.
 */

const CHROMIUM = process.env.FINTECH_CLI_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  process.stderr.write(`\n*** SKIPPING the inspector's browser tests: no chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set FINTECH_CLI_CHROMIUM. ***\n\n`);
}
/** docs/images/inspector.png with `npm run screenshot`; otherwise a temporary file, so a test run changes no tracked file. */
const SCREENSHOT = process.env.FINTECH_CLI_SCREENSHOT ?? join(tmpdir(), `fintech-cli-inspector-${process.pid}.png`);
/** How long the page may take to show a change: the event, a fetch of the state and a render, on a busy CI machine. */
const LIVE = { timeout: 15_000 };

let browser: Browser;
let emulator: RunningEmulator;
let receiver: Receiver;
let context: BrowserContext;
let page: Page;
let dialogs: string[];

beforeAll(async () => {
  if (!haveBrowser) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // As known to work on these machines: no sandbox as root, and no background connections to a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  if (!haveBrowser) return;
  emulator = await startEmulator({ port: 0, retryIntervalMs: 60_000 });
  receiver = await startReceiver(200);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(emulator.inspectorUrl);
  await expect.poll(() => page.locator('#live').textContent(), LIVE).toContain('Live');
});
afterEach(async () => {
  await context?.close();
  await receiver?.close();
  await emulator?.close();
});

const solarisBasic = `Basic ${Buffer.from(`${demoCredentials.solaris.client_id}:${demoCredentials.solaris.client_secret}`).toString('base64')}`;

async function solarisToken(): Promise<string> {
  const res = await fetch(`${emulator.url}/solaris/auth/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: solarisBasic, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=partners',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function subscribe(eventType: string): Promise<void> {
  const res = await fetch(`${emulator.url}/solaris/api/v1/webhooks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await solarisToken()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ event_type: eventType, url: receiver.url }),
  });
  expect(res.status).toBe(201);
}

/** A GiroIdent check as a backend creates one: a process token, exchanged for a user token, then the check. */
async function giroidentCheck(): Promise<string> {
  const client = demoCredentials.finapi;
  const processes = await fetch(`${emulator.url}/finapi/process/api/v1/processes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientId: client.client_id, clientSecret: client.client_secret, clientReferences: [{ clientReference: 'customer-42' }], processId: 'GIROIDENT' }),
  });
  const processToken = ((await processes.json()) as { processes: { processToken: string }[] }).processes[0]?.processToken;
  const exchanged = await fetch(`${emulator.url}/finapi/process/api/v1/processes/${processToken}`);
  const userToken = ((await exchanged.json()) as { accessToken: string }).accessToken;
  const created = await fetch(`${emulator.url}/finapi/giroident/api/v2/checks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ 'first-name': 'Erika', 'last-name': 'Mustermann', iban: 'DE89370400440532013000' }),
  });
  return ((await created.json()) as { 'check-id': string })['check-id'];
}

const requestRow = (text: string) => page.locator('#request-list button', { hasText: text });

describe.skipIf(!haveBrowser)(`the inspector in headless chromium${haveBrowser ? '' : ` (SKIPPED: no chromium at ${CHROMIUM})`}`, { timeout: 90_000 }, () => {
  it('shows a token request of the CLI live, with its credentials masked, and a webhook delivery it triggers', async () => {
    const config = await tempConfig();
    try {
      const run = await runBin(['auth', 'token', 'solaris', '--emulator'], { env: { FINTECH_CLI_EMULATOR_URL: emulator.url, ...config.env } });
      expect(run.code, run.stderr).toBe(0);
    } finally {
      await config.cleanup();
    }
    // No reload: the page hears of it over its event stream.
    await requestRow('/solaris/auth/oauth2/token').click();
    const detail = page.locator('#request-detail');
    await expect.poll(() => detail.textContent(), LIVE).toContain('Basic [REDACTED]');
    expect(await detail.textContent()).toContain('"access_token":"[REDACTED]"');
    expect(await detail.textContent()).not.toContain(demoCredentials.solaris.client_secret);

    await subscribe('BOOKING');
    await expect.poll(() => page.locator('#subscriptions').textContent(), LIVE).toContain(receiver.url);
    await page.locator('#trigger-type').selectOption('BOOKING');
    await page.locator('#trigger-entity').fill('booking-1');
    await page.getByRole('button', { name: 'Trigger' }).click();
    const delivery = page.locator('#notifications li.card').first();
    await expect.poll(() => delivery.textContent(), LIVE).toContain('delivered');
    expect(await delivery.textContent()).toContain('entity booking-1');
    expect(await delivery.textContent()).toContain(String(receiver.seen[1]?.headers['solaris-webhook-signature']));
    expect(receiver.seen.at(-1)?.headers['solaris-entity-id']).toBe('booking-1');
  });

  it('approves a GiroIdent check on the end-user page it links to, and the inspector shows it COMPLETED', async () => {
    const checkId = await giroidentCheck();
    const check = page.locator(`#checks li[data-check="${checkId}"]`);
    await expect.poll(() => check.textContent(), LIVE).toContain('NOT_STARTED');
    const [bank] = await Promise.all([context.waitForEvent('page'), check.getByRole('link', { name: 'Open the end-user page' }).click()]);
    await bank.waitForLoadState();
    expect(await bank.locator('#status').textContent()).toBe('IN_PROGRESS');
    await expect.poll(() => check.textContent(), LIVE).toContain('IN_PROGRESS');
    await bank.getByRole('button', { name: 'Log in and confirm' }).click();
    await expect.poll(() => bank.locator('#status').textContent(), LIVE).toBe('COMPLETED');
    await expect.poll(() => check.textContent(), LIVE).toContain('COMPLETED');
    expect(await check.textContent()).toContain('name equality: true');
    await bank.close();
  });

  it('shows a request holding markup as text, and runs nothing', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    await fetch(`${emulator.url}/solaris/api/${encodeURIComponent(markup)}`);
    await fetch(`${emulator.url}/soldo/oauth/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${encodeURIComponent('<script>alert(2)</script>')}&note=${encodeURIComponent(`${markup}\u001b[31m`)}`,
    });
    const row = requestRow(markup);
    await expect.poll(() => row.count(), LIVE).toBe(1);
    expect(await row.locator('.path').textContent()).toBe(`/solaris/api/${markup}`);
    await requestRow('/soldo/oauth/authorize').click();
    await expect.poll(() => page.locator('#request-detail pre').first().textContent(), LIVE).toContain('client_id=<script>alert(2)</script>');
    // The terminal escape is shown, not kept raw.
    expect(await page.locator('#request-detail pre').first().textContent()).toContain('\\x1b[31m');
    await row.click();
    await expect.poll(() => page.locator('#request-detail h3').textContent(), LIVE).toContain(markup);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate('document.querySelectorAll("img, #request-list script, #request-detail script").length')).toBe(0);
  });

  it('is usable at 320 px and by keyboard, keeps the focus across live updates, and filters by provider and failures', async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    await solarisToken();
    await fetch(`${emulator.url}/finapi/access/api/v2/nothing`);
    await expect.poll(() => page.locator('#request-list button').count(), LIVE).toBe(2);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);

    const first = requestRow('/solaris/auth/oauth2/token');
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#request-detail').isVisible(), LIVE).toBe(true);
    await first.focus();
    await solarisToken(); // a live update re-renders the list
    await expect.poll(() => page.locator('#request-list button').count(), LIVE).toBe(3);
    expect(await page.evaluate('document.activeElement.textContent')).toContain('/solaris/auth/oauth2/token');
    // The focused row is the oldest, now last: Shift+Tab reaches the one above it, Tab the next panel.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toContain('/finapi/access/api/v2/nothing');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('trigger-type');

    await page.locator('#request-failed').check();
    await expect.poll(() => page.locator('#request-list button').count(), LIVE).toBe(1);
    expect(await page.locator('#request-list').textContent()).toContain('/finapi/access/api/v2/nothing');
    await page.locator('#request-failed').uncheck();
    await page.locator('#request-provider').selectOption('solaris');
    await expect.poll(() => page.locator('#request-list button').count(), LIVE).toBe(2);
  });

  it('injects and clears a fault from the page, and draws the screenshot of docs/emulator.md', async () => {
    await subscribe('PERSON_CHANGED');
    await page.locator('#fault-method').selectOption('POST');
    await page.locator('#fault-path').fill('/solaris/api/v1/webhooks');
    await page.locator('#fault-count').fill('2');
    await page.getByRole('button', { name: 'Inject' }).click();
    await expect.poll(() => page.locator('#fault-list').textContent(), LIVE).toContain('2 call(s) left');
    const refused = await fetch(`${emulator.url}/solaris/api/v1/webhooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(503);
    await expect.poll(() => page.locator('#fault-list').textContent(), LIVE).toContain('1 call(s) left');
    await expect.poll(() => requestRow('/solaris/api/v1/webhooks').first().textContent(), LIVE).toContain('fault: status');

    // A busy moment for the screenshot: a delivery, a check, a contract violation.
    await page.locator('#trigger-type').selectOption('PERSON_CHANGED');
    await page.getByRole('button', { name: 'Trigger' }).click();
    await giroidentCheck();
    await fetch(`${emulator.url}/soldo/oauth/authorize`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await expect.poll(() => page.locator('#notifications').textContent(), LIVE).toContain('delivered');
    await requestRow('/soldo/oauth/authorize').click();
    await expect.poll(() => page.locator('#request-detail').textContent(), LIVE).toContain('Contract violation');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.evaluate('window.scrollTo(0, 0)');
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // A PNG of the viewport: its signature, then the IHDR chunk's width and height.
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 1000]);
    if (process.env.FINTECH_CLI_SCREENSHOT === undefined) await rm(SCREENSHOT);

    // A second fault, then each cleared: one by its own button, the rest with Clear every fault.
    await page.locator('#fault-method').selectOption('GET');
    await page.locator('#fault-path').fill('/soldo/business/v2/wallets');
    await page.locator('#fault-kind').selectOption('hang');
    await page.getByRole('button', { name: 'Inject' }).click();
    await expect.poll(() => page.locator('#fault-list li').count(), LIVE).toBe(2);
    await page.getByRole('button', { name: 'Clear the fault on GET /soldo/business/v2/wallets' }).click();
    await expect.poll(() => page.locator('#fault-list li').count(), LIVE).toBe(1);
    expect(await page.locator('#fault-list').textContent()).toContain('/solaris/api/v1/webhooks');
    await page.getByRole('button', { name: 'Clear every fault' }).click();
    await expect.poll(() => page.locator('#fault-list').textContent(), LIVE).toContain('No faults');
    expect((await fetch(`${emulator.url}/_admin/faults`).then((res) => res.json())) as unknown[]).toEqual([]);
  });
});
