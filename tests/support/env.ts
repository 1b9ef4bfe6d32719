// What tests/setup/globalSetup.ts started, for the test files. Fails loudly when a test file is
// run without the project's vitest config (which is what starts the servers).
import { inject } from 'vitest';

function provided(key: 'databaseUrl' | 'runtimeDatabaseUrl' | 'temporalAddress' | 'testServerPath'): string {
  const value = inject(key);
  if (!value) throw new Error(`"${key}" not provided: run tests through vitest.config.ts (npm test), whose globalSetup starts the servers`);
  return value;
}

/** A migrated Postgres database shared by all test files, as its owner: use unique IDs, do not truncate. */
export const testDatabaseUrl = (): string => provided('databaseUrl');
/** The same database as the runtime role the worker and API use: it may only read and append to the ledgers. */
export const testRuntimeDatabaseUrl = (): string => provided('runtimeDatabaseUrl');
/** An in-memory Temporal dev server with the project's search attributes registered. */
export const testTemporalAddress = (): string => provided('temporalAddress');
/** The time-skipping test server binary for TestWorkflowEnvironment.createTimeSkipping. */
export const testServerPath = (): string => provided('testServerPath');
