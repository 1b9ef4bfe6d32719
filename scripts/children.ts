// Child processes of `npm start` with prefixed output. Each runs in its own process group so a
// terminal's Ctrl-C reaches only `npm start`, which then stops everything in order.
import { spawn } from 'node:child_process';

export interface Child {
  name: string;
  /** Also the process group's id (each child leads its own group). */
  pid: number | undefined;
  /** Exit code, or 128 + signal number style code when killed by a signal. */
  exited: Promise<number>;
  stop(timeoutMs?: number): Promise<void>;
  /** Last kill: the whole process group, no grace period. */
  kill(): void;
}

export function prefixLines(prefix: string, write: (line: string) => void) {
  let partial = '';
  return (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) write(`${prefix} ${line}`);
  };
}

/**
 * `logFd`: an open file both output streams go to instead of our terminal. The child then writes
 * there directly and keeps running properly if we are killed (a pipe to a dead parent makes a Go
 * server exit at its next log line); the cluster's scripts read the file.
 */
export function spawnChild(name: string, command: string, args: string[], env: Record<string, string>, cwd: string, logFd?: number): Child {
  const output = logFd ?? 'pipe';
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', output, output] });
  const prefix = `[${name}]`.padEnd(10);
  child.stdout?.on(
    'data',
    prefixLines(prefix, (l) => process.stdout.write(l + '\n')),
  );
  child.stderr?.on(
    'data',
    prefixLines(prefix, (l) => process.stderr.write(l + '\n')),
  );
  const exited = new Promise<number>((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`${prefix} cannot start ${command}: ${err.message}\n`);
      resolve(127);
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 + (signalNumber[signal] ?? 0) : 1)));
  });
  let done = false;
  const onExit = () => child.kill('SIGTERM'); // we crashed: do not leave it running on its own
  process.once('exit', onExit);
  void exited.then(() => {
    done = true;
    process.removeListener('exit', onExit);
  });
  const kill = () => {
    if (done || !child.pid) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return {
    name,
    pid: child.pid,
    exited,
    kill,
    async stop(timeoutMs = 15_000) {
      if (done) return;
      // Only the leader: tsx relays the signal to the node process it runs; a second copy of
      // the signal would make our servers skip their graceful shutdown.
      child.kill('SIGTERM');
      const timer = setTimeout(kill, timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

const signalNumber: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
