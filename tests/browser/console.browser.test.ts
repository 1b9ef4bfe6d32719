// The admin console in real headless Chromium against the real API, Postgres, Temporal dev server
// and worker: an admin signs in, filters quarantined users, opens one, reads its timeline, places a
// hold with a reason, and cancels another lifecycle with a reason; an auditor finds no actions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { launchChromium, screenshot, signIn as signInAs } from './chromium';
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
  await request(api.app).post(`/api/v1/users/${erased.userId}/erasure`).set(SERVICE).send({ reason: 'krav om sletting' }).expect(202);
  held = await quarantinedUser(api);
  await request(api.app).post(`/api/admin/lifecycles/${held.workflowId}/hold`).set(ADMIN).send({ reason: HOLD_REASON }).expect(200);
  await projected(api, first.workflowId, (r) => r.phase === 'QUARANTINED');
  await projected(api, second.workflowId, (r) => r.phase === 'QUARANTINED');
  await projected(api, held.workflowId, (r) => r.onHold === true);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const signIn = (token: string) => signInAs(browser, base, token);

const showUrl = (workflowId: string) => `${base}/#/lifecycles/${encodeURIComponent(workflowId)}/show`;

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('admin console in Chromium', () => {
  it('refuses a wrong token on the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('API token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That token is not valid.').waitFor();
    await screenshot(page, '00-login-refused');
    await page.close();
  });

  it('an admin filters quarantined users, opens one, reads the timeline and places a hold with a reason', async () => {
    const page = await signIn(TOKENS.admin);
    await page.getByText('User lifecycles').waitFor();
    await page.mouse.move(1, 1); // no chart tooltip in the picture
    await screenshot(page, '01-dashboard');

    await page.getByRole('menuitem', { name: 'Lifecycles' }).click();
    await chooseOption(page, 'Kind', 'user');
    await chooseOption(page, 'Phase', 'quarantined');
    await page.waitForURL(/QUARANTINED/);
    await page.getByPlaceholder('Subject ID').fill(first.userId);
    await page.waitForURL(new RegExp(first.userId)); // the search is debounced: wait until it is applied
    // The previous page stays on screen while the filtered one loads: wait for exactly our row.
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const row = page.getByRole('row').filter({ hasText: first.userId });
    await row.waitFor();
    await screenshot(page, '02-lifecycles-filtered');

    await row.click();
    await page.getByRole('heading', { name: /User user-/ }).waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Termination received').waitFor();
    await timeline.getByText('Account deactivated').waitFor();
    await page.getByText('user.quarantine-purge').waitFor();

    await page.getByRole('button', { name: 'Place hold' }).click();
    const confirm = page.getByRole('button', { name: 'Confirm: place hold' });
    expect(await confirm.isDisabled()).toBe(true); // no reason yet
    await page.getByLabel('Reason (required)').fill('rettslig tvist om faktura');
    await confirm.click();
    await page.getByText('Place hold: done').waitFor();
    await page.getByTestId('admin-actions').getByText('rettslig tvist om faktura').waitFor();
    await timeline.getByText('Legal hold placed').waitFor();
    await page.getByText('clock stopped by the hold').waitFor();
    await screenshot(page, '03-lifecycle-held');
    await page.close();
  });

  it('an admin cancels another lifecycle with a reason', async () => {
    const page = await signIn(TOKENS.admin);
    await page.goto(showUrl(second.workflowId));
    await page.getByTestId('timeline').getByText('Termination received').waitFor();
    await page.getByRole('button', { name: 'Cancel lifecycle' }).click();
    await page.getByLabel('Reason (required)').fill('registrert ved feil');
    await page.getByRole('button', { name: 'Confirm: cancel lifecycle' }).click();
    await page.getByText('Cancel lifecycle: done').waitFor();
    await page.getByTestId('admin-actions').getByText('registrert ved feil').waitFor();
    await page.getByTestId('timeline').getByText('Lifecycle cancelled').waitFor();
    await expect(page.getByRole('button', { name: 'Cancel lifecycle' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, '04-lifecycle-cancelled');

    await page.getByRole('menuitem', { name: 'Evidence' }).click();
    await page.getByRole('row').filter({ hasText: 'user.erasure' }).first().waitFor();
    await screenshot(page, '05-evidence');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('columnheader', { name: 'Email' }).waitFor();
    await screenshot(page, '06-users-admin');
    await page.close();
  });

  it('an auditor reads the same lifecycle, its reasons and timeline, and finds no action buttons', async () => {
    const page = await signIn(TOKENS.auditor);
    await page.goto(showUrl(held.workflowId));
    await page.getByTestId('timeline').getByText('Legal hold placed').waitFor();
    await page.getByTestId('admin-actions').getByText(HOLD_REASON).waitFor();
    await page.getByTestId('download-history').waitFor();
    await expect(page.getByTestId('actions').count()).resolves.toBe(0);
    for (const name of ['Place hold', 'Release hold', 'Restore', 'Erase now', 'Cancel lifecycle']) {
      await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);
    }
    await screenshot(page, '07-lifecycle-auditor');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('columnheader', { name: 'User ID' }).waitFor();
    await expect(page.getByRole('columnheader', { name: 'Email' }).count()).resolves.toBe(0);
    await screenshot(page, '08-users-auditor');
    await page.close();
  });
});
