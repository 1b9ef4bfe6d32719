// Contacts and prospects in Chromium, on the pages of any kind: an admin finds them on the dashboard,
// opens the prospects' list and a prospect with its details, follows it to its lifecycle and places
// and releases a hold with reason codes; opens a departed contact person's lifecycle (its phase and
// deadline in a contact's words, restore offered); an auditor reads the same pages with no personal
// value anywhere in the HTML and no action button. Axe on every page, Norwegian labels, Oslo time,
// and no sideways scrolling on a phone.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { contactWorkflowId } from '../../lifecycles/contact/contract';
import { prospectWorkflowId } from '../../lifecycles/prospect/contract';
import { ARTIFACTS, axeLog, checkA11y, chooseReason, expectNoSidewaysScroll, launchChromium, PHONE, screenshot, signIn } from './chromium';
import { personalValuesIn } from '../support/contacts';
import { SERVICE, TOKENS, useApp } from '../support/harness';
import { projected } from '../support/http';
import { seedCustomer, uniqueId } from '../support/subjects';

beforeAll(() => ensureAdminUiBuilt());
// Days, not years: the deadlines fall inside the dashboard's 12 weeks.
const api = useApp({ worker: true, prefix: 'kinds6-ui', env: { RETENTION_CONTACT: 'P20D', RETENTION_PROSPECT: 'P30D' } });
let server: Server;
let base: string;
let browser: Browser;

