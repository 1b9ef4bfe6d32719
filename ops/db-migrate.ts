// `npm run db:migrate` and the compose `migrate` job: applies the committed migrations as the owner
// (DATABASE_OWNER_URL, or DATABASE_URL when only that is set), then makes DATABASE_URL's login a
// member of the runtime role the migrations grant (read and append only on the ledgers), with the
// password in that URL. Safe to re-run. The worker and the API are then given DATABASE_URL only.
import 'dotenv/config';
import { ensureRuntimeLogin } from '../db/roles';
import { migrateDeploy } from '../scripts/migrate';

async function main(): Promise<void> {
  const runtime = process.env.DATABASE_URL || undefined;
  const owner = process.env.DATABASE_OWNER_URL || runtime;
  if (!owner) throw new Error('set DATABASE_OWNER_URL (the owner, for the migrations) and DATABASE_URL (the runtime login)');
  const migrated = await migrateDeploy(owner);
  console.log(migrated.output.trim().split('\n').at(-1));
  if (runtime && runtime !== owner) {
    await ensureRuntimeLogin(owner, runtime);
    console.log(`runtime login "${decodeURIComponent(new URL(runtime).username)}" may read and append to the ledgers, and owns nothing`);
  } else {
    console.warn('DATABASE_OWNER_URL is not set: the worker and API would run as the owner, who can rewrite the ledgers');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
