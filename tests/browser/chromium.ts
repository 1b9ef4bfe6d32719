// Headless Debian Chromium through playwright-core (it cannot download a browser here; .ci/run
// installs /usr/bin/chromium). Every page a test opens is watched: a console error or a failed
// request fails the test unless the test said it expects that answer (a 404 it asked for); every
// page visited gets an axe-core check (no serious or critical violation). Screenshots go to
// test-artifacts/ (gitignored) for people to look at, at 1440×900 and 390×844.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/admin-console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Answers (path pattern and status) this test asks for on purpose, e.g. a 404 for an unknown ID. */
  expect(pattern: RegExp, status: number): void;
  /** Console errors and failed requests nobody expected; checked when the page closes. */
  problems: string[];
  /** axe-core results per page checked: serious and critical violations by rule. */
  axe: { name: string; violations: { id: string; impact: string | null | undefined; nodes: number }[] }[];
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' };

export const axeLog: { page: string; viewport: string; violations: number; rules: string[] }[] = [];

export async function openPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    locale: 'nb-NO',
    timezoneId: 'UTC', // the console must show Oslo time whatever the browser's zone
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const expected: { pattern: RegExp; status: number }[] = [];
  const problems: string[] = [];
  const isExpected = (url: string, status: number) => expected.some((e) => e.status === status && e.pattern.test(url));
  const seen: number[] = [];
  page.on('response', (res) => {
    if (res.status() < 400) return;
    if (isExpected(res.url(), res.status())) seen.push(res.status());
    else problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    // A download the test saved, or a request the page dropped on navigation, is not a failure.
    const reason = req.failure()?.errorText ?? '';
    if (!/ERR_ABORTED/.test(reason)) problems.push(`request failed: ${req.method()} ${req.url()} ${reason}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Chromium also logs each 4xx/5xx answer; those are judged by the response handler above.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) return;
    // react-admin logs the HTTP error of an answer the test asked for (e.g. "Not Found" for a 404).
    if (seen.some((status) => text.includes(STATUS_TEXT[status] ?? '\u0000'))) return;
    problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const watched: WatchedPage = {
    page,
    context,
    expect: (pattern, status) => expected.push({ pattern, status }),
    problems,
    axe: [],
    async close() {
      await context.close();
      expect(problems, 'console errors or failed requests').toEqual([]);
    },
  };
  return watched;
}

/** Signs in on a fresh watched page and waits for the dashboard. */
export async function signIn(browser: Browser, base: string, token: string, viewport = DESKTOP): Promise<WatchedPage> {
  const w = await openPage(browser, { viewport });
  await w.page.goto(`${base}/`);
  await w.page.getByLabel('API-nøkkel').fill(token);
  await w.page.getByRole('button', { name: 'Logg inn' }).click();
  await w.page.getByText('Frister de neste 12 ukene').waitFor();
  return w;
}

/** axe-core on the page as it is now: zero serious or critical violations, recorded for the report. */
export async function checkA11y(w: WatchedPage, name: string): Promise<void> {
  // Colours in mid-transition (a button fading in) are not the page's colours: let them settle.
  await w.page.evaluate(`Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))`);
  const results = await new AxeBuilder({ page: w.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const viewport = w.page.viewportSize();
  axeLog.push({ page: name, viewport: `${viewport?.width}x${viewport?.height}`, violations: bad.length, rules: bad.map((v) => v.id) });
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.failureSummary ?? ''}`).join(' | ')}`,
    ),
    `axe on ${name}`,
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Nothing on the page is wider than the screen: no sideways scrolling on a phone. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = (await page.evaluate('({ doc: document.documentElement.scrollWidth, view: window.innerWidth })')) as {
    doc: number;
    view: number;
  };
  expect(widths.doc, 'page width on a phone').toBeLessThanOrEqual(widths.view);
}

/** Picks a reason code by its label in the confirm dialog, and writes a note when given one. */
export async function chooseReason(scope: Page | Locator, page: Page, codeLabel: string, opts: { required?: boolean; note?: string } = {}) {
  const label = opts.required === false ? 'Begrunnelse (valgfri)' : 'Begrunnelse (påkrevd)';
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: codeLabel, exact: true }).click();
  if (opts.note) await scope.getByLabel('Merknad (valgfri)').fill(opts.note);
}
