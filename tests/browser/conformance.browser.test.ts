// The conformance pages and the record of processing in real headless Chromium against the real
// API, Postgres, Temporal dev server and worker, on a database of their own (a scan reads every
// subject). One violation is planted in the database (a user deactivated 40 days ago with no
// lifecycle: past the 30-day quarantine) and a scan records it. An admin sees it on the dashboard,
// follows its rule to the findings list, opens the finding, repairs it with a reason, runs a scan
// from the console and sees it resolved (dashboard back to 0). An auditor reads the record of
// processing (counts computed from the inventory), prints it, reads it in dark mode and on a phone,
// and finds no action button anywhere. Every page is checked with axe; no personal value is shown.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { conformanceInput } from '../../jobs/conformance/schedule';
import { conformanceScanWorkflow } from '../../jobs/conformance/workflow';
import { CustomerId, LifecyclePhase } from '../../lifecycles/shared/searchAttributes';
import { userWorkflowId } from '../../lifecycles/user/contract';
import { inventory } from '../../policy/inventory';
import { TOKENS, useApp } from '../support/harness';
import { leakedValues, seedUser, uniqueId, type SeededUser } from '../support/subjects';
import { provisioned } from '../reliability/reconciliationSubjects';
import { chooseReason, ARTIFACTS, axeLog, checkA11y, expectNoSidewaysScroll, launchChromium, PHONE, screenshot, signIn } from './chromium';

// The console is built before the app is created: the app serves dist/admin-ui if it is there then.
beforeAll(() => ensureAdminUiBuilt());
// A database of its own: a scan reads every subject.
const stack = useApp({ worker: true, isolatedDb: true, prefix: 'conf-ui' });
const DAY = 86_400_000;
let server: Server;
let base: string;
let browser: Browser;
let overdue: SeededUser;
let findingId: string;

/** Waits until Temporal's visibility answers `query` with `count` workflows (it lags a moment). */
async function visible(query: string, count: number) {
  await expect.poll(async () => (await stack.temporal.workflow.count(query)).count, { timeout: 30_000 }).toBe(count);
}

beforeAll(async () => {
  const { db, temporal, config } = stack;
  server = createServer(stack.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A customer and a user with their lifecycles, as provisioning leaves them: nothing to find.
  const clean = await provisioned(db, temporal, config);
  // Deactivated 40 days ago behind the pipeline's back: no lifecycle, 10 days past the quarantine.
  overdue = await seedUser(db, clean.customerId);
  await db.userAccount.update({
    where: { id: overdue.userId },
    data: { status: 'deactivated', deactivatedAt: new Date(Date.now() - 40 * DAY) },
  });
  const summary = await temporal.workflow.execute(conformanceScanWorkflow, {
    taskQueue: config.temporal.taskQueue,
    workflowId: uniqueId('conformance'),
    args: [conformanceInput(config.policy, config.temporal.retentionMs)],
  });
  const open = await db.conformanceFinding.findMany({ where: { resolvedAt: null } });
  if (summary.findings !== 1 || open.length !== 1 || open[0]!.subjectId !== overdue.userId)
    throw new Error(`expected the one planted finding, the scan found ${JSON.stringify(open.map((f) => [f.check, f.subjectId]))}`);
  findingId = open[0]!.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  console.log(`[axe] ${axeLog.length} pages checked: ${JSON.stringify(axeLog)}`);
});

// Whole words, as leakedValues reads them: a first name like "Even" is also a piece of "Event" in the page's code.
const leaked = (html: string) => leakedValues(html, overdue);
const colour = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
/** The text colour the browser computed (the function runs in the page, where the DOM is). */
type InPage = { getComputedStyle(el: unknown): { color: string } };
/** A full-page screenshot from the top, with no focus ring on a skip link left over from a click. */
async function shot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0); document.activeElement?.blur?.()');
  await screenshot(page, name);
}
const colourOf = (l: Locator) => l.evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).color);

