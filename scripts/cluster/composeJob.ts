// Runs a one-shot compose job (temporal-schema, temporal-setup) natively: its script verbatim,
// through the shell its entrypoint names, with the job's environment and the tools it calls
// (temporal-sql-tool, temporal) first on PATH, as the admin-tools image has them.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { startClusterProcess, TIER, type ProcessOptions } from './clusterProcess';
import type { Env } from './environments';
import type { ComposeJob } from './topology';

/** A directory of links named as the admin-tools image names its tools. */
export function linkTools(binDir: string, tools: Record<string, string>): string {
  mkdirSync(binDir, { recursive: true });
  for (const [name, target] of Object.entries(tools)) {
    const link = path.join(binDir, name);
    rmSync(link, { force: true });
    symlinkSync(target, link);
  }
  return binDir;
}

export interface JobRun extends Omit<ProcessOptions, 'tier'> {
  env: Env;
  binDir: string;
  /** The script as run here (container paths replaced). */
  script: string;
  cwd: string;
  timeoutMs?: number;
}

export async function runComposeJob(job: ComposeJob, run: JobRun): Promise<number> {
  const started = Date.now();
  const [shell, ...shellArgs] = job.shell as [string, ...string[]];
  const env = { HOME: process.env.HOME ?? '/', ...run.env, PATH: `${run.binDir}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}` };
  const child = startClusterProcess(job.service, shell, [...shellArgs, run.script], env, run.cwd, { ...run, tier: TIER.job });
  const timeoutMs = run.timeoutMs ?? 180_000;
  const timer = setTimeout(() => child.kill(), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0) {
    const why = Date.now() - started >= timeoutMs ? `did not finish within ${timeoutMs / 1000} s` : `failed (exit ${code})`;
    throw new Error(`${job.service} ${why}; its output (${child.log.file}):\n${child.log.tail()}`);
  }
  return Date.now() - started;
}
