// A database of its own on a running Postgres, migrated like the real one: for tests and benches
// that scan whole tables or must tamper with data everything else relies on (the evidence chain).
import pg from 'pg';
import { migrateDeploy } from '../scripts/migrate';
import { uniqueId } from './ids';

export interface IsolatedDatabaseOptions {
  /**
   * Collate text with ICU under this locale (e.g. 'en-US'), as a production server set up with
   * en_US.utf8 does; the embedded server's own default is C, where byte order hides collation bugs.
   */
  icuLocale?: string;
}

/** Creates `<prefix>_<random>` on the server `baseUrl` points at and returns its URL. */
export async function createIsolatedDatabase(baseUrl: string, prefix: string, opts: IsolatedDatabaseOptions = {}): Promise<string> {
  const name = uniqueId(prefix).replace(/-/g, '_');
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const collation = opts.icuLocale
      ? ` TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE ${admin.escapeLiteral(opts.icuLocale)} LOCALE 'C'`
      : '';
    await admin.query(`CREATE DATABASE "${name}"${collation}`);
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
