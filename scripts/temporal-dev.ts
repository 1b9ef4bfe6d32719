// The Temporal CLI's dev server (SQLite or in-memory) for `npm start` and tests. Our search
// attributes are registered on every start: workflows set them at start, and an unregistered
// attribute fails the workflow start.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../lifecycles/shared/searchAttributes';
import { resolveTemporalCli } from './tools';

export interface StartTemporalOptions {
  /** SQLite file that keeps workflows across restarts; omitted = in-memory. */
  dbFile?: string;
  port: number;
  /** Web UI port; null = headless. Defaults to port + 1000, as the CLI does. */
  uiPort?: number | null;
  /** The Web UI's codec server (our API's /codec), so admins see decrypted payloads there. */
  uiCodecEndpoint?: string;
  /** Created at start-up in addition to "default". */
  namespace?: string;
  /** Own process group, so a terminal's Ctrl-C reaches only the parent, which stops us in order. */
  detached?: boolean;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
  /**
   * Server settings the CLI takes as `--dynamic-config-value KEY=VALUE` (values JSON-encoded), e.g.
   * a low `limit.historyCount.suggestContinueAsNew` so a test sees continue-as-new suggested.
   */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  namespace: string;
  /** The server's pid (for a watchdog that stops it should its starter be killed). */
  pid: number | undefined;
  /** Resolves when the server exits, for whatever reason. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `killAfterMs` (default 15 s). */
  stop(killAfterMs?: number): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startTemporalDevServer(opts: StartTemporalOptions): Promise<RunningTemporal> {
  const cli = await resolveTemporalCli();
  const namespace = opts.namespace ?? 'default';
  const uiPort = opts.uiPort === undefined ? opts.port + 1000 : opts.uiPort;
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.dbFile) {
    await fs.mkdir(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(opts.dbFile));
  }
  args.push(...(uiPort === null ? ['--headless'] : ['--ui-port', String(uiPort)]));
  if (uiPort !== null && opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  if (namespace !== 'default') args.push('--namespace', namespace);
  for (const { name, cliType } of SEARCH_ATTRIBUTE_REGISTRATIONS) args.push('--search-attribute', `${name}=${cliType}`);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {}))
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  const child = spawn(cli, args, { detached: opts.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      opts.onLog?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let running = true;
  // Should we die without stop() (crash, killed test runner), the server must not outlive us.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  void exited.then(() => {
    running = false;
    process.removeListener('exit', onExit);
  });

  const stop = async (killAfterMs = 15_000) => {
    if (!running) return;
    child.kill('SIGTERM');
    const escalate = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(escalate);
  };

  const address = `${HOST}:${opts.port}`;
  try {
    await waitUntilServing(address, namespace, opts.startTimeoutMs ?? 60_000, () => {
      if (spawnError) return `could not run ${cli}: ${spawnError.message}`;
      return running ? undefined : 'exited during start-up';
    });
  } catch (err) {
    await stop();
    throw new Error(`Temporal dev server on ${address}: ${(err as Error).message}\n${recent.join('\n')}`, { cause: err });
  }
  return { address, uiUrl: uiPort === null ? undefined : `http://localhost:${uiPort}`, namespace, pid: child.pid, exited, stop };
}

/**
 * The API's codec endpoint for the dev Web UI: a plain URL, never a credential. The UI decodes for
 * a browser in which an admin signed in at /codec/session (api/codec/session.ts).
 */
export function devCodecEndpoint(env: Record<string, string | undefined>): string {
  return `http://localhost:${env.PORT ?? 3000}/codec`;
}

/** Polls until the frontend answers for the namespace (gRPC listening alone is not "ready"). */
export async function waitUntilServing(
  address: string,
  namespace: string,
  timeoutMs: number,
  failure: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    const fatal = failure();
    if (fatal) throw new Error(fatal);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not serving namespace "${namespace}" within ${timeoutMs} ms (last error: ${lastError})`);
}
