// The auditor's proof and the truth of each page, in Chromium, on an app whose policy departs from
// the notice (a 3-second quarantine, as a demo runs): a purged user's page says "3 sekunder" and
// names the override; the receipt opens from the user's page without a token, reads on a phone and
// saves as HTML and JSON; the ledger page runs the chain check; a verification record shows each
// check; the decoded history download is readable. A row whose workflow Temporal lost reads
// "Mangler i Temporal" in the list and on its page, the dashboard leaves it out of the forecast, and
// an admin repairs it with one click and a reason. A customer's page lists its own lifecycle and its
// users', with both CRM and ERP deadlines, and its timeline shows the cascade with counts.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { writeProjection } from '../../lifecycles/shared/projectionStore';
import { chooseReason, axeLog, checkA11y, expectNoSidewaysScroll, launchChromium, PHONE, screenshot, signIn } from './chromium';
import { ADMIN, SERVICE, TOKENS, useApp } from '../support/harness';
import { projected, provisionUser, quarantinedUser } from '../support/http';
import { newUserBody, seedUser, uniqueId } from '../support/subjects';

beforeAll(() => ensureAdminUiBuilt());
const api = useApp({ worker: true, env: { RETENTION_USER_QUARANTINE: 'PT3S' }, prefix: 'proof-ui' });
let server: Server;
let base: string;
let browser: Browser;
let purged: Awaited<ReturnType<typeof quarantinedUser>>;
let missingId: string;
let missingUser: string;
let customerId: string;

