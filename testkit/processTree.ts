// A process's family as Linux's /proc shows it, for tests and benches that must prove nothing of a
// run survives it: descendants (detached ones included, they keep their parent), process groups,
// and whether a pid still runs.
import { readdirSync, readFileSync } from 'node:fs';

interface Stat {
  pid: number;
  state: string;
  ppid: number;
  pgrp: number;
}

function stats(): Stat[] {
  const all: Stat[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.push({ pid: Number(entry), state: state!, ppid: Number(ppid), pgrp: Number(pgrp) });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** `root` and every process whose parent chain leads to it. */
export function descendants(root: number): number[] {
  const all = stats();
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of all) {
      if (found.has(s.ppid) && !found.has(s.pid)) {
        found.add(s.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

/** The live processes of process group `pgid` (what a supervisor's group signals reach). */
export const groupMembers = (pgid: number): number[] =>
  stats()
    .filter((s) => s.pgrp === pgid && s.state !== 'Z')
    .map((s) => s.pid);

export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2)[0]!);
  } catch {
    return false;
  }
}

/** A short description of a process, for a failure message. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 4).join(' ').slice(0, 100);
  } catch {
    return '?';
  }
}

/** Polls until `check` holds or the time is up; returns whether it held. */
export async function until(check: () => boolean, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, everyMs));
  return check();
}
