// The admin console in real headless Chromium against the real API, Postgres, Temporal dev server
// and worker, in Norwegian by default: an admin signs in (the app bar says who), filters quarantined
// users, finds one by part of its ID in another case, reads the rule with its duration in words and
// the history in plain language to the second, places a hold, cancels another lifecycle (no rule in
// force after), exports the list as CSV; an auditor finds no actions and no personal columns; English
// is one click away (react-admin's own words too); dark mode; a phone; unknown IDs; tab titles;
// the favicon. Every page is checked with axe-core, and console errors or failed requests fail.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import {
  chooseReason,
  axeLog,
  checkA11y,
  expectNoSidewaysScroll,
  launchChromium,
  openPage,
  PHONE,
  screenshot,
  signIn as signInAs,
} from './chromium';
import { ADMIN, SERVICE, TOKENS, useApp } from '../support/harness';
import { projected, quarantinedUser } from '../support/http';

// The console is built before the app is created: the app serves dist/admin-ui if it is there then.
beforeAll(() => ensureAdminUiBuilt());
const api = useApp({ worker: true });
let server: Server;
let base: string;
let browser: Browser;
let first: Awaited<ReturnType<typeof quarantinedUser>>;
let second: Awaited<ReturnType<typeof quarantinedUser>>;
/** Held by an admin with a reason before any test runs: what the auditor's test reads. */
let held: Awaited<ReturnType<typeof quarantinedUser>>;
const HOLD_REASON = 'revisjon av faktura';

beforeAll(async () => {
  server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [first, second] = [await quarantinedUser(api), await quarantinedUser(api)];
  // A third user erased at once, so the evidence page has a record of this run.
  const erased = await quarantinedUser(api);
  await request(api.app)
    .post(`/api/v1/users/${erased.userId}/erasure`)
    .set(SERVICE)
    .send({ reasonCode: 'gdpr-art17-request', note: 'krav om sletting' })
    .expect(202);
  held = await quarantinedUser(api);
  await request(api.app)
    .post(`/api/admin/lifecycles/${held.workflowId}/hold`)
    .set(ADMIN)
    .send({ reasonCode: 'legal-hold', note: HOLD_REASON })
    .expect(200);
  await projected(api, first.workflowId, (r) => r.phase === 'QUARANTINED');
  await projected(api, second.workflowId, (r) => r.phase === 'QUARANTINED');
  await projected(api, held.workflowId, (r) => r.onHold === true);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  console.log(`[axe] ${axeLog.length} pages checked: ${JSON.stringify(axeLog)}`);
});

