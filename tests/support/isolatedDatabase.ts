// A database of its own on the shared test Postgres, migrated like the real one: for tests that
// must tamper with data every other test file relies on (e.g. breaking the evidence chain).
import pg from 'pg';
import { migrateDeploy } from '../../scripts/migrate';
import { testDatabaseUrl } from './env';
import { uniqueId } from './subjects';

export async function createIsolatedDatabase(prefix: string): Promise<string> {
  const name = uniqueId(prefix).replace(/-/g, '_');
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  await migrateDeploy(url.toString());
  return url.toString();
}

/** Runs SQL with triggers off, as only a superuser can: how an insider would tamper with the ledger. */
export async function asSuperuserWithoutTriggers(databaseUrl: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql, params);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