const prospectId = uniqueId('prospect');
// Names of four letters or more that are no UI word: the leak check reads whole words.
const prospect = {
  name: 'Ingrid Prospektsen',
  type: 'private',
  email: `ingrid.${uniqueId('x')}@kunde.example`,
  phone: '+47 913 45 678',
  address: 'Storgata 17, 0155 Oslo',
};
const contactId = uniqueId('contact');
const contact = {
  firstName: 'Torbjørg',
  lastName: 'Kontaktsen',
  email: `torbjorg.${uniqueId('x')}@kunde.example`,
  phone: '+47 922 33 441',
};
const PERSONAL = [
  prospect.name,
  'Prospektsen',
  prospect.email,
  prospect.phone,
  'Storgata 17',
  contact.firstName,
  contact.lastName,
  contact.email,
  contact.phone,
];
let customerId: string;
/** A list filtered to one ID: unfiltered, other tests' rows in the shared database can fill the first page. */
const only = (resource: string, filter: Record<string, string>) =>
  `${base}/#/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** No personal value in the page's HTML, and no raw catalogue key such as nitd.kind.prospect shown. */
async function expectNothingPersonal(page: Page) {
  const html = await page.content();
  expect(personalValuesIn(html, PERSONAL)).toEqual([]);
  expect(await page.locator('body').innerText()).not.toMatch(/\b(nitd|resources)\.[a-z]/);
}

const SHOTS = [
  '70-prospects',
  '71-prospect',
  '72-prospect-lifecycle-held',
  '73-contacts',
  '74-contact-lifecycle',
  '75-prospects-auditor',
  '76-prospect-auditor',
  '77-contact-lifecycle-auditor',
  '78-prospects-phone',
  '79-contact-phone',
];

beforeAll(async () => {
  server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await request(api.app).put(`/api/v1/prospects/${prospectId}`).set(SERVICE).send(prospect).expect(201);
  customerId = await seedCustomer(api.db);
  const contactPath = `/api/v1/customers/${customerId}/contacts/${contactId}`;
  await request(api.app)
    .put(contactPath)
    .set(SERVICE)
    .send({ ...contact, role: 'Innkjøpsansvarlig' })
    .expect(201);
  await request(api.app).post(`${contactPath}/departure`).set(SERVICE).send({ reasonCode: 'left-company' }).expect(202);
  // A row as wide as the shared database can hold (long IDs and e-mails from other tests): the list
  // must scroll inside its card, never widen the page.
  await request(api.app)
    .put(`/api/v1/customers/${customerId}/contacts/${uniqueId('contact-with-a-long-identifier-from-another-system')}`)
    .set(SERVICE)
    .send({ firstName: 'Bredeste', lastName: 'Radsen', email: `bredeste.radsen.${uniqueId('x')}.${'lang'.repeat(12)}@kunde.example` })
    .expect(201);
  await projected(api, prospectWorkflowId(prospectId), (r) => r.phase === 'ACTIVE' && r.dueAt !== null, 30_000);
  await projected(api, contactWorkflowId(contactId), (r) => r.phase === 'DEPARTED' && r.dueAt !== null, 30_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  console.log(`[axe] ${axeLog.length} pages checked: ${JSON.stringify(axeLog)}`);
  const out = '/tmp/shots-kinds6';
  mkdirSync(out, { recursive: true });
  for (const name of SHOTS)
    try {
      copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(out, `${name}.png`));
    } catch {
      // a test that failed before its screenshot
    }
});

/** Temporal's part of a lifecycle page has settled, so axe and the screenshot see the page's own state. */
async function settled(page: Page) {
  await page.getByTestId('timeline').waitFor();
  await page.getByTestId('live-loading').waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
}

describe('contacts and prospects in the console', () => {
  it('an admin lists prospects, opens one, and holds and releases its lifecycle with reason codes', async () => {
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;
    await page.getByTestId('counts-prospect').getByText('Potensielle kunder: livssykluser').waitFor();
    await page.getByTestId('counts-contact').getByText('Kontaktpersoner: livssykluser').waitFor();
    await page.getByRole('menuitem', { name: 'Potensielle kunder' }).click();
    await page.getByRole('columnheader', { name: 'Siste kontakt' }).waitFor();
    await page.goto(only('prospects', { q: prospectId }));
    const row = page.getByRole('row').filter({ hasText: prospectId });
    await row.getByText(prospect.name).waitFor();
    await row.getByText('Privat').waitFor();
    expect(await page.title()).toBe('Potensielle kunder · NITD livssykluskonsoll');
    await checkA11y(w, 'prospects');
    await screenshot(page, '70-prospects');

    await row.click();
    await page.getByText(prospect.address).waitFor();
    await page
      .getByText(/CET|CEST/)
      .first()
      .waitFor(); // Oslo time, whatever the browser's zone
    expect(await page.title()).toBe(`Potensiell kunde ${prospectId} · NITD livssykluskonsoll`);
    await checkA11y(w, 'prospect');
    await screenshot(page, '71-prospect');

    await page.getByRole('link', { name: prospectWorkflowId(prospectId) }).click();
    await settled(page);
    await page.getByTestId('deadlines').getByText('Anonymiseres (regnet fra siste kontakt)').waitFor();
    await page.getByRole('button', { name: 'Sett rettslig hold' }).click();
    await chooseReason(page, page, 'rettslig krav, tvist eller etterforskning', { note: 'tvist om tilbud 2026-7' });
    await page.getByRole('button', { name: 'Bekreft: sett rettslig hold' }).click();
    await page.getByText('Sett rettslig hold: utført').waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Rettslig hold satt').waitFor();
    await timeline.getByText('begrunnelse: rettslig krav, tvist eller etterforskning').first().waitFor();
    expect(await timeline.getByText('tvist om tilbud 2026-7').count()).toBe(0);
    await page.getByText('klokken er stoppet av et rettslig hold').waitFor();
    await checkA11y(w, 'prospect-lifecycle-held');
    await screenshot(page, '72-prospect-lifecycle-held');

    await page.getByRole('button', { name: 'Opphev hold' }).click();
    await chooseReason(page, page, 'saken som krevde holdet, er over');
    await page.getByRole('button', { name: 'Bekreft: opphev hold' }).click();
    await page.getByText('Opphev hold: utført').waitFor();
    await timeline.getByText('Rettslig hold opphevet').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Sett rettslig hold' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await w.close();
  });

  it("an admin opens a departed contact person's lifecycle from the contacts' list", async () => {
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;
    await page.getByRole('menuitem', { name: 'Kontaktpersoner' }).click();
    await page.getByRole('columnheader', { name: 'Etternavn' }).waitFor();
    await page.goto(only('contacts', { customerId })); // both of the customer's: the planted wide row too
    const row = page.getByRole('row').filter({ hasText: contactId });
    await row.getByText(contact.lastName).waitFor();
    await expectNoSidewaysScroll(page); // a wide row scrolls inside its card, if at all
    await checkA11y(w, 'contacts');
    await screenshot(page, '73-contacts');

    await row.click();
    await page.getByText('sluttet i selskapet').waitFor();
    await page.getByText('Innkjøpsansvarlig').waitFor();
    await page.getByRole('link', { name: customerId }).waitFor();
    await page.getByRole('link', { name: contactWorkflowId(contactId) }).click();
    await settled(page);
    await page.getByRole('heading', { name: `Kontaktperson ${contactId}` }).waitFor();
    await page.getByTestId('deadlines').getByText('Anonymiseres (etter at kontaktpersonen sluttet)').waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(/Kontaktpersonen har sluttet \(gjelder fra .*\d\d:\d\d:\d\d/).waitFor();
    await timeline.getByText('begrunnelse: sluttet i selskapet').waitFor();
    await timeline.getByText('Kontaktpersonen ble registrert som sluttet').waitFor();
    await page.getByText('Sluttet').first().waitFor();
    // A departed contact can be restored (came back), as a quarantined user can.
    expect(await page.getByRole('button', { name: 'Gjenopprett' }).isEnabled()).toBe(true);
    await checkA11y(w, 'contact-lifecycle');
    await screenshot(page, '74-contact-lifecycle');
    await w.close();
  });

  it('an auditor reads the prospect, its lifecycle and the contact with no personal value and no action', async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.goto(only('prospects', { q: prospectId }));
    const row = page.getByRole('row').filter({ hasText: prospectId });
    await row.getByText('Privat').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Navn' }).count()).toBe(0);
    await expectNothingPersonal(page);
    await checkA11y(w, 'prospects-auditor');
    await screenshot(page, '75-prospects-auditor');

    await row.click();
    await page.getByRole('link', { name: prospectWorkflowId(prospectId) }).waitFor();
    await expectNothingPersonal(page);
    for (const label of ['Navn', 'E-post', 'Telefon', 'Adresse']) expect(await page.getByText(label, { exact: true }).count()).toBe(0);
    await checkA11y(w, 'prospect-auditor');
    await screenshot(page, '76-prospect-auditor');

    await page.getByRole('link', { name: prospectWorkflowId(prospectId) }).click();
    await settled(page);
    await page.getByTestId('timeline').getByText('Rettslig hold opphevet').waitFor();
    expect(await page.getByTestId('actions').count()).toBe(0);
    await expectNothingPersonal(page);

    await page.goto(`${base}/#/contacts/${encodeURIComponent(contactId)}/show`);
    await page.getByText('sluttet i selskapet').waitFor();
    await expectNothingPersonal(page);
    await page.getByRole('link', { name: contactWorkflowId(contactId) }).click();
    await settled(page);
    for (const name of ['Sett rettslig hold', 'Opphev hold', 'Gjenopprett', 'Slett nå', 'Avbryt livssyklus']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    await expectNothingPersonal(page);
    await checkA11y(w, 'contact-lifecycle-auditor');
    await screenshot(page, '77-contact-lifecycle-auditor');
    await w.close();
  });

  it('reads on a phone without sideways scrolling', async () => {
    const w = await signIn(browser, base, TOKENS.admin, PHONE);
    const page = w.page;
    await page.goto(only('prospects', { q: prospectId }));
    await page.getByText(prospectId).first().waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'prospects-phone');
    await screenshot(page, '78-prospects-phone');
    await page.goto(`${base}/#/contacts/${encodeURIComponent(contactId)}/show`);
    await page.getByText(contact.email).waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'contact-phone');
    await screenshot(page, '79-contact-phone');
    await w.close();
  });
});
