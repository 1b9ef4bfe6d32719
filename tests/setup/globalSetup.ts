// Runs once per `vitest run`, before any test file: starts the shared servers and hands their
// addresses to the test files (read them through tests/support/env.ts).
import type { TestProject } from 'vitest/node';
import { startServers, type Servers } from '../../testkit/servers';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    runtimeDatabaseUrl: string;
    temporalAddress: string;
    testServerPath: string;
  }
}

let stack: Servers | undefined;

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  stack = await startServers({ temporal: true });
  const values = {
    databaseUrl: stack.databaseUrl,
    runtimeDatabaseUrl: stack.runtimeDatabaseUrl,
    temporalAddress: stack.temporalAddress!,
    testServerPath: stack.testServerPath,
  };
  for (const [key, value] of Object.entries(values)) project.provide(key as keyof typeof values, value);
  // Also as env vars, for code under test that reads process.env (loadConfig, dotenv never
  // overrides them): test workers are forked after this and inherit them, and a DATABASE_URL
  // from the developer's shell can never send tests to a real database.
  // The runtime role, as the worker and API connect in production: code under test runs as it.
  process.env.DATABASE_URL = values.runtimeDatabaseUrl;
  process.env.TEMPORAL_ADDRESS = values.temporalAddress;
  process.env.TEMPORAL_TEST_SERVER_PATH = values.testServerPath;
  const parts = Object.entries(stack.timings).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`);
  console.log(`[globalSetup] test servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${parts.join(', ')})`);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
