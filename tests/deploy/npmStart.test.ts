// `npm start` as a process supervisor sees it: SIGKILLed mid-run, nothing of it survives (its
// watchdog stops the servers it left) and the next start on the same ports and data is clean; a
// supervisor's stop (SIGTERM to the group) ends the whole group well inside the 20 s before the
// SIGKILL; a port in use is an error, never someone else's server used; and the API listens on
// loopback only. Each run has free ports and a data directory of its own, so it never meets a
// developer's `npm start` or another checkout's.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getFreePort } from '../../scripts/ports';
import { alive, commandOf, descendants, groupMembers, until } from '../../testkit/processTree';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nitd-npm-start-'));
chmodSync(dataDir, 0o755); // as root, Postgres runs as the postgres user, which must pass through
const started: ChildProcess[] = [];
afterAll(() => {
  // Only if a test failed half-way: what it started must not outlive the run.
  for (const child of started) for (const pid of descendants(child.pid!)) [-pid, pid].forEach((p) => kill(p));
  rmSync(dataDir, { recursive: true, force: true });
});

function kill(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone
  }
}

let ports: Record<string, string> | undefined;
async function env(): Promise<Record<string, string>> {
  ports ??= {
    PORT: String(await getFreePort()),
    EMBEDDED_PG_PORT: String(await getFreePort()),
    TEMPORAL_PORT: String(await getFreePort()),
    TEMPORAL_UI_PORT: String(await getFreePort()),
    METRICS_PORT: String(await getFreePort()),
  };
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...ports, DATA_DIR: dataDir };
}

/** `npm start` in a process group of its own, as a supervisor runs it; resolves once it printed `pattern`. */
function npmStart(extra: Record<string, string>, pattern: RegExp) {
  const child = spawn('npm', ['start'], { cwd: ROOT, env: extra, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer) => {
      output += c.toString();
      if (pattern.test(output)) resolve(output);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output.slice(-3000)}`)));
  });
  return { child, pgid: child.pid!, printed, exited, output: () => output };
}

const survivors = (pids: number[]) => pids.filter(alive).map((pid) => `${pid} ${commandOf(pid)}`);

describe('npm start', () => {
  it('leaves no process behind when SIGKILLed mid-run, and starts clean again on the same ports and data', async () => {
    const first = npmStart(await env(), /Started in/);
    await first.printed;
    const family = descendants(first.pgid);
    // npm, its shell, start.ts, the watchdog, Postgres and its backends, Temporal, worker, API.
    expect(family.length).toBeGreaterThan(8);
    kill(-first.pgid);
    const gone = await until(() => family.every((pid) => !alive(pid)), 60_000);
    expect(gone, `still running after 60 s: ${survivors(family).join('; ')}`).toBe(true);

    const second = npmStart(await env(), /Started in/);
    const output = await second.printed;
    expect(output).toMatch(/migrations applied/);
    expect(output).not.toMatch(/in use/);
    const family2 = descendants(second.pgid);
    // A supervisor's stop: SIGTERM to the group; its SIGKILL would follow 20 s later.
    const t0 = Date.now();
    kill(-second.pgid, 'SIGTERM');
    const stopped = await until(() => groupMembers(second.pgid).length === 0 && family2.every((pid) => !alive(pid)), 20_000, 100);
    expect(stopped, `after SIGTERM, still running at 20 s: ${survivors(family2).join('; ')}`).toBe(true);
    // npm itself ends at once by the signal it was sent; start.ts says it stopped everything in order.
    expect(second.output()).toMatch(/\[start\] +stopped in \d+\.\d s/);
    console.log(`[npm start] stopped ${family2.length} processes in ${((Date.now() - t0) / 1000).toFixed(1)} s after SIGTERM`);
  });

  it("refuses a port in use instead of using someone else's server, and leaves nothing behind", async () => {
    const squatter = net.createServer().listen(Number((await env()).TEMPORAL_PORT), '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const run = npmStart(await env(), /stopped in/);
      const output = await run.printed;
      expect(await run.exited).toBe(1);
      expect(output).toMatch(/port \d+ for the Temporal dev server is in use .*set TEMPORAL_PORT to another port, or set TEMPORAL_ADDRESS/);
      expect(output).not.toMatch(/using it/);
      expect(await until(() => groupMembers(run.pgid).length === 0, 20_000)).toBe(true);
    } finally {
      squatter.close();
    }
  });

  it('runs side by side with another one on ports and data of its own', async () => {
    const otherData = mkdtempSync(path.join(os.tmpdir(), 'nitd-npm-start-b-'));
    chmodSync(otherData, 0o755);
    const other: Record<string, string> = { ...(await env()), DATA_DIR: otherData };
    for (const name of ['PORT', 'EMBEDDED_PG_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'METRICS_PORT'])
      other[name] = String(await getFreePort());
    const [a, b] = [npmStart(await env(), /Started in/), npmStart(other, /Started in/)];
    try {
      await Promise.all([a.printed, b.printed]);
      for (const e of [await env(), other]) expect((await fetch(`http://127.0.0.1:${e.PORT}/healthz`)).status).toBe(200);
    } finally {
      for (const run of [a, b]) kill(-run.pgid, 'SIGTERM');
      expect(await until(() => groupMembers(a.pgid).length + groupMembers(b.pgid).length === 0, 20_000)).toBe(true);
      rmSync(otherData, { recursive: true, force: true });
    }
  });

  it('listens on loopback only unless told otherwise', async () => {
    const run = npmStart(await env(), /Started in/);
    await run.printed;
    try {
      const api = Number((await env()).PORT);
      const outside = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      const connects = (host: string) =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect({ host, port: api }, () => (socket.destroy(), resolve(true)));
          socket.once('error', () => resolve(false));
        });
      expect(await connects('127.0.0.1')).toBe(true);
      if (outside) expect(await connects(outside)).toBe(false);
    } finally {
      kill(-run.pgid, 'SIGTERM');
      expect(await until(() => groupMembers(run.pgid).length === 0, 20_000)).toBe(true);
      expect(run.output()).toMatch(/stopped in/);
    }
  });
});
