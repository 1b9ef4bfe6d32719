// The app's workers and APIs, launched with their compose `command:` (node with the worker's heap
// flags, --import tsx, the entry point) and told apart only by their ports; ready when their
// compose health check, run here with the process's environment, passes.
import { execFile } from 'node:child_process';
import { PROJECT_ROOT } from '../tools';
import { startClusterProcess, TIER, type ClusterProcess, type ProcessOptions } from './clusterProcess';
import type { Env } from './environments';

/** `node` in a compose command is this Node: the image's node, natively. */
export function nativeCommand(command: string[]): [string, string[]] {
  const [bin, ...args] = command;
  if (!bin) throw new Error('empty compose command');
  return [bin === 'node' ? process.execPath : bin, args];
}

export function startAppProcess(name: string, command: string[], env: Env, o: Omit<ProcessOptions, 'tier'>): ClusterProcess {
  const [bin, args] = nativeCommand(command);
  return startClusterProcess(name, bin, args, env, PROJECT_ROOT, { ...o, tier: TIER.app });
}

function runCheck(healthcheck: string[], env: Env): Promise<boolean> {
  const [bin, args] = nativeCommand(healthcheck);
  return new Promise((resolve) => execFile(bin, args, { env, timeout: 5_000 }, (err) => resolve(!err)));
}

/** Polls the compose health check until it passes; fails when the process exits or time runs out. */
export async function waitHealthy(proc: ClusterProcess, healthcheck: string[], env: Env, timeoutMs = 180_000): Promise<void> {
  let exited: number | undefined;
  void proc.exited.then((code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`${proc.name} exited (${exited}) during start-up; its output (${proc.log.file}):\n${proc.log.tail()}`);
    if (await runCheck(healthcheck, env)) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${proc.name} not healthy within ${timeoutMs / 1000} s; its output (${proc.log.file}):\n${proc.log.tail()}`);
}
