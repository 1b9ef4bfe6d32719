// With Temporal down, the console fails fast and says what it could not fetch: sign-in lands on the
// dashboard with its Postgres numbers at once (the forecast marked "not checked"), a lifecycle's
// page shows what the list knows within a second and marks the live part as unreachable, and the
// list marks its rows' presence as unknown rather than claiming anything. Temporal is "down" behind
// a TCP proxy the test controls, so the shared dev server keeps running for everyone else.
import { createServer as createHttpServer, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUiBuilt } from '../../scripts/admin-ui-build';
import { startApp, TEST_TOKENS, type RunningApp } from '../../testkit/app';
import { projected, quarantinedUser } from '../support/http';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { checkA11y, launchChromium, openPage, screenshot } from './chromium';

/** Forwards to Temporal until `down()`: then every connection is cut and new ones are refused at once. */
function temporalProxy(target: string) {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () =>
      new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`))),
    down() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      up = true;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

beforeAll(() => ensureAdminUiBuilt());
const proxy = temporalProxy(testTemporalAddress());
let app: RunningApp;
let server: Server;
let base: string;
let browser: Browser;
let lifecycle: Awaited<ReturnType<typeof quarantinedUser>>;

beforeAll(async () => {
  app = await startApp({ databaseUrl: testDatabaseUrl(), temporalAddress: await proxy.listen(), worker: true, prefix: 'down-ui' });
  server = createHttpServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lifecycle = await quarantinedUser(app);
  await projected(app, lifecycle.workflowId, (r) => r.phase === 'QUARANTINED');
  browser = await launchChromium();
  proxy.down();
});

afterAll(async () => {
  await browser?.close();
  proxy.up(); // the worker shuts down cleanly only with its server back
  // Calls the API made while Temporal was down keep retrying in the client (backing off to 5 s, plus jitter);
  // let the next attempt reach the server before the connection closes under them.
  await new Promise((r) => setTimeout(r, 7_000));
  await app?.stop();
  await new Promise((resolve) => server?.close(resolve));
  await proxy.close();
});

describe('with Temporal down', () => {
  // No clock limits here (timing goals live in bench:console): the order proves it. What comes from
  // Postgres shows while Temporal's part is still waiting for its bound, and the page then says so.
  it('signs in and shows the Postgres facts without waiting for Temporal, then marks what Temporal did not answer', async () => {
    const w = await openPage(browser);
    const page = w.page;
    w.expect(/\/history$/, 503);
    await page.goto(`${base}/`);
    await page.getByLabel('API-nøkkel').fill(TEST_TOKENS.admin);
    let t = Date.now();
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Brukere: livssykluser').waitFor();
    const signIn = Date.now() - t;
    expect(await page.getByTestId('forecast-unchecked').count(), 'the dashboard waited for Temporal').toBe(0);
    await page.getByTestId('forecast-unchecked').waitFor({ timeout: 30_000 });
    await page.getByText('Temporal svarte ikke, så kjørende arbeidsflyter kunne ikke kontrolleres.').waitFor();
    await checkA11y(w, 'dashboard-temporal-down');
    await screenshot(page, '50-dashboard-temporal-down');

    t = Date.now();
    await page.goto(`${base}/#/lifecycles/${encodeURIComponent(lifecycle.workflowId)}/show`);
    await page.getByRole('heading', { name: `Bruker ${lifecycle.userId}` }).waitFor();
    await page.getByTestId('rule').getByText('user.quarantine-purge: slettes etter 30 dager').waitFor();
    const facts = Date.now() - t;
    expect(await page.getByTestId('live-unreachable').count(), "the facts waited for Temporal's part").toBe(0);
    await page.getByTestId('live-unreachable').waitFor({ timeout: 30_000 });
    const marked = Date.now() - t;
    await page.getByText('Historikken krever Temporal, som ikke svarte.').waitFor({ timeout: 30_000 });
    await checkA11y(w, 'lifecycle-temporal-down');
    await screenshot(page, '51-lifecycle-temporal-down');
    console.log(`[temporal down] sign-in ${signIn} ms, lifecycle facts ${facts} ms, live part marked unreachable ${marked} ms`);

    await page.goto(`${base}/#/lifecycles`);
    const row = page.getByRole('row').filter({ hasText: lifecycle.userId });
    await row.waitFor();
    // Presence unknown: the list keeps the projection's word, and nothing claims "missing".
    expect(await page.getByText('Mangler i Temporal').count()).toBe(0);
    await w.close();
  });
});
