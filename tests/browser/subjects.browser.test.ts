// The pages of any kind, in Chromium, on support cases (the first kind without pages of its own):
// the list and a case's page for an admin with the requester's details, a link from the case to
// its lifecycle (where the actions are), and the same pages for an auditor with no personal field in
// the HTML at all; axe on every page and no sideways scrolling on a phone.
import { mkdirSync, copyFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { ARTIFACTS, axeLog, checkA11y, expectNoSidewaysScroll, launchChromium, PHONE, screenshot, signIn } from './chromium';
import { SERVICE, TOKENS, useApp } from '../support/harness';
import { projected } from '../support/http';
import { uniqueId } from '../support/subjects';

beforeAll(() => ensureAdminUiBuilt());
const api = useApp({ worker: true, prefix: 'kinds-ui' });
let server: Server;
let base: string;
let browser: Browser;
let caseId: string;
const email = `oda.${uniqueId('x')}@utenfor.example`;
const requester = { kind: 'external', name: 'Oda Utenfor', email, phone: '+47 912 34 567' };

beforeAll(async () => {
  server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const created = await request(api.app)
    .post('/api/v1/support-cases')
    .set(SERVICE)
    .send({
      requester,
      subject: 'VPN feiler etter oppdatering',
      description: 'Hei, klienten 5.2.1 gir feilkode 0x80070005 ved pålogging. Passord: Hemmelig123!',
    })
    .expect(201);
  caseId = created.body.id;
  await projected(api, `supportCase-lifecycle-${caseId}`, (r) => r.phase === 'OPEN', 30_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  console.log(`[axe] ${axeLog.length} pages checked: ${JSON.stringify(axeLog)}`);
  // Copies for people to look at outside the worktree.
  const out = '/tmp/shots-kindpages';
  mkdirSync(out, { recursive: true });
  for (const name of [
    '60-support-cases',
    '61-support-case',
    '62-support-case-lifecycle',
    '63-support-cases-auditor',
    '64-support-case-auditor',
    '65-support-cases-phone',
    '66-support-case-phone',
  ])
    try {
      copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(out, `${name}.png`));
    } catch {
      // a test that failed before its screenshot
    }
});

describe('the pages of any kind, on support cases', () => {
  it('an admin lists the cases, opens one with its requester, and follows it to its lifecycle', async () => {
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;
    // The dashboard counts the new kind's lifecycles like every kind's (it iterates the API's kinds).
    await page.getByTestId('counts-supportCase').getByText('Supportsaker: livssykluser').waitFor();
    await page.getByRole('menuitem', { name: 'Supportsaker' }).click();
    await page.getByRole('columnheader', { name: 'Innmelders e-post' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: caseId });
    await row.getByText(email).waitFor();
    await row.getByText('Åpen').waitFor();
    expect(await page.title()).toBe('Supportsaker · NITD livssykluskonsoll');
    await checkA11y(w, 'support-cases');
    await screenshot(page, '60-support-cases');

    await row.click();
    await page.getByText('Oda Utenfor').waitFor();
    await page.getByText('VPN feiler etter oppdatering').waitFor();
    await page.getByText('passord: 1').waitFor(); // the intake's count, by type
    await page.getByText('utenforstående').waitFor();
    expect(await page.content()).not.toContain('Hemmelig123!');
    expect(await page.title()).toBe(`Supportsak ${caseId} · NITD livssykluskonsoll`);
    await checkA11y(w, 'support-case');
    await screenshot(page, '61-support-case');

    await page.getByRole('link', { name: `supportCase-lifecycle-${caseId}` }).click();
    await page.waitForURL(/#\/lifecycles\/supportCase-lifecycle-/);
    await page.getByTestId('timeline').waitFor();
    // The lifecycle's subject links back to the case's page.
    await page.getByRole('link', { name: caseId }).first().waitFor();
    // Temporal's part settled (its loading notice gone), so axe reads the page's own colours.
    await page.getByTestId('live-loading').waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    await checkA11y(w, 'support-case-lifecycle');
    await screenshot(page, '62-support-case-lifecycle');
    await page.getByRole('link', { name: caseId }).first().click();
    await page.waitForURL(new RegExp(`#/support-cases/${caseId}/show`));
    await page.getByText('Oda Utenfor').waitFor();
    await w.close();
  });

  it('an auditor reads the same pages without a personal field anywhere in the HTML', async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.goto(`${base}/#/support-cases`);
    const row = page.getByRole('row').filter({ hasText: caseId });
    await row.getByText('Åpen').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Innmelders e-post' }).count()).toBe(0);
    for (const personal of [email, 'Oda Utenfor', 'VPN feiler', '912']) expect(await page.content()).not.toContain(personal);
    await checkA11y(w, 'support-cases-auditor');
    await screenshot(page, '63-support-cases-auditor');

    await row.click();
    await page.getByText('passord: 1').waitFor();
    await page.getByRole('link', { name: `supportCase-lifecycle-${caseId}` }).waitFor();
    const html = await page.content();
    for (const personal of [email, 'Oda Utenfor', 'VPN feiler', 'feilkode', '912']) expect(html).not.toContain(personal);
    expect(html).not.toContain('Innmelders e-post');
    await checkA11y(w, 'support-case-auditor');
    await screenshot(page, '64-support-case-auditor');

    // An unknown case says so on the followed address, like every subject.
    w.expect(/\/api\/admin\/support-cases\/no-such-case$/, 404);
    await page.goto(`${base}/#/support-cases/no-such-case/show`);
    await page.getByTestId('not-found').getByText('Det finnes ingen supportsak med ID no-such-case.').waitFor();
    expect(page.url()).toContain('#/support-cases/no-such-case/show');
    await w.close();
  });

  it('reads on a phone without sideways scrolling', async () => {
    const w = await signIn(browser, base, TOKENS.admin, PHONE);
    const page = w.page;
    await page.goto(`${base}/#/support-cases`);
    await page.getByText(caseId).first().waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'support-cases-phone');
    await screenshot(page, '65-support-cases-phone');
    await page.goto(`${base}/#/support-cases/${caseId}/show`);
    await page.getByText('Oda Utenfor').waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'support-case-phone');
    await screenshot(page, '66-support-case-phone');
    await w.close();
  });
});
