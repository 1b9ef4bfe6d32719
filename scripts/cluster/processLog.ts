// Where a cluster process's output goes: straight into its own file under the cluster's logs/
// (the process writes it itself, so it keeps logging, and keeps running, if the starter dies);
// we follow the file to show the lines worth a person's attention and keep the last ones for
// error messages. The four Temporal services alone log hundreds of lines at start-up.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { prefixLines } from '../children';

export interface ProcessLog {
  file: string;
  /** Give this to the child as its stdout and stderr. */
  fd: number;
  /** For output that reaches us as lines (Postgres's, through scripts/postgres.ts). */
  write(line: string): void;
  /** Change what reaches the terminal (servers are quiet while the cluster starts and stops). */
  setEcho(echo: Echo): void;
  /** The last lines, each after the process's name, for an error message. */
  tail(): string;
  /** Reads what is left, then stops following. */
  close(): void;
}

/** Which lines reach the terminal: every line, only warnings and errors, or none. */
export type Echo = 'all' | 'problems' | 'none';

// Temporal's JSON logs ("level":"error"), logfmt (level=error), pino (numeric "level":50 and up),
// Postgres's FATAL/PANIC (its ERROR lines are clients' failed statements, e.g. the schema job's
// expected "database already exists").
const PROBLEM = /"level":\s*"(warn|error|fatal|panic|dpanic)"|level=(warn|error|fatal)|"level":\s*[56]0\b|\b(FATAL|PANIC):/;
const FOLLOW_MS = 200;

export function openProcessLog(dir: string, name: string, echo: Echo, keep = 40): ProcessLog {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.log`);
  const fd = openSync(file, 'a');
  const reader = openSync(file, 'r');
  let offset = fstatSync(fd).size; // an earlier run's lines are not this one's
  const recent: string[] = [];
  const onLine = prefixLines(`[${name}]`.padEnd(12), (line) => {
    recent.push(line);
    if (recent.length > keep) recent.shift();
    if (echo === 'all' || (echo === 'problems' && PROBLEM.test(line))) process.stdout.write(line + '\n');
  });
  const buffer = Buffer.alloc(64 * 1024);
  let open = true;
  const pump = () => {
    if (!open) return;
    for (let n; (n = readSync(reader, buffer, 0, buffer.length, offset)) > 0; offset += n) onLine(buffer.subarray(0, n));
  };
  const timer = setInterval(pump, FOLLOW_MS);
  timer.unref();
  return {
    file,
    fd,
    write: (line) => void writeSync(fd, line + '\n'),
    setEcho: (e) => void (echo = e),
    tail: () => (pump(), recent.join('\n')),
    close() {
      pump();
      open = false;
      clearInterval(timer);
      closeSync(reader);
      closeSync(fd);
    },
  };
}