beforeAll(async () => {
  server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  purged = await quarantinedUser(api);
  await projected(api, purged.workflowId, (r) => r.status === 'completed', 30_000);

  // A list row whose workflow Temporal does not have (lost in a restore, say).
  const { userId } = await seedUser(api.db);
  missingUser = userId;
  await api.db.userAccount.update({
    where: { id: userId },
    data: { status: 'deactivated', deactivatedAt: new Date(Date.now() - 3_600_000) },
  });
  missingId = `user-lifecycle-${userId}`;
  await writeProjection(api.db, {
    workflowId: missingId,
    runId: null,
    kind: 'user',
    subjectId: userId,
    customerId: null,
    phase: 'QUARANTINED',
    status: 'running',
    dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    onHold: false,
    policyVersion: 'nitd-2026.1',
    version: 1,
  });

  // A customer with two users, ended: the cascade terminates both.
  const u1 = await provisionUser(api);
  customerId = u1.customerId;
  const u2 = uniqueId('user');
  await request(api.app).put(`/api/v1/users/${u2}`).set(SERVICE).send(newUserBody(customerId)).expect(201);
  await request(api.app)
    .post(`/api/v1/customers/${customerId}/termination`)
    .set(SERVICE)
    .send({ reasonCode: 'customer-ended', note: 'avtalen utløp' })
    .expect(202);
  await projected(api, `customer-lifecycle-${customerId}`, (r) => r.phase === 'ENDED', 30_000);
  // The users' 3-second quarantine ends, and their purge takes their customer link with it.
  for (const userId of [u1.userId, u2]) await projected(api, `user-lifecycle-${userId}`, (r) => r.phase === 'PURGED', 30_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  console.log(`[axe] ${axeLog.length} pages checked: ${JSON.stringify(axeLog)}`);
});

const showUrl = (workflowId: string) => `${base}/#/lifecycles/${encodeURIComponent(workflowId)}/show`;

describe('the proof an auditor needs', () => {
  it('a purged user: the rule it ran under with its real duration, the override named, the decoded history', async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.goto(showUrl(purged.workflowId));
    const rule = page.getByTestId('rule');
    await rule.getByText('user.quarantine-purge: slettes etter 3 sekunder').waitFor();
    await rule.getByText(/Regel som ble brukt · ifølge hovedboken/).waitFor();
    await page
      .getByTestId('policy-override')
      .getByText(/karantene for brukere 3 sekunder i stedet for 30 dager/)
      .waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/Personopplysningene ble slettet \(bevis /)
      .waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/Slettingen ble kontrollert: ingenting personlig igjen/)
      .waitFor();
    await checkA11y(w, 'lifecycle-purged-demo');
    await screenshot(page, '30-lifecycle-purged-demo-policy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-history').click()]);
    const decoded = JSON.parse(readFileSync(await download.path(), 'utf8')) as { events: unknown[] };
    const text = JSON.stringify(decoded.events);
    expect(text).toContain('employee-left'); // the termination's reason code, readable once decoded
    expect(text).toContain('nitd-2026.2+userQuarantine=PT3S');
    expect(text).not.toContain('binary/encrypted');
    await w.close();
  });

  it('opens the receipt from the user page, reads it on a phone, saves it as HTML and JSON', async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.goto(`${base}/#/users/${purged.userId}/show`);
    await page.getByTestId('receipt-link').click();
    const receipt = page.getByTestId('receipt');
    await receipt.getByText('Ja: slettet i tide').waitFor();
    await receipt
      .getByText(/^sletting etter user.quarantine-purge fullført .*: i tide \(frist .*, policy nitd-2026.2\+userQuarantine=PT3S\)/)
      .waitFor();
    await receipt.getByText(/Kontrollen etter sletting fant ingenting personlig igjen/).waitFor();
    await receipt.getByText(/LoginFactor: 1 slettet; .*UserAccount: 1 anonymisert/).waitFor();
    await receipt.getByRole('cell', { name: 'personal columns not NULL' }).waitFor();
    expect(await page.title()).toBe(`Slettekvittering: Bruker ${purged.userId} · NITD livssykluskonsoll`);
    await checkA11y(w, 'receipt');
    await screenshot(page, '31-receipt');
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-html').click()]);
    const doc = readFileSync(await html.path(), 'utf8');
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).toContain('<html lang="nb">');
    expect(doc).toContain('Ja: slettet i tide');
    expect(doc).not.toMatch(/<script/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-json').click()]);
    expect(JSON.parse(readFileSync(await json.path(), 'utf8'))).toMatchObject({
      subjectId: purged.userId,
      erasedOnTime: { verdict: 'on-time' },
    });
    await page.emulateMedia({ media: 'print' });
    await page.pdf?.({ path: `${process.cwd()}/test-artifacts/admin-console/31-receipt.pdf` }).catch(() => undefined);
    await page.emulateMedia({ media: 'screen' });
    await w.close();

    const phone = await signIn(browser, base, TOKENS.auditor, PHONE);
    await phone.page.goto(`${base}/#/receipts/user/${purged.userId}`);
    await phone.page.getByTestId('receipt').getByText('Ja: slettet i tide').waitFor();
    await expectNoSidewaysScroll(phone.page);
    await checkA11y(phone, 'receipt-phone');
    await screenshot(phone.page, '32-receipt-phone');
    await phone.close();
  });

  it('runs the ledger check and shows a verification record with each check', async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.getByRole('menuitem', { name: 'Hovedbok' }).click();
    await page.getByTestId('ledger-check').click();
    await page.getByTestId('ledger-result').getByText('Begge kjedene er intakte').waitFor();
    // Each ledger on its own: the evidence and the admin actions, both intact.
    await page.getByTestId('ledger-evidence').getByRole('heading', { name: 'Bevis: Kjeden er intakt' }).waitFor();
    await page.getByTestId('ledger-admin-actions').getByRole('heading', { name: 'Administratorhandlinger: Kjeden er intakt' }).waitFor();
    expect(await page.title()).toBe('Hovedbok · NITD livssykluskonsoll');
    await checkA11y(w, 'ledger');
    await screenshot(page, '33-ledger');
    const verify = await api.db.evidence.findFirstOrThrow({ where: { workflowId: purged.workflowId, action: 'verify' } });
    await page.goto(`${base}/#/evidence/${verify.id}/show`);
    const checks = page.getByTestId('checks');
    await checks.getByRole('cell', { name: 'tombstone is not marked purged' }).waitFor();
    expect(await checks.locator('tbody tr').count()).toBe(7);
    await checkA11y(w, 'evidence-verification');
    await screenshot(page, '34-evidence-verification');
    await w.close();
  });
});