describe('conformance in Chromium', () => {
  it('an admin sees the finding on the dashboard, opens it, repairs it with a reason, runs a scan and sees it resolved', async () => {
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;

    // The dashboard: 1 open finding in the error colour, its rule, and a scan seconds ago.
    const card = page.getByTestId('conformance');
    const number = card.getByTestId('conformance-open').locator('[data-open]');
    await expect.poll(() => number.textContent()).toBe('1');
    expect(await colourOf(number)).toBe(colour('#b3261e'));
    await card
      .getByTestId('conformance-last-scan')
      .getByText(/siden\)/)
      .waitFor();
    expect(await card.getByTestId('conformance-stale').count()).toBe(0);
    await checkA11y(w, 'dashboard-conformance');
    await shot(page, '52-conformance-dashboard');

    // Its rule opens the list of that rule's open findings.
    await card.getByRole('link', { name: 'user.quarantine-purge' }).click();
    const row = page.getByRole('row').filter({ hasText: overdue.userId });
    await row.waitFor();
    const cells = (await row.getByRole('cell').allInnerTexts()).join(' | ');
    expect(cells).toContain('Karantenen er over fristen');
    expect(cells).toContain('user.quarantine-purge');
    expect(cells).toContain('Start livssyklusen');
    expect(cells).toMatch(/10 dager( \d+ (minutt|minutter))? over fristen/);
    expect(cells).toContain('Åpent');
    // Found since: an Oslo time (the browser runs in UTC), with seconds and the zone.
    expect(cells).toMatch(/\d{1,2}\. \w+\.? \d{4}, \d{2}:\d{2}:\d{2} CES?T/);
    // No lifecycle yet: the subject is its opaque ID, with no page to link to.
    await row.getByText(overdue.userId, { exact: true }).waitFor();
    expect(await row.getByRole('link', { name: overdue.userId }).count()).toBe(0);
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['Status', 'Kontroll', 'Regel', 'Subjekt', 'Funnet siden', 'Over fristen', 'Reparasjon']),
    );
    expect(await page.getByTestId('show-resolved').isChecked()).toBe(false);
    expect(await page.title()).toBe('Samsvar · NITD livssykluskonsoll');
    await checkA11y(w, 'findings-list');
    await shot(page, '53-conformance-findings');

    // The finding: what the check means, and the repair with a required reason.
    await row.getByText('Karantenen er over fristen').click();
    await page.getByRole('heading', { name: 'Avvik: Karantenen er over fristen' }).waitFor();
    await page
      .getByTestId('check-explain')
      .getByText(/har passert fristen for sletting etter karantenen/)
      .waitFor();
    await page.getByTestId('subject').getByText(overdue.userId, { exact: true }).waitFor();
    await page.getByTestId('lifecycle').getByText('ingen livssyklus i konsollen').waitFor();
    await page
      .getByTestId('repair')
      .getByText(/Starter subjektets livssyklus/)
      .waitFor();
    await page.getByText('Ingen reparasjon er bedt om.').waitFor();
    await checkA11y(w, 'finding-open');
    await shot(page, '54a-conformance-finding');
    await page.getByRole('button', { name: 'Reparer' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('button', { name: 'Bekreft: reparer' }).isDisabled()).toBe(true); // the reason is required
    await chooseReason(dialog, page, 'retting av funn fra samsvarskontrollen');
    await checkA11y(w, 'finding-repair-dialog');
    await shot(page, '54-conformance-finding-repair');
    await dialog.getByRole('button', { name: 'Bekreft: reparer' }).click();
    await page.getByText('Reparasjonen er satt i gang').waitFor();
    const repairs = page.getByTestId('repairs');
    await repairs.getByRole('row').filter({ hasText: 'retting av funn fra samsvarskontrollen' }).getByText('godtatt').waitFor();
    await page.getByTestId('repair-requested').waitFor();
    let html = await page.content();
    expect(leaked(html)).toEqual([]);

    // The repair started the lifecycle as of the deactivation: past the quarantine, it purges at once.
    const workflowId = userWorkflowId(overdue.userId);
    await expect
      .poll(async () => (await stack.db.userAccount.findUniqueOrThrow({ where: { id: overdue.userId } })).status, { timeout: 60_000 })
      .toBe('purged');
    await visible(`WorkflowId = '${workflowId}' AND ExecutionStatus = 'Completed' AND ${LifecyclePhase.name} = 'PURGED'`, 1);
    await visible(`WorkflowId = '${workflowId}' AND ${CustomerId.name} IS NOT NULL`, 0);

    // Run a scan from the console.
    await page.getByRole('menuitem', { name: 'Samsvarskontroller' }).click();
    await page.getByRole('row').filter({ hasText: 'annet' }).waitFor(); // the scan that found it
    await page.getByRole('button', { name: 'Kjør kontroll nå' }).click();
    await chooseReason(page, page, 'kontroll kjørt for hånd', { required: false });
    await page.getByRole('button', { name: 'Bekreft: kjør kontroll nå' }).click();
    await page.getByText('Kontrollen er startet').waitFor();
    await expect.poll(() => stack.db.conformanceScan.count({ where: { finishedAt: { not: null } } }), { timeout: 60_000 }).toBe(2);
    await page.reload();
    const scanRow = page.getByRole('row').filter({ hasText: 'en administrator' });
    await scanRow.waitFor();
    expect(await scanRow.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining(['en administrator', '0', '1', 'Attestasjon']));
    await checkA11y(w, 'scans-list');
    await shot(page, '55-conformance-scans');

    // Its attestation in the ledger: counts, and a way back to the scan.
    await scanRow.getByRole('link', { name: 'Attestasjon' }).click();
    const attestation = page.getByTestId('attestation');
    await attestation.getByText('Rader kontrollert').waitFor();
    await checkA11y(w, 'attestation');
    await attestation.getByRole('link', { name: 'Samsvarskontroll' }).click();
    await page.getByTestId('checks-run').getByText('Karantenen er over fristen').waitFor();
    await checkA11y(w, 'scan');
    await shot(page, '55b-conformance-scan');

    // The finding is resolved; nothing left to repair, and the page says why.
    expect((await stack.db.conformanceFinding.findUniqueOrThrow({ where: { id: findingId } })).resolvedAt).not.toBeNull();
    await page.goto(`${base}/#/conformance/${findingId}/show`);
    await page.getByRole('heading', { name: 'Avvik: Karantenen er over fristen' }).waitFor();
    await page.locator('[data-state="resolved"]').waitFor();
    await page.getByTestId('repair-why').getByText('Avviket er løst: ingenting å reparere.').waitFor();
    expect(await page.getByRole('button', { name: 'Reparer' }).isDisabled()).toBe(true);
    await repairs.getByRole('row').filter({ hasText: 'retting av funn fra samsvarskontrollen' }).waitFor();
    // The lifecycle the repair started has a page now: the subject's ID opens it.
    await page.getByTestId('subject').getByRole('link', { name: overdue.userId }).click();
    await page.waitForURL((url) => url.hash === `#/lifecycles/${encodeURIComponent(workflowId)}/show`);
    await page.getByText(workflowId).first().waitFor();
    await page.goBack();
    await page.locator('[data-state="resolved"]').waitFor();
    await checkA11y(w, 'finding-resolved');
    await shot(page, '56-conformance-finding-resolved');

    // The list's default (open only) is empty now, and says so; the switch shows the resolved ones,
    // the late erasure the repair made among them (the deadline had long passed).
    // (By address: the menu reopens the list with the rule filter it was last left with.)
    await page.goto(`${base}/#/conformance?filter=${encodeURIComponent('{"open":true}')}`);
    await page.getByTestId('no-findings').getByText('Ingen åpne avvik').waitFor();
    await page.getByTestId('show-resolved').check();
    await page.getByRole('row').filter({ hasText: 'Karantenen er over fristen' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Sletting utført for sent' }).waitFor();
    html = await page.content();
    expect(leaked(html)).toEqual([]);

    // And the dashboard is green again.
    await page.getByRole('menuitem', { name: 'Oversikt' }).click();
    await expect.poll(() => number.textContent()).toBe('0');
    expect(await colourOf(number)).toBe(colour('#1b6e20'));
    await card.getByText('Ingen regel er brutt.').waitFor();
    await w.close();
  });

  it('an auditor reads the record of processing, counted from the inventory, in print and dark mode, and finds no action buttons', async () => {
    const entries = inventory();
    const columns = entries.filter((e) => e.column);
    const n = (c: string) => columns.filter((e) => e.category === c).length;
    const counts =
      `${columns.length} kolonner i ${new Set(columns.map((e) => e.table)).size} tabeller: ` +
      `${n('personal')} personopplysninger, ${n('pseudonymous')} pseudonyme, ${n('not-personal')} ikke personopplysninger`;

    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.getByTestId('conformance-open').waitFor();
    await page.getByRole('menuitem', { name: 'Behandlingsprotokoll' }).click();
    await page.getByRole('heading', { name: 'Behandlingsprotokoll', level: 1 }).waitFor();
    expect(await page.getByTestId('ropa-counts').textContent()).toBe(counts);
    // A column: its category, whose it is, what happens, the rule, the deadline, and the notice quoted.
    const email = page.locator('[data-table="UserAccount"] tbody tr').filter({ has: page.locator('th code', { hasText: /^email$/ }) });
    const text = await email.innerText();
    for (const part of ['Personopplysning', 'bruker', 'slettes', 'user.quarantine-purge', 'oppsigelse + 30 dager'])
      expect(text).toContain(part);
    expect(text).toContain('«På våre kunders brukerkontoer lagrer vi opplysninger som brukernavn');
    expect(await page.locator('[data-table]').count()).toBe(new Set(columns.map((e) => e.table)).size);
    expect(await page.locator('tr[data-category="personal"]').count()).toBe(entries.filter((e) => e.category === 'personal').length);
    expect(await page.title()).toBe('Behandlingsprotokoll · NITD livssykluskonsoll');
    await checkA11y(w, 'record-of-processing');
    // The viewport only: the whole record is some 150 rows long (the print screenshot shows more).
    await page.screenshot({ path: `${ARTIFACTS}/57-record-of-processing.png` });

    // Printed: the record alone, no menu, app bar or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.RaSidebar-root').isVisible()).toBe(false);
    expect(await page.getByTestId('ropa-print').isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/58b-record-of-processing-print.png` });
    await page.emulateMedia({ media: 'screen' });

    // Dark mode, once.
    await page.getByRole('button', { name: 'Bytt mellom lys og mørk visning' }).click();
    await checkA11y(w, 'record-of-processing-dark');
    await page.screenshot({ path: `${ARTIFACTS}/59-record-of-processing-dark.png` });
    await page.getByRole('button', { name: 'Bytt mellom lys og mørk visning' }).click();

    // No action anywhere: not on the finding, not on the scans.
    await page.goto(`${base}/#/conformance/${findingId}/show`);
    await page.getByRole('heading', { name: 'Avvik: Karantenen er over fristen' }).waitFor();
    await page.getByTestId('repairs').getByText('retting av funn fra samsvarskontrollen').waitFor();
    expect(await page.getByRole('button', { name: 'Reparer' }).count()).toBe(0);
    expect(await page.getByTestId('repair-why').count()).toBe(0);
    await checkA11y(w, 'finding-auditor');
    await shot(page, '56b-conformance-finding-auditor');
    await page.getByRole('menuitem', { name: 'Samsvarskontroller' }).click();
    await page.getByRole('row').filter({ hasText: 'en administrator' }).waitFor();
    expect(await page.getByRole('button', { name: 'Kjør kontroll nå' }).count()).toBe(0);
    const html = await page.content();
    expect(leaked(html)).toEqual([]);
    await w.close();
  });

  it('works on a phone: the record of processing as cards, the findings as a compact list, no sideways scrolling', async () => {
    const w = await signIn(browser, base, TOKENS.auditor, PHONE);
    const page = w.page;
    await page.getByTestId('conformance-open').waitFor();
    await expectNoSidewaysScroll(page);
    await page.goto(`${base}/#/record-of-processing`);
    await page.getByTestId('ropa-counts').waitFor();
    await page.locator('.ropa-card').first().waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'record-of-processing-phone');
    await page.screenshot({ path: `${ARTIFACTS}/58-record-of-processing-phone.png` });
    await page.goto(`${base}/#/conformance?filter=${encodeURIComponent('{}')}`);
    await page.getByRole('link').filter({ hasText: overdue.userId }).first().waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'findings-phone');
    await page.screenshot({ path: `${ARTIFACTS}/58c-conformance-findings-phone.png` });
    await page.goto(`${base}/#/conformance/${findingId}/show`);
    await page.getByTestId('check-explain').waitFor();
    // The repairs as a list, not a five-column table wider than the screen.
    await page.getByTestId('repairs').getByRole('listitem').filter({ hasText: 'retting av funn fra samsvarskontrollen' }).waitFor();
    await expectNoSidewaysScroll(page);
    await checkA11y(w, 'finding-phone');
    await shot(page, '58d-conformance-finding-phone');
    await w.close();
  });
});
