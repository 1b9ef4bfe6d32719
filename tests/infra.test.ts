// The test infrastructure itself: a migrated database and a Temporal dev server that knows the
// project's search attributes.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Connection } from '@temporalio/client';
import { createDb } from '../db/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../lifecycles/shared/searchAttributes';
import { testDatabaseUrl, testRuntimeDatabaseUrl, testServerPath, testTemporalAddress } from './support/env';

const db = createDb(testDatabaseUrl());
afterAll(() => db.$disconnect());

describe('test infrastructure', () => {
  it('provides a database with every committed migration applied', async () => {
    const applied = await db.$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    const committed = readdirSync(path.resolve(__dirname, '../prisma/migrations'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(committed.length).toBeGreaterThan(3);
    expect(applied.map((m) => m.migration_name).sort()).toEqual(committed.sort());
  });

  it('provides a Temporal dev server with the search attributes registered', async () => {
    const connection = await Connection.connect({ address: testTemporalAddress() });
    try {
      const ns = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(ns.namespaceInfo?.name).toBe('default');
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const { name } of SEARCH_ATTRIBUTE_REGISTRATIONS) expect(Object.keys(customAttributes ?? {})).toContain(name);
    } finally {
      await connection.close();
    }
  });

  it('provides the time-skipping test server binary and the env vars for code under test', () => {
    expect(testServerPath()).toMatch(/temporal-test-server$/);
    expect(process.env.TEMPORAL_TEST_SERVER_PATH).toBe(testServerPath());
    // Code under test connects as the runtime role, as the worker and API do in production.
    expect(process.env.DATABASE_URL).toBe(testRuntimeDatabaseUrl());
    expect(process.env.TEMPORAL_ADDRESS).toBe(testTemporalAddress());
  });
});
