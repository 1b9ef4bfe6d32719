// Runs a docker-compose.yml health check command here, against a process the test started, so the
// check the orchestrator relies on is known to pass on a healthy process (and fail otherwise).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

/** Exit status of the service's `CMD` health check, run with the given environment. */
export function runComposeHealthcheck(service: string, env: Record<string, string>): number | null {
  const compose = parseYaml(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  const test = compose.services[service].healthcheck.test as string[];
  if (test[0] !== 'CMD') throw new Error(`${service}: only CMD health checks can run outside a container`);
  const [command, ...args] = test.slice(1) as [string, ...string[]];
  return spawnSync(command === 'node' ? process.execPath : command, args, { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 })
    .status;
}
