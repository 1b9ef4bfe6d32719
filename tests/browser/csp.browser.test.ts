// The console under the API's security headers (helmet): every page the console opens must load and
// run without one Content-Security-Policy violation, since a violation is a part of the console
// that silently stops working (a blocked script, style or request).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { launchChromium, signIn } from './chromium';
import { TOKENS, useApp } from '../support/harness';

beforeAll(() => ensureAdminUiBuilt());
const api = useApp();
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the console under the Content-Security-Policy', () => {
  it('signs in and opens every list without a CSP violation', async () => {
    const violations: string[] = [];
    const watch = (msg: ConsoleMessage) =>
      /Content Security Policy|Refused to (load|execute|apply|connect)/i.test(msg.text()) && violations.push(msg.text());
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;
    page.on('console', watch);
    const index = await page.request.get(`${base}/`);
    expect(index.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    for (const list of ['lifecycles', 'users', 'customers', 'evidence', 'reconciliation']) {
      await page.goto(`${base}/#/${list}`);
      await page.waitForLoadState('networkidle');
    }
    // The sign-in page too, loaded fresh with the listener attached from the start.
    const fresh = await browser.newPage();
    fresh.on('console', watch);
    await fresh.goto(`${base}/`);
    await fresh.getByLabel('API-nøkkel').waitFor();
    expect(violations).toEqual([]);
    await fresh.close();
    await w.close();
  });
});
