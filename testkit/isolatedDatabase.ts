// A database of its own on a running Postgres, migrated like the real one: for tests and benches
// that scan whole tables or must tamper with data everything else relies on (the evidence chain).
import pg from 'pg';
import { migrateDeploy } from '../scripts/migrate';
import { uniqueId } from './ids';

/** Creates `<prefix>_<random>` on the server `baseUrl` points at and returns its URL. */
export async function createIsolatedDatabase(baseUrl: string, prefix: string): Promise<string> {
  const name = uniqueId(prefix).replace(/-/g, '_');
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
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
