// Keeps track of what the cluster started, so it stops in reverse: apps (all at once, as compose
// does), the UI, the Temporal services one by one, Postgres last; reports a process that exits on
// its own; and registers everything with the watchdog for the case where we are killed.
import type { RunningPostgres } from '../postgres';
import { TIER, type ClusterProcess } from './clusterProcess';
import type { ProcessLog } from './processLog';
import { startWatchdog, type Watchdog } from './watchdog';

interface Stoppable {
  name: string;
  tier: number;
  stop(): Promise<void>;
}

export class Supervisor {
  readonly watchdog: Watchdog = startWatchdog();
  /** Resolves with what happened when a process exits on its own. */
  readonly failed: Promise<string>;
  private reportFailure: (what: string) => void = () => {};
  private readonly stack: Stoppable[] = [];
  private readonly running: ClusterProcess[] = [];
  private readonly serverLogs: ProcessLog[] = [];
  private readonly pidSet = new Set<number>();
  private stopping = false;

  constructor(private readonly log: (line: string) => void) {
    this.failed = new Promise<string>((resolve) => (this.reportFailure = resolve));
    if (this.watchdog.pid) this.pidSet.add(this.watchdog.pid);
  }

  track<P extends ClusterProcess>(p: P, tier: number, stopMs = 20_000): P {
    if (this.stopping) {
      p.kill(); // started after an interrupted start-up was stopped
      return p;
    }
    this.running.push(p);
    if (tier < TIER.app) this.serverLogs.push(p.log);
    if (p.pid) this.pidSet.add(p.pid);
    this.stack.push({ name: p.name, tier, stop: () => p.stop(stopMs) });
    void p.exited.then((code) => !this.stopping && this.reportFailure(`${p.name} exited (${code}); its log: ${p.log.file}`));
    return p;
  }

  trackPostgres(pg: RunningPostgres, log: ProcessLog): void {
    if (this.stopping) {
      void pg.stop().finally(() => log.close());
      return;
    }
    this.watchdog.add(pg.pid, 'SIGINT', TIER.postgres); // fast shutdown: sessions end, data is kept
    if (pg.pid) this.pidSet.add(pg.pid);
    this.serverLogs.push(log);
    this.stack.push({ name: 'postgres', tier: TIER.postgres, stop: () => pg.stop() });
    void pg.exited.then((code) => {
      this.watchdog.remove(pg.pid);
      log.close();
      if (!this.stopping) this.reportFailure(`postgres exited (${code}); its log: ${log.file}`);
    });
  }

  /**
   * Servers log errors while the cluster forms and while it stops (shards moving, peers gone),
   * which is expected then: their lines reach the terminal only in between.
   */
  echoServers(echo: 'problems' | 'all' | 'none'): void {
    this.serverLogs.forEach((l) => l.setEcho(echo));
  }

  pids(): number[] {
    return [...this.pidSet];
  }

  async stop(): Promise<void> {
    if (this.stopping) {
      this.running.forEach((p) => p.kill()); // asked again: stop waiting
      return;
    }
    this.stopping = true;
    this.echoServers('none');
    for (const tier of [...new Set(this.stack.map((s) => s.tier))].sort((a, b) => b - a)) {
      const entries = this.stack.filter((s) => s.tier === tier).reverse();
      const stopOne = (s: Stoppable) => s.stop().catch((err: Error) => this.log(`stopping ${s.name}: ${err.message}`));
      if (tier === TIER.app) await Promise.all(entries.map(stopOne));
      else for (const s of entries) await stopOne(s);
    }
    this.watchdog.close();
  }
}
