// The one harness integration tests run on: the real API, and a real worker when asked, on the
// shared test Postgres and Temporal dev server (tests/setup/globalSetup.ts), through testkit/app.ts
// (which the benches use too). Set up once per test file; its task queue and, if asked, its
// database are its own. Time-skipping workflow tests use tests/support/timeSkipping.ts instead.
import { afterAll, beforeAll } from 'vitest';
import { bearer, startApp, TEST_TOKENS, type AppOptions, type RunningApp } from '../../testkit/app';
import { testDatabaseUrl, testTemporalAddress } from './env';

export { TEST_TOKENS as TOKENS };
export const SERVICE = bearer(TEST_TOKENS.service);
export const ADMIN = bearer(TEST_TOKENS.admin);
export const AUDITOR = bearer(TEST_TOKENS.auditor);

export type TestApp = Omit<RunningApp, 'stop'>;

/** The app for this file, there from beforeAll on. */
export function useApp(opts: Omit<AppOptions, 'databaseUrl' | 'temporalAddress'> = {}): TestApp {
  const it = {} as TestApp;
  let running: RunningApp | undefined;
  beforeAll(async () => {
    running = await startApp({ databaseUrl: testDatabaseUrl(), temporalAddress: testTemporalAddress(), ...opts });
    Object.assign(it, running);
  });
  afterAll(async () => {
    await running?.stop();
  });
  return it;
}