describe('what cannot happen is not shown as happening', () => {
  it('a row Temporal lost reads "Mangler i Temporal" in the list and on its page, is out of the forecast, and an admin repairs it', async () => {
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;
    w.expect(/\/history$/, 404); // Temporal has no history for it: the page says so
    await page
      .getByTestId('forecast-missing')
      .getByText(/finnes ikke i Temporal og vil ikke bli utført/)
      .waitFor();
    await page.mouse.move(1, 1);
    await screenshot(page, '35-dashboard-missing');
    await page.goto(`${base}/#/lifecycles?filter=${encodeURIComponent(JSON.stringify({ q: missingUser }))}`);
    const row = page.getByRole('row').filter({ hasText: missingUser });
    await row.getByText('Mangler i Temporal').waitFor();
    await screenshot(page, '36-list-missing');
    await row.click();
    await page
      .getByTestId('live-missing')
      .getByText(/Ingen sletting eller anonymisering vil skje før den er reparert/)
      .waitFor();
    await page.getByText('Temporal har ingen historikk for denne arbeidsflyten.').waitFor();
    await page.getByTestId('actions-why').waitFor();
    await checkA11y(w, 'lifecycle-missing');
    await screenshot(page, '37-lifecycle-missing');
    await page.getByTestId('live-missing').getByRole('button', { name: 'Reparer' }).click();
    await chooseReason(page, page, 'retting av funn fra samsvarskontrollen', { note: 'arbeidsflyt tapt ved gjenoppretting' });
    await page.getByRole('button', { name: 'Bekreft: reparer' }).click();
    await page.getByText('Reparer: utført').waitFor();
    await expect
      .poll(async () => (await request(api.app).get(`/api/admin/lifecycles/${missingId}/live`).set(ADMIN)).body.presence, {
        timeout: 20_000,
      })
      .not.toBe('missing');
    await page.reload();
    await page
      .getByTestId('timeline')
      .getByText(/Reparer av test-admin \(Administrator\): godtatt/)
      .waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/Oppsigelse mottatt/)
      .waitFor();
    await screenshot(page, '38-lifecycle-repaired');
    await w.close();
  });
});

describe('customers', () => {
  it("lists the customer's own lifecycle, says purged users are no longer linked, both deadlines, and the cascade with counts", async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.goto(`${base}/#/customers/${customerId}/show`);
    await page.getByTestId('customer-lifecycle').getByText('Avsluttet').waitFor();
    // Both users are purged: «kundetilknytning» is their personal data, so the purge cut their link
    // to the customer and the page says so; the cascade's counts below still show the two.
    await page.getByTestId('users-unlinked').waitFor();
    expect(await page.getByTestId('users-lifecycles').locator('tbody tr').count()).toBe(0);
    const deadlines = page.getByTestId('customer-deadlines');
    await deadlines.getByText(/CRM: anonymiseres innen 3 år: .*20(29|30)/).waitFor();
    // Without a legal duty ERP goes with the CRM step, on the same date.
    await deadlines.getByText(/ERP: anonymiseres sammen med CRM.*: .*20(29|30)/).waitFor();
    await checkA11y(w, 'customer');
    await screenshot(page, '39-customer');
    await page.getByTestId('customer-lifecycle').getByRole('link').first().click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Kundeforholdet ble registrert som avsluttet').waitFor();
    await timeline.getByText('Kundens brukere (oppsigelse): 2 behandlet, 0 hoppet over').waitFor();
    await page
      .getByTestId('deadlines')
      .getByText(/ERP anonymiseres/)
      .waitFor();
    await screenshot(page, '40-customer-lifecycle');
    await w.close();
  });
});
