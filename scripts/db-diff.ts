// `npm run db:diff -- <name> [--from <git-ref>]`: writes the next migration.
//
// `prisma migrate dev` needs Prisma's native engine, which cannot be downloaded here, so new
// migrations are the diff between the schema as last committed (git HEAD by default) and the
// working copy, via the Wasm engine. When the schema is not in git yet the diff starts from an
// empty database (that is how the init migration is made). Review the SQL before committing.
// The Wasm engine insists on a database connection even for a pure schema diff: DATABASE_URL is
// used when set, otherwise a throwaway embedded Postgres.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from './ports';
import { startEmbeddedPostgres } from './postgres';
import { PROJECT_ROOT } from './tools';

const SCHEMA = 'prisma/schema.prisma';

function previousSchema(ref: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${ref}:${SCHEMA}`], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined; // not committed yet
  }
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fromIdx = args.indexOf('--from');
  const ref = fromIdx >= 0 ? (args.splice(fromIdx, 2)[1] ?? 'HEAD') : 'HEAD';
  const name = args[0];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: npm run db:diff -- <snake_case_name> [--from <git-ref>]');

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nitd-db-diff-'));
  await fs.chmod(tmp, 0o755); // as root, Postgres runs as another user that must pass through
  let stopDb = async () => {};
  try {
    stopDb = await ensureDatabase(tmp);
    const before = previousSchema(ref);
    if (!before && (await existingMigrations()).length > 0) {
      throw new Error(
        `${SCHEMA} is not in git at ${ref}, so there is nothing to diff against: commit it first (to redo the init migration, delete prisma/migrations/*_init and run again)`,
      );
    }
    const from = before ? ['--from-schema-datamodel', path.join(tmp, 'previous.prisma')] : ['--from-empty'];
    if (before) await fs.writeFile(path.join(tmp, 'previous.prisma'), before);
    const result = spawnSync(
      path.join(PROJECT_ROOT, 'node_modules', '.bin', 'prisma'),
      ['migrate', 'diff', ...from, '--to-schema-datamodel', SCHEMA, '--script'],
      { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (result.status !== 0) throw new Error(`prisma migrate diff failed (exit ${result.status})`);
    if (/^-- This is an empty migration\.\s*$/.test(result.stdout.trim())) {
      console.log(`${SCHEMA} is unchanged since ${before ? ref : 'empty'}: no migration written`);
      return;
    }
    const dir = path.join(PROJECT_ROOT, 'prisma', 'migrations', `${timestamp()}_${name}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'migration.sql'), result.stdout);
    console.log(`wrote ${path.relative(PROJECT_ROOT, dir)}/migration.sql (from ${before ? `${SCHEMA} at ${ref}` : 'an empty database'})`);
  } finally {
    await stopDb();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

async function existingMigrations(): Promise<string[]> {
  const entries = await fs.readdir(path.join(PROJECT_ROOT, 'prisma', 'migrations'), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

async function ensureDatabase(tmp: string): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await getFreePort(), database: 'diff' });
  process.env.DATABASE_URL = pg.url; // inherited by the prisma child
  return pg.stop;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
