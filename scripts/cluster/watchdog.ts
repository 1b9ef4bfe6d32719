// Keeps the cluster from outliving its starter. Every server runs in its own process group (so a
// terminal's Ctrl-C reaches only the starter, which stops them in order), which also means that
// nothing stops them if the starter is killed outright (SIGKILL, OOM killer): Node cannot ask the
// kernel for a parent-death signal. So a small watchdog process holds a pipe from the starter; the
// kernel closes that pipe however the starter dies, and on end-of-file the watchdog stops what is
// still registered, in reverse tiers (apps, UI, Temporal, Postgres), escalating to SIGKILL.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../tools';

export interface Watchdog {
  /** `tier`: stopped after every higher tier; `signal`: the polite stop (SIGINT for Postgres). */
  add(pid: number | undefined, signal: NodeJS.Signals, tier: number): void;
  remove(pid: number | undefined): void;
  /** Orderly stop done: the watchdog exits without touching anything. */
  close(): void;
  pid: number | undefined;
}

/** `graceMs`: how long a tier may take to stop before it is killed. */
export function startWatchdog(graceMs = 20_000): Watchdog {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'watchdog-main.ts'), String(process.pid), String(graceMs)],
    {
      cwd: PROJECT_ROOT,
      detached: true, // not in our group: a Ctrl-C meant for us must not end it
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
  // Neither the process nor the pipe may keep the starter alive.
  child.unref();
  const stdin = child.stdin as unknown as Socket;
  stdin.unref();
  stdin.on('error', () => {}); // watchdog gone: nothing left to tell
  let closed = false;
  const send = (line: string) => !closed && stdin.write(line + '\n');
  return {
    pid: child.pid,
    add: (pid, signal, tier) => pid && send(`add ${pid} ${signal} ${tier}`),
    remove: (pid) => pid && send(`remove ${pid}`),
    close() {
      send('done');
      closed = true;
      stdin.end();
    },
  };
}
