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

/** How to bring a process back after a drill killed it: start it as before, then wait until it serves. */
export interface Restart {
  start(): ClusterProcess;
  ready(p: ClusterProcess): Promise<void>;
}

/** How to start Postgres again on the same data and port. */
export interface PostgresRestart {
  start(): Promise<RunningPostgres>;
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
  /** By name, the process now running under it: a drill's restart replaces it. */
  private readonly current = new Map<string, ClusterProcess>();
  private readonly restarts = new Map<string, Restart>();
  /** Exits a drill caused: not failures. */
  private readonly expected = new Set<ClusterProcess>();
  private postgres?: { pg: RunningPostgres; log: ProcessLog; restart?: PostgresRestart };
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
    const replacing = this.current.has(p.name);
    this.current.set(p.name, p);
    this.running.push(p);
    if (tier < TIER.app) this.serverLogs.push(p.log);
    if (p.pid) this.pidSet.add(p.pid);
    // Stops whichever process runs under the name by then.
    if (!replacing) this.stack.push({ name: p.name, tier, stop: () => this.current.get(p.name)!.stop(stopMs) });
    void p.exited.then(
      (code) => !this.stopping && !this.expected.has(p) && this.reportFailure(`${p.name} exited (${code}); its log: ${p.log.file}`),
    );
    return p;
  }

  /** Lets a drill kill the process tracked under `name` and start it again (see restart). */
  restartable(name: string, restart: Restart): void {
    this.restarts.set(name, restart);
  }

  /** The pid of the process running under `name` now (a restart changes it). */
  pidOf(name: string): number | undefined {
    return name === 'postgres' ? this.postgres?.pg.pid : this.current.get(name)?.pid;
  }

  /**
   * As a crash would: SIGKILL to the whole process group, no grace; resolves once it is gone.
   * Postgres gets its fast shutdown instead (an outage, not a lost disk).
   */
  async kill(name: string): Promise<void> {
    if (name === 'postgres') return this.stopPostgres();
    const p = this.current.get(name);
    if (!p || !this.restarts.has(name)) throw new Error(`no restartable process named ${name}`);
    this.expected.add(p);
    p.kill();
    await p.exited;
  }

  /** As a rollout would: SIGTERM and the process's own grace period (SIGKILL after it). */
  async stopOne(name: string): Promise<void> {
    const p = this.current.get(name);
    if (!p || !this.restarts.has(name)) throw new Error(`no restartable process named ${name}`);
    this.expected.add(p);
    await this.stack.find((s) => s.name === name)!.stop();
  }

  /** Starts `name` again as it was first started and waits until it serves. */
  async restart(name: string): Promise<void> {
    if (name === 'postgres') return this.startPostgres();
    const restart = this.restarts.get(name);
    if (!restart) throw new Error(`no restartable process named ${name}`);
    const tier = this.stack.find((s) => s.name === name)!.tier;
    await restart.ready(this.track(restart.start(), tier));
  }

  trackPostgres(pg: RunningPostgres, log: ProcessLog, restart?: PostgresRestart): void {
    if (this.stopping) {
      void pg.stop().finally(() => log.close());
      return;
    }
    const first = !this.postgres;
    this.postgres = { pg, log, restart: restart ?? this.postgres?.restart };
    this.watchdog.add(pg.pid, 'SIGINT', TIER.postgres); // fast shutdown: sessions end, data is kept
    if (pg.pid) this.pidSet.add(pg.pid);
    if (first) {
      this.serverLogs.push(log);
      this.stack.push({ name: 'postgres', tier: TIER.postgres, stop: () => this.postgres!.pg.stop() });
    }
    void pg.exited.then((code) => {
      this.watchdog.remove(pg.pid);
      if (this.postgres?.pg !== pg) return; // stopped by a drill
      log.close();
      if (!this.stopping) this.reportFailure(`postgres exited (${code}); its log: ${log.file}`);
    });
  }

  /** A drill's outage. Until it is started again there is nothing to stop. */
  private async stopPostgres(): Promise<void> {
    const current = this.postgres;
    if (!current?.restart) throw new Error('Postgres is not ours to stop (DATABASE_URL)');
    this.postgres = { ...current, pg: { ...current.pg, stop: async () => {} } };
    await current.pg.stop();
  }

  private async startPostgres(): Promise<void> {
    const current = this.postgres;
    if (!current?.restart) throw new Error('Postgres is not ours to start (DATABASE_URL)');
    this.trackPostgres(await current.restart.start(), current.log);
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
