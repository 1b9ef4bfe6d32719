// Runs the real entry points (worker/main.ts, api/server.ts) as child processes, the way a
// container runs them, and keeps their output to wait on and to show when a test fails.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface AppProcess {
  pid: number;
  /** Every line written so far, stdout and stderr. */
  lines: string[];
  /** Exit code, or the signal's name when killed by one. */
  exited: Promise<number | string>;
  /** Resolves with the first line matching; rejects if the process exits or the time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  signal(sig: NodeJS.Signals): void;
  output(): string;
}

/**
 * `viaNodeImport` runs `node --import tsx <entry>`, one process as in the Docker image, so a signal
 * (even SIGKILL) reaches the app itself; otherwise the tsx CLI, as `npm start` runs it.
 */
export function startAppProcess(entry: string, env: Record<string, string>, opts: { viaNodeImport?: boolean } = {}): AppProcess {
  const [command, args] = opts.viaNodeImport ? [process.execPath, ['--import', 'tsx', entry]] : [TSX, [entry]];
  // The parent's env minus what the test sets, so a developer's .env or shell cannot leak in.
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a SIGKILL must reach the node process the tsx CLI starts, which
    // would otherwise outlive it (a failed test's worker kept polling for an hour).
    detached: true,
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, sig) => resolve(code ?? sig ?? -1)));
  /** The whole group for SIGKILL (nothing to relay it); other signals to tsx, which relays them once. */
  const send = (sig: NodeJS.Signals) => {
    try {
      if (sig === 'SIGKILL' && child.pid) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  const onExit = () => send('SIGKILL'); // a crashed test run must not leave it behind
  process.once('exit', onExit);
  void exited.then(() => process.removeListener('exit', onExit));
  return {
    pid: child.pid!,
    lines,
    exited,
    output: () => lines.join('\n'),
    signal: send,
    waitFor(pattern, timeoutMs = 60_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.slice(-30).join('\n')}`)),
          timeoutMs,
        );
        void exited.then((code) =>
          reject(new Error(`${entry} exited (${code}) before printing ${pattern}:\n${lines.slice(-30).join('\n')}`)),
        );
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
  };
}
