// The compose file's `temporal-setup` job, run for real: its shell script, taken from
// docker-compose.yml, against a fresh Temporal dev server that knows none of our search attributes,
// with the project's `temporal` CLI standing in for the admin-tools image's. Run twice, because a
// redeploy runs it again.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFreePort } from '../../scripts/ports';
import { waitUntilServing } from '../../scripts/temporal-dev';
import { resolveTemporalCli } from '../../scripts/tools';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../lifecycles/shared/searchAttributes';
import { namespaceRetentionMs } from '../../temporal/namespace';

const ROOT = path.resolve(__dirname, '../..');
const NAMESPACE = 'nitd-compose-setup';
const compose = parseYaml(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const job = compose.services['temporal-setup'] as { entrypoint: string[]; command: string[] };

let cli: string;
let address: string;
let server: ReturnType<typeof spawn> | undefined;
let retention = 'P7D';

beforeAll(async () => {
  cli = await resolveTemporalCli();
  address = `127.0.0.1:${await getFreePort()}`;
  const [ip, port] = address.split(':') as [string, string];
  server = spawn(cli, ['server', 'start-dev', '--ip', ip, '--port', port, '--headless', '--log-level', 'error'], { stdio: 'ignore' });
  await waitUntilServing(address, 'default', 60_000);
});

afterAll(() => {
  server?.kill('SIGTERM');
});

/** The job as compose runs it: its entrypoint and script, `$$` unescaped, the CLI on PATH. */
function runJob() {
  const script = job.command.join('\n').replaceAll('$$', '$');
  const [shell, ...flags] = job.entrypoint as [string, ...string[]];
  return spawnSync(shell, [...flags, script], {
    env: {
      PATH: `${path.dirname(cli)}:${process.env.PATH}`,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_RETENTION: retention,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the temporal-setup job of docker-compose.yml', () => {
  it('creates the namespace with its retention and every search attribute the workflows set, and can run again', async () => {
    for (const [run, days] of [
      [1, 7],
      [2, 3],
    ] as const) {
      retention = `P${days}D`;
      const result = runJob();
      expect(result.status, `run ${run}:\n${result.stdout}\n${result.stderr}`).toBe(0);
    }
    const connection = await Connection.connect({ address });
    try {
      const ns = await connection.workflowService.describeNamespace({ namespace: NAMESPACE });
      expect(ns.namespaceInfo?.name).toBe(NAMESPACE);
      // The second run changed the retention of the namespace the first created.
      expect(await namespaceRetentionMs(connection, NAMESPACE)).toBe(3 * 86_400_000);
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: NAMESPACE });
      const names = Object.keys(customAttributes ?? {});
      for (const { name } of SEARCH_ATTRIBUTE_REGISTRATIONS) expect(names).toContain(name);
    } finally {
      await connection.close();
    }
  });
});
