// The database side of `npm start`: an embedded Postgres (or yours), migrated as the owner, the
// runtime login made, demo data seeded on an empty database. Returns the runtime role's URL, which
// the worker and the API get: it may only read and append to the ledgers (db/roles.ts).
import { createDb } from '../db/client';
import { ensureRuntimeLogin, localRuntimeUrl } from '../db/roles';
import { seedDemoData } from './demo/seed';
import { migrateDeploy } from './migrate';

const log = (msg: string) => console.log(`[start]    ${msg}`);

/**
 * Embedded (no DATABASE_URL): `startEmbedded` starts it and returns its owner's URL; the runtime
 * login is local. Your own server: DATABASE_OWNER_URL migrates and DATABASE_URL is the runtime
 * login; with DATABASE_URL alone both run as it (and the worker and API warn).
 */
export async function prepareDatabase(
  env: Record<string, string>,
  startEmbedded: () => Promise<string>,
): Promise<{ url: string; seeded: boolean }> {
  const own = env.DATABASE_OWNER_URL || env.DATABASE_URL;
  const owner = own ?? (await startEmbedded());
  const runtime = own ? env.DATABASE_URL || owner : localRuntimeUrl(owner);
  const migrated = await migrateDeploy(owner);
  log(`migrations applied in ${(migrated.durationMs / 1000).toFixed(1)} s`);
  if (runtime !== owner) await ensureRuntimeLogin(owner, runtime);
  const db = createDb(owner);
  try {
    const seeded = await seedDemoData(db);
    if (seeded.seeded)
      log(`seeded ${seeded.customers} customers, ${seeded.users} users, ${seeded.invoices} invoices, ${seeded.prospects} prospects`);
    return { url: runtime, seeded: seeded.seeded };
  } finally {
    await db.$disconnect();
  }
}
