// One process of the cluster: started through scripts/children.ts (own process group, ordered
// stop), its output in its own log file, and registered with the watchdog until it exits.
import { spawnChild, type Child } from '../children';
import { openProcessLog, type Echo, type ProcessLog } from './processLog';
import type { Watchdog } from './watchdog';

/** Stop order, highest first (also the watchdog's tiers): jobs, apps, UI, Temporal, Postgres. */
export const TIER = { postgres: 0, temporal: 1, ui: 2, app: 3, job: 4 } as const;

export interface ClusterProcess extends Child {
  log: ProcessLog;
}

export interface ProcessOptions {
  logDir: string;
  echo: Echo;
  watchdog: Watchdog;
  tier: number;
}

export function startClusterProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  o: ProcessOptions,
): ClusterProcess {
  const log = openProcessLog(o.logDir, name, o.echo);
  const child = spawnChild(name, command, args, env, cwd, log.fd);
  o.watchdog.add(child.pid, 'SIGTERM', o.tier);
  void child.exited.then(() => {
    o.watchdog.remove(child.pid);
    log.close();
  });
  return Object.assign(child, { log });
}
