// Where a cluster process's output goes: all of it to its own file under the cluster's logs/
// (the four Temporal services alone log hundreds of lines at start-up), the lines worth a
// person's attention also to the terminal, and the last lines kept for error messages.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ProcessLog {
  file: string;
  write(line: string, stream: 'stdout' | 'stderr'): void;
  /** Change what reaches the terminal (servers are quiet while the cluster starts and stops). */
  setEcho(echo: Echo): void;
  /** The last lines, for an error message. */
  tail(): string;
  close(): void;
}

/** Which lines reach the terminal: every line, only warnings and errors, or none. */
export type Echo = 'all' | 'problems' | 'none';

// Temporal's JSON logs ("level":"error"), logfmt (level=error), pino (numeric "level":50 and up),
// Postgres's FATAL/PANIC (its ERROR lines are clients' failed statements, e.g. the schema job's
// expected "database already exists").
const PROBLEM = /"level":\s*"(warn|error|fatal|panic|dpanic)"|level=(warn|error|fatal)|"level":\s*[56]0\b|\b(FATAL|PANIC):/;

export function openProcessLog(dir: string, name: string, echo: Echo, keep = 40): ProcessLog {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.log`);
  const stream = createWriteStream(file, { flags: 'a' });
  const recent: string[] = [];
  const prefix = `[${name}]`.padEnd(12);
  return {
    file,
    write(line, which) {
      stream.write(line + '\n');
      recent.push(line);
      if (recent.length > keep) recent.shift();
      if (echo === 'all' || (echo === 'problems' && PROBLEM.test(line))) {
        (which === 'stdout' ? process.stdout : process.stderr).write(`${prefix} ${line}\n`);
      }
    },
    setEcho: (e) => void (echo = e),
    tail: () => recent.join('\n'),
    close: () => stream.end(),
  };
}
