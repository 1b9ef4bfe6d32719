// `npm run bench:start-stop [-- --runs 6 --mode supervisor|sigkill]`: stops `npm start` the way a
// process supervisor does and counts what survives. `supervisor`: SIGTERM to its process group, then
// SIGKILL to the group 20 s later, as systemd or an IDE does; `sigkill`: SIGKILL to the group at
// once. Each run starts on free ports with a data directory of its own, waits for the banner, stops,
// and after a settling time lists every process of the run still alive (then kills them, so the next
// run starts clean). Saves bench/results/start-stop-<mode>.json.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getFreePort } from '../scripts/ports';
import { alive, commandOf, descendants, groupMembers } from '../testkit/processTree';
import { saveResult } from './support/benchStack';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, mode: { type: 'string', default: 'supervisor' } },
});
const ROOT = path.resolve(__dirname, '..');
const GRACE_MS = 20_000;
const SETTLE_MS = 30_000;
const log = (m: string) => console.log(`[bench:start-stop] ${m}`);

async function run(i: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nitd-start-stop-'));
  chmodSync(dataDir, 0o755); // as root, Postgres runs as the postgres user, which must pass through
  const [api, pg, temporal, ui, metrics] = await Promise.all([getFreePort(), getFreePort(), getFreePort(), getFreePort(), getFreePort()]);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(api),
    EMBEDDED_PG_PORT: String(pg),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    METRICS_PORT: String(metrics),
    DATA_DIR: dataDir,
    EMBEDDED_PG_DIR: path.join(dataDir, 'postgres'),
  };
  // Its own process group, as a supervisor starts a service.
  const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      output += c.toString();
      if (/Started in/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before its banner:\n${output.slice(-2000)}`)));
  });
  await started;
  await new Promise((r) => setTimeout(r, 2_000));
  const pids = descendants(child.pid!);
  const t0 = Date.now();
  let killedAfterGrace = false;
  const pgid = child.pid!;
  if (opts.mode === 'sigkill') {
    process.kill(-pgid, 'SIGKILL');
  } else {
    // A supervisor waits for the whole group, not only for the process it started, then kills it.
    process.kill(-pgid, 'SIGTERM');
    const deadline = Date.now() + GRACE_MS;
    while (groupMembers(pgid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupMembers(pgid).length > 0) {
      killedAfterGrace = true;
      process.kill(-pgid, 'SIGKILL');
    }
  }
  while (groupMembers(pgid).length > 0) await new Promise((r) => setTimeout(r, 50));
  const stopMs = Date.now() - t0;
  const deadline = Date.now() + SETTLE_MS;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const survivors = pids.filter(alive).map((pid) => `${pid} ${commandOf(pid)}`);
  for (const pid of pids.filter(alive))
    [-pid, pid].forEach((p) => {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    });
  rmSync(dataDir, { recursive: true, force: true });
  const result = {
    run: i,
    processes: pids.length,
    stopMs,
    killedAfterGrace,
    survivors,
    goneAfterMs: survivors.length ? null : Date.now() - t0,
  };
  log(
    `run ${i}: ${pids.length} processes, its process group gone after ${stopMs} ms${killedAfterGrace ? ' (SIGKILLed at 20 s)' : ''}; survivors after ${SETTLE_MS / 1000} s: ${survivors.length ? survivors.join('; ') : 'none'}`,
  );
  return result;
}

async function main(): Promise<void> {
  const runs = [];
  for (let i = 1; i <= Number(opts.runs); i++) runs.push(await run(i));
  const withSurvivors = runs.filter((r) => r.survivors.length > 0).length;
  log(`${opts.mode}: ${withSurvivors} of ${runs.length} runs left processes behind`);
  saveResult(`start-stop-${opts.mode}`, { mode: opts.mode, runs, withSurvivors });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
