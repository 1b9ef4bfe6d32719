// The binaries of the production topology, built from the Go module proxy because no registry
// here ships them and there is no Docker engine: the Temporal server and temporal-sql-tool at the
// version docker-compose.yml pins (temporalio/server:<v>), and the Web UI server at the
// temporalio/ui version. Built once into .tools/ (skipped when present), under a lock so two
// starters at once build once. The schema files and the sample config come with the module source.
import { existsSync, utimesSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isExecutable, PROJECT_ROOT, withLock } from '../tools';
import { goInstall, goModuleDir } from './goInstall';
import { loadTopology } from './topology';

const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');
export const SERVER_MODULE = 'go.temporal.io/server';
export const UI_MODULE = 'github.com/temporalio/ui-server/v2';
/** Written when the UI server fails to build, so later starts do not spend minutes failing again. */
const UI_FAILURE_FILE = 'build-failed.txt';

export interface ClusterTools {
  serverVersion: string;
  /** `go install .../cmd/server`: the Temporal server (all four services; one per process with --service). */
  server: string;
  /** `go install .../cmd/tools/sql`: temporal-sql-tool, named `sql` by go install. */
  sqlTool: string;
  /** The server module's schema/ tree (postgresql/v12/{temporal,visibility}/versioned). */
  schemaDir: string;
  /** config/development-postgres12.yaml of the module: the base of the cluster's config. */
  sampleConfig: string;
  ui: { version: string; binary?: string; failure?: string };
}

export interface EnsureOptions {
  log?: (line: string) => void;
  /** Build the Web UI server too when missing (best effort). Default true. */
  ui?: boolean;
  /** Try the UI build again even though an earlier attempt failed. */
  retryUi?: boolean;
}

export function serverToolsDir(version: string): string {
  return path.join(TOOLS_DIR, 'temporal-server', version);
}

export function uiToolsDir(version: string): string {
  return path.join(TOOLS_DIR, 'temporal-ui', version);
}

/** True when no build is needed (the e2e test gives itself a long timeout only otherwise). */
export async function clusterToolsPresent(): Promise<boolean> {
  const dir = serverToolsDir(loadTopology().serverVersion);
  return (await isExecutable(path.join(dir, 'server'))) && (await isExecutable(path.join(dir, 'sql')));
}

export async function ensureClusterTools(opts: EnsureOptions = {}): Promise<ClusterTools> {
  const log = opts.log ?? ((line: string) => console.error(`[tools:cluster] ${line}`));
  const { serverVersion, uiVersion } = loadTopology();
  const dir = serverToolsDir(serverVersion);
  const server = path.join(dir, 'server');
  const sqlTool = path.join(dir, 'sql');
  const present = async () => (await isExecutable(server)) && (await isExecutable(sqlTool));

  if (!(await present())) {
    await lockedBuild(dir, log, async () => {
      if (await present()) return; // another process built them while we waited
      log(`building the Temporal server and temporal-sql-tool ${serverVersion} with go install into ${path.relative(PROJECT_ROOT, dir)}`);
      log('the first build takes about 4 minutes on 2 cores and fills ~3 GB of Go module and build caches');
      const built = await goInstall({
        gobin: dir,
        packages: [`${SERVER_MODULE}/cmd/server@v${serverVersion}`, `${SERVER_MODULE}/cmd/tools/sql@v${serverVersion}`],
        label: `building Temporal ${serverVersion}`,
        log,
        onTick: () => touch(`${dir}.lock`),
      });
      log(`built Temporal ${serverVersion} in ${(built.durationMs / 1000).toFixed(0)} s`);
    });
  }

  const moduleDir = await goModuleDir(`${SERVER_MODULE}@v${serverVersion}`);
  const schemaDir = path.join(moduleDir, 'schema');
  const sampleConfig = path.join(moduleDir, 'config', 'development-postgres12.yaml');
  for (const needed of [path.join(schemaDir, 'postgresql', 'v12', 'temporal', 'versioned'), sampleConfig]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing from the module source of ${SERVER_MODULE}@v${serverVersion}`);
  }

  const ui = opts.ui === false ? { version: uiVersion } : await ensureUiServer(uiVersion, log, opts.retryUi ?? false);
  return { serverVersion, server, sqlTool, schemaDir, sampleConfig, ui };
}

/**
 * The Web UI's Go server embeds the built UI, so one `go install` gives the whole UI. A failure
 * is reported and remembered, not fatal: the cluster runs without its UI.
 */
async function ensureUiServer(version: string, log: (line: string) => void, retry: boolean): Promise<ClusterTools['ui']> {
  const dir = uiToolsDir(version);
  const binary = path.join(dir, 'server');
  const failureFile = path.join(dir, UI_FAILURE_FILE);
  if (await isExecutable(binary)) return { version, binary };
  const remembered = async () => (retry ? undefined : await fs.readFile(failureFile, 'utf8').catch(() => undefined));
  const earlier = await remembered();
  if (earlier) return { version, failure: earlier.trim() };
  let failure: string | undefined;
  await lockedBuild(dir, log, async () => {
    if ((await isExecutable(binary)) || (failure = await remembered())) return;
    try {
      const built = await buildUiServer(version, dir, log);
      await fs.rm(failureFile, { force: true });
      log(`built the Web UI server ${version} in ${(built.durationMs / 1000).toFixed(0)} s`);
    } catch (err) {
      failure = (err as Error).message;
      await fs.writeFile(failureFile, failure + '\n');
      log(`${failure}\nthe cluster will run without the Web UI (npm run tools:cluster -- --retry-ui tries again)`);
    }
  });
  return (await isExecutable(binary)) ? { version, binary } : { version, failure: failure?.trim() ?? 'not built' };
}

/**
 * `go install <module>/cmd/server@v<version>` is refused for ui-server: its go.mod replaces
 * grpc-gateway with Temporal's fork, and Go allows replace directives only in the main module. So
 * the module's source is fetched from the proxy (go mod download) and built as the main module,
 * which honours the replace, exactly as the temporalio/ui image's own build does.
 */
async function buildUiServer(version: string, gobin: string, log: (line: string) => void): Promise<{ durationMs: number }> {
  const moduleDir = await goModuleDir(`${UI_MODULE}@v${version}`);
  log(`building the Temporal Web UI server ${version} from ${UI_MODULE}@v${version} (go install ./cmd/server in its source)`);
  try {
    return await goInstall({
      gobin,
      cwd: moduleDir,
      packages: ['./cmd/server'],
      label: `building UI ${version}`,
      log,
      onTick: () => touch(`${gobin}.lock`),
    });
  } catch (err) {
    throw new Error(`building ${UI_MODULE}@v${version} (./cmd/server in ${moduleDir}) failed: ${(err as Error).message}`, { cause: err });
  }
}

async function lockedBuild(dir: string, log: (line: string) => void, build: () => Promise<void>): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const lock = `${dir}.lock`;
  if (existsSync(lock))
    log(`waiting for another process building into ${path.relative(PROJECT_ROOT, dir)} (${path.relative(PROJECT_ROOT, lock)})`);
  await withLock(build, lock);
}

// The lock counts as abandoned when untouched for 15 minutes; a long build keeps it fresh.
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // gone: nothing to keep fresh
  }
}
