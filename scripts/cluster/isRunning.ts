// Whether a process is still running. kill(pid, 0) alone also succeeds for a zombie: a process
// that has exited but whose parent has not collected it, which is what the cluster's processes
// become when their starter is killed and nothing reaps orphans promptly (a container's PID 1).
import { readFileSync } from 'node:fs';

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false; // gone between the two looks (or no /proc: trust kill)
  }
}
