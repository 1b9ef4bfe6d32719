// The runtime role the worker and API connect as: it reads and appends to the ledgers and nothing
// more, owns no table, and a process that connects as anything that could rewrite a ledger refuses
// to start in production.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { RUNTIME_GROUP } from '../../db/roles';
import { ledgerRewriteRights } from '../../ledger/privileges';
import { testDatabaseUrl, testRuntimeDatabaseUrl } from '../support/env';

const runtime = createDb(testRuntimeDatabaseUrl());
const owner = createDb(testDatabaseUrl());
afterAll(async () => {
  await runtime.$disconnect();
  await owner.$disconnect();
});

const LEDGERS = ['AdminAction', 'Evidence'];

describe('the runtime role', () => {
  it('may only read and append to the ledgers, keeps the rest of the data, and cannot see the migrations', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ name: string; owner: string }>(
        `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1`,
      );
      expect(tables.length).toBeGreaterThan(10);
      for (const { name, owner: tableOwner } of tables) {
        const { rows } = await client.query<{ privilege_type: string }>(
          `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 AND table_name = $2`,
          [RUNTIME_GROUP, name],
        );
        const granted = rows.map((r) => r.privilege_type).sort();
        // A new table must be granted on purpose: this test names it until it is.
        const expected =
          name === '_prisma_migrations' ? [] : LEDGERS.includes(name) ? ['INSERT', 'SELECT'] : ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
        expect(granted, name).toEqual(expected);
        expect(tableOwner, name).not.toBe('nitd_app');
      }
    } finally {
      await client.end();
    }
  });

  it('is what ledgerRewriteRights finds harmless; the owner is not', async () => {
    expect(await ledgerRewriteRights(runtime)).toEqual([]);
    expect(await ledgerRewriteRights(owner)).toEqual(['connects as a superuser']);
  });

  it('keeps a production worker connected as the owner from starting', () => {
    const key = (b: number) => Buffer.alloc(32, b).toString('base64');
    const result = spawnSync(path.resolve(__dirname, '../../node_modules/.bin/tsx'), ['worker/main.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: testDatabaseUrl(),
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        TEMPORAL_NAMESPACE: 'default',
        DATA_STORES: 'postgres:eu-north-1,temporal:eu-north-1',
        PAYLOAD_KEYS: `prod-1:${key(7)}`,
        LEDGER_KEYS: `ledger-1:${key(8)}`,
        LEDGER_ANCHOR_DIR: '/tmp/nitd-never-written',
        ERASURE_JOURNAL_DIR: '/tmp/nitd-never-written',
        METRICS_PORT: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to start: DATABASE_URL's role connects as a superuser: connect as the runtime role/);
  });
});
