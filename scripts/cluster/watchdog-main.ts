// The watchdog process (see watchdog.ts). Reads `add <pid> <signal> <tier>`, `remove <pid>` and
// `done` lines on stdin; end of input without `done` means the starter died.
import readline from 'node:readline';
import { isRunning as alive } from './isRunning';

const GRACE_MS = Number(process.argv[3] ?? 20_000);
const registered = new Map<number, { signal: NodeJS.Signals; tier: number }>();
let done = false;

const signal = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
};

async function stopAll(): Promise<void> {
  const tiers = [...new Set([...registered.values()].map((r) => r.tier))].sort((a, b) => b - a);
  for (const tier of tiers) {
    const pids = [...registered].filter(([, r]) => r.tier === tier).map(([pid, r]) => (signal(pid, r.signal), pid));
    const deadline = Date.now() + GRACE_MS;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const stubborn = pids.filter(alive);
    // The group too: a leader's own children (Postgres backends) go with it.
    for (const pid of pids) [-pid, pid].forEach((p) => signal(p, 'SIGKILL'));
    process.stderr.write(
      `[watchdog] tier ${tier}: ${pids.length} stopped in ${Date.now() - deadline + GRACE_MS} ms${stubborn.length ? `, ${stubborn.length} killed` : ''}\n`,
    );
  }
}

process.on('SIGINT', () => {}); // only the end of the pipe ends us
process.on('SIGHUP', () => {});
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [verb, pid, sig, tier] = line.trim().split(' ');
  if (verb === 'add') registered.set(Number(pid), { signal: sig as NodeJS.Signals, tier: Number(tier) });
  else if (verb === 'remove') registered.delete(Number(pid));
  else if (verb === 'done') done = true;
});
lines.on('close', () => {
  if (done || registered.size === 0) process.exit(0);
  process.stderr.write(
    `[watchdog] the cluster's starter (pid ${process.argv[2]}) is gone: stopping ${registered.size} processes it left\n`,
  );
  void stopAll().then(() => process.exit(0));
});