const signIn = (token: string, viewport?: { width: number; height: number }) => signInAs(browser, base, token, viewport);
const showUrl = (workflowId: string) => `${base}/#/lifecycles/${encodeURIComponent(workflowId)}/show`;

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('admin console in Chromium', () => {
  it('refuses a wrong token on the sign-in page, in Norwegian, with the page named in the tab and a favicon', async () => {
    const w = await openPage(browser);
    w.expect(/\/api\/admin\/whoami$/, 401);
    await w.page.goto(`${base}/`);
    expect(await w.page.evaluate('document.documentElement.lang')).toBe('nb');
    await w.page.getByLabel('API-nøkkel').fill('wrong-token');
    await w.page.getByRole('button', { name: 'Logg inn' }).click();
    await w.page.getByText('Nøkkelen er ikke gyldig.').waitFor();
    expect(await w.page.title()).toBe('Logg inn · NITD livssykluskonsoll');
    const icon = await w.page.locator('link[rel="icon"]').getAttribute('href');
    expect((await fetch(`${base}${icon}`)).status).toBe(200);
    await checkA11y(w, 'login');
    await screenshot(w.page, '00-login-refused');
    await w.close();
  });

  it('an admin filters quarantined users, finds one by part of its ID in any case, reads rule and history, and places a hold', async () => {
    const w = await signIn(TOKENS.admin);
    const page = w.page;
    await page.getByTestId('whoami').getByText('Innlogget som test-admin, Administrator').waitFor();
    await page.getByText('Brukere: livssykluser').waitFor();
    await page.mouse.move(1, 1); // no chart tooltip in the picture
    await checkA11y(w, 'dashboard');
    await screenshot(page, '01-dashboard');

    await page.getByRole('menuitem', { name: 'Livssykluser' }).click();
    await chooseOption(page, 'Type', 'Bruker');
    await chooseOption(page, 'Fase', 'I karantene');
    await page.waitForURL(/QUARANTINED/);
    expect(await page.title()).toBe('Livssykluser · NITD livssykluskonsoll');
    // Part of the ID, upper case: the search matches anywhere, in any case.
    await page.getByPlaceholder('Søk i ID').fill(first.userId.slice(3).toUpperCase());
    await page.waitForURL(new RegExp(encodeURIComponent(first.userId.slice(3).toUpperCase()).replace(/%/g, '%25?')));
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const row = page.getByRole('row').filter({ hasText: first.userId });
    await row.getByText('Kjører').waitFor();
    await row.getByText(/om 30 dager/).waitFor();
    await checkA11y(w, 'lifecycle-list');
    await screenshot(page, '02-lifecycles-filtered');

    await row.click();
    await page.getByRole('heading', { name: `Bruker ${first.userId}` }).waitFor();
    expect(await page.title()).toBe(`Bruker ${first.userId} · NITD livssykluskonsoll`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(/Oppsigelse mottatt \(gjelder fra .*\d\d:\d\d:\d\d/).waitFor();
    await timeline.getByText('Kontoen ble deaktivert').waitFor();
    await timeline
      .getByText(/Venter til .* \(29 dager 23 timer|Venter til .* \(30 dager/)
      .first()
      .waitFor();
    const rule = page.getByTestId('rule');
    await rule.getByText('user.quarantine-purge: slettes etter 30 dager').waitFor();
    await rule.getByText(/ifølge arbeidsflyten selv/).waitFor();
    await page
      .getByTestId('due')
      .getByText(/CET|CEST/)
      .waitFor();
    expect(await page.getByText('P30D').count()).toBe(0);

    await page.getByRole('button', { name: 'Sett rettslig hold' }).click();
    const confirm = page.getByRole('button', { name: 'Bekreft: sett rettslig hold' });
    expect(await confirm.isDisabled()).toBe(true); // no reason yet
    await chooseReason(page, page, 'rettslig krav, tvist eller etterforskning', { note: 'tvist om faktura 2026-114' });
    await checkA11y(w, 'confirm-dialog');
    await confirm.click();
    await page.getByText('Sett rettslig hold: utført').waitFor();
    await timeline.getByText('Sett rettslig hold av test-admin (Administrator): godtatt').waitFor();
    // The history and the ledger keep the code; the note stays with the subject's data.
    await timeline.getByText('begrunnelse: rettslig krav, tvist eller etterforskning').first().waitFor();
    expect(await timeline.getByText('tvist om faktura 2026-114').count()).toBe(0);
    await timeline.getByText('Rettslig hold satt').waitFor();
    await page.getByText('klokken er stoppet av et rettslig hold').waitFor();
    // One order: every entry, history and admin actions alike, oldest first.
    const times = await Promise.all((await timeline.locator('li').all()).map(async (li) => (await li.getAttribute('data-at')) ?? ''));
    expect([...times].sort()).toEqual(times);
    await checkA11y(w, 'lifecycle-held');
    await screenshot(page, '03-lifecycle-held');
    await w.close();
  });

  it('an admin cancels another lifecycle with a reason; no rule is in force after', async () => {
    const w = await signIn(TOKENS.admin);
    const page = w.page;
    await page.goto(showUrl(second.workflowId));
    await page
      .getByTestId('timeline')
      .getByText(/Oppsigelse mottatt/)
      .waitFor();
    await page.getByRole('button', { name: 'Avbryt livssyklus' }).click();
    await chooseReason(page, page, 'startet eller meldt ved en feil');
    await page.getByRole('button', { name: 'Bekreft: avbryt livssyklus' }).click();
    await page.getByText('Avbryt livssyklus: utført').waitFor();
    await page.getByTestId('timeline').getByText('begrunnelse: startet eller meldt ved en feil').waitFor();
    await page.getByTestId('timeline').getByText('Livssyklusen ble avbrutt').waitFor();
    await page
      .getByTestId('no-rule')
      .getByText(/Ingen regel gjelder: livssyklusen er avbrutt/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Avbryt livssyklus' }).isDisabled()).resolves.toBe(true);
    await page.getByTestId('actions-why').waitFor();
    await screenshot(page, '04-lifecycle-cancelled');

    await page.getByRole('menuitem', { name: 'Bevis' }).click();
    await page.getByRole('row').filter({ hasText: 'user.erasure' }).first().waitFor();
    await checkA11y(w, 'evidence-list');
    await screenshot(page, '05-evidence');
    await page.getByRole('menuitem', { name: 'Brukere' }).click();
    await page.getByRole('columnheader', { name: 'E-post' }).waitFor();
    await checkA11y(w, 'users-admin');
    await screenshot(page, '06-users-admin');
    await w.close();
  });

  it('exports the whole filtered list as CSV through pages of 500, and says so', async () => {
    const w = await signIn(TOKENS.admin);
    const page = w.page;
    await page.goto(`${base}/#/lifecycles`);
    await page.locator('tbody tr').first().waitFor();
    const range = (await request(api.app).get('/api/admin/lifecycles?range=[0,0]').set(ADMIN)).headers['content-range'];
    const total = Number(String(range).split('/')[1]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('subjectId');
    expect(lines.length - 1).toBe(total);
    await page.getByText(new RegExp(`${total} rader eksportert`)).waitFor();
    await w.close();
  });

  it('an auditor reads the held lifecycle with its reason, finds no action buttons and no personal columns', async () => {
    const w = await signIn(TOKENS.auditor);
    const page = w.page;
    await page.getByTestId('whoami').getByText('Innlogget som test-auditor, Revisor (kun lesing)').waitFor();
    await page.goto(showUrl(held.workflowId));
    await page.getByTestId('timeline').getByText('Rettslig hold satt').waitFor();
    await page.getByTestId('timeline').getByText('begrunnelse: rettslig krav, tvist eller etterforskning').first().waitFor();
    // The note went to ActionNote, with the subject's data, not into the history the auditor reads.
    expect(await page.getByText(HOLD_REASON).count()).toBe(0);
    await page.getByTestId('download-history').waitFor();
    await expect(page.getByTestId('actions').count()).resolves.toBe(0);
    for (const name of ['Sett rettslig hold', 'Opphev hold', 'Gjenopprett', 'Slett nå', 'Avbryt livssyklus']) {
      await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);
    }
    await checkA11y(w, 'lifecycle-auditor');
    await screenshot(page, '07-lifecycle-auditor');
    await page.getByRole('menuitem', { name: 'Brukere' }).click();
    await page.getByRole('columnheader', { name: 'Bruker-ID' }).waitFor();
    await expect(page.getByRole('columnheader', { name: 'E-post' }).count()).resolves.toBe(0);
    await screenshot(page, '08-users-auditor');
    await w.close();
  });

  it('switches to English, react-admin included, and back; sets <html lang>; dark mode', async () => {
    const w = await signIn(TOKENS.admin);
    const page = w.page;
    await page.getByRole('button', { name: 'Norsk bokmål' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Due in the next 12 weeks').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('menuitem', { name: 'Lifecycles' }).click();
    await page.getByRole('button', { name: 'Add filter' }).waitFor(); // react-admin's own message
    await page.getByText(/^1-\d+ of \d+$/).waitFor();
    await screenshot(page, '09-lifecycles-english');
    await page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
    await page.goto(showUrl(first.workflowId));
    await page.getByTestId('rule').getByText('user.quarantine-purge: deleted after 30 days').waitFor();
    await checkA11y(w, 'lifecycle-dark-english');
    await screenshot(page, '10-lifecycle-dark-english');
    await page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Norsk bokmål' }).click();
    await page.getByTestId('rule').getByText('user.quarantine-purge: slettes etter 30 dager').waitFor();
    await w.close();
  });

  it('a deep link to an unknown lifecycle, user or page says it does not exist, on that address', async () => {
    const w = await signIn(TOKENS.auditor);
    const page = w.page;
    w.expect(/\/api\/admin\/(lifecycles|users)\/[^/]*nobody/, 404);
    // An old filter in the list must not turn the unknown ID into someone else's row.
    await page.goto(`${base}/#/lifecycles?filter=${encodeURIComponent(JSON.stringify({ q: first.userId }))}`);
    await page.locator('tbody tr').first().waitFor();
    await page.goto(showUrl('user-lifecycle-nobody-here'));
    await page.getByTestId('not-found').getByText('Det finnes ingen livssyklus med ID user-lifecycle-nobody-here.').waitFor();
    expect(page.url()).toContain('user-lifecycle-nobody-here');
    expect(await page.title()).toBe('Finnes ikke · NITD livssykluskonsoll');
    await checkA11y(w, 'not-found-lifecycle');
    await screenshot(page, '11-not-found-lifecycle');
    await page.goto(`${base}/#/users/nobody-at-all/show`);
    await page
      .getByTestId('not-found')
      .getByText(/Det finnes ingen bruker med ID nobody-at-all/)
      .waitFor();
    await page.goto(`${base}/#/no/such/page`);
    await page
      .getByTestId('not-found')
      .getByText(/Siden finnes ikke/)
      .waitFor();
    // No generic "element does not exist" left behind on the next page.
    await page.getByRole('menuitem', { name: 'Livssykluser' }).click();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.getByText('Posten finnes ikke').count()).toBe(0);
    await w.close();
  });

  it('works on a phone: a compact list, no sideways scrolling, the first screen shows rows', async () => {
    const w = await signIn(TOKENS.admin, PHONE);
    const page = w.page;
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'dashboard-phone');
    // A problem with a long workflow ID and an unbroken failure message (as a shared namespace or a
    // stack trace gives) scrolls inside its card, not the page.
    await page.route('**/api/admin/dashboard/checks', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      const long = 'x'.repeat(120);
      body.problems = [
        {
          workflowId: `user-lifecycle-${long}`,
          kind: 'user',
          subjectId: long,
          phase: 'QUARANTINED',
          problem: 'activity-retrying',
          activity: 'purgeUser',
          attempt: 7,
          lastFailure: `ConnectionRefused:${long}`,
        },
      ];
      await route.fulfill({ response: res, json: body });
    });
    await page.reload();
    await page.getByTestId('problems').waitFor();
    await expectNoSidewaysScroll(page);
    await page.unroute('**/api/admin/dashboard/checks');
    await screenshot(page, '12-dashboard-phone');
    // Filtered to this test's subject: unfiltered, the list is sorted by due date over every test's
    // lifecycles in the shared database, and others' can fill the first page.
    await page.goto(`${base}/#/lifecycles?filter=${encodeURIComponent(JSON.stringify({ q: first.userId }))}`);
    await page.getByRole('link').filter({ hasText: first.userId }).waitFor();
    await expectNoSidewaysScroll(page);
    // The first row is on the first screen, not pushed down by the filters.
    const firstRow = await page.locator('ul a[href*="lifecycles"]').first().boundingBox();
    expect(firstRow!.y).toBeLessThan(PHONE.height / 2);
    await checkA11y(w, 'lifecycle-list-phone');
    await page.screenshot({ path: `${process.cwd()}/test-artifacts/admin-console/13-lifecycles-phone.png` });
    await page.goto(showUrl(held.workflowId));
    await page.getByTestId('timeline').getByText('Rettslig hold satt').waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'lifecycle-phone');
    await screenshot(page, '14-lifecycle-phone');
    await w.close();
  });
});
