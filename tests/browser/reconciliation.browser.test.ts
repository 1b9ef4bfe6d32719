// The reconciliation pages in real headless Chromium against the real API, Postgres, Temporal dev
// server and worker, on a database of their own (a run scans every user): an admin starts a run
// now with a reason, reads its findings by subject ID and follows one to its lifecycle; an auditor
// reads the same run, sees no run button, and no personal value is on either page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { userWorkflowId } from '../../lifecycles/user/contract';
import { leakedValues, type SeededUser } from '../support/subjects';
import { TOKENS, useApp } from '../support/harness';
import { missedTermination, orphanedLifecycle } from '../reliability/reconciliationSubjects';
import { chooseReason, checkA11y, launchChromium, screenshot, signIn } from './chromium';

// The console is built before the app is created: the app serves dist/admin-ui if it is there then.
beforeAll(() => ensureAdminUiBuilt());
// A database of its own: a run scans every user.
const stack = useApp({ worker: true, isolatedDb: true, prefix: 'rec-ui' });
let server: Server;
let base: string;
let browser: Browser;
let missed: SeededUser;
let orphan: SeededUser;

beforeAll(async () => {
  server = createServer(stack.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  missed = await missedTermination(stack.db, stack.temporal, stack.config, new Date(Date.now() - 3 * 86_400_000));
  orphan = await orphanedLifecycle(stack.db, stack.temporal, stack.config);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

// Whole words, as leakedValues reads them: a first name like "Even" is also a piece of "Event" in the page's code.
const leaked = (html: string, ...users: SeededUser[]) => users.flatMap((u) => leakedValues(html, u));

describe('reconciliation in Chromium', () => {
  it('an admin runs reconciliation now, reads the findings by subject ID and opens the started lifecycle', async () => {
    const w = await signIn(browser, base, TOKENS.admin);
    const page = w.page;
    await page.getByRole('menuitem', { name: 'Avstemminger' }).click();
    await page.getByText('Ingen avstemming ennå').waitFor();
    await checkA11y(w, 'reconciliation-empty');
    await page.getByRole('button', { name: 'Kjør avstemming nå' }).click();
    await chooseReason(page, page, 'kontroll kjørt for hånd', { required: false });
    await screenshot(page, '20-reconciliation-run-now');
    await page.getByRole('button', { name: 'Bekreft: kjør avstemming nå' }).click();
    await page.getByText('Avstemmingen er startet').waitFor();
    // The run is listed when it has finished; the list shows what the API had when it loaded.
    await expect.poll(() => stack.db.reconciliationRun.count(), { timeout: 30_000 }).toBe(1);
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'en administrator' });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining(['en administrator', '1']));
    await checkA11y(w, 'reconciliation-list');
    await screenshot(page, '21-reconciliation-list');

    await row.click();
    const findings = page.getByTestId('findings');
    await findings.getByRole('row').filter({ hasText: missed.userId }).getByText('manglende livssyklus startet (tilbakedatert)').waitFor();
    await findings.getByRole('row').filter({ hasText: orphan.userId }).getByText('foreldreløs: subjektet er borte').waitFor();
    await page.getByText(/kontroll kjørt for hånd/).waitFor();
    await checkA11y(w, 'reconciliation-run');
    await screenshot(page, '22-reconciliation-run');
    const html = await page.content();
    expect(leaked(html, missed, orphan)).toEqual([]);

    await findings.getByRole('link', { name: userWorkflowId(missed.userId) }).click();
    await page.getByRole('heading', { name: `Bruker ${missed.userId}` }).waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/Oppsigelse mottatt/)
      .waitFor();
    await screenshot(page, '23-reconciliation-started-lifecycle');
    await w.close();
  });

  it('an auditor reads the run and its findings, with no run button', async () => {
    const w = await signIn(browser, base, TOKENS.auditor);
    const page = w.page;
    await page.getByRole('menuitem', { name: 'Avstemminger' }).click();
    await page.getByRole('row').filter({ hasText: 'en administrator' }).click();
    await page.getByTestId('findings').getByRole('link', { name: missed.userId, exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Kjør avstemming nå' }).count()).resolves.toBe(0);
    const html = await page.content();
    expect(leaked(html, missed, orphan)).toEqual([]);
    await screenshot(page, '24-reconciliation-auditor');
    await page.goBack();
    await page.getByRole('columnheader', { name: 'Foreldreløse flagget' }).waitFor();
    await expect(page.getByRole('button', { name: 'Kjør avstemming nå' }).count()).resolves.toBe(0);
    await w.close();
  });
});
