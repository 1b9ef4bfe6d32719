// The cluster must not outlive its starter even when the starter is killed outright (SIGKILL):
// the watchdog then stops what was registered, in reverse tiers, and kills what will not stop.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning as alive } from '../../scripts/cluster/isRunning';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'nitd-watchdog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return check();
}

describe('the cluster watchdog', () => {
  it('stops every registered process group, apps first and the database last, when the starter is SIGKILLed', async () => {
    const orderFile = path.join(dir, 'order');
    const parent = spawn(process.execPath, ['--import', 'tsx', 'tests/cluster/fixtures/watchdogParent.ts', orderFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
      parent.once('exit', (code) => reject(new Error(`fixture exited (${code})`)));
    });
    const { pids, watchdog } = JSON.parse(line) as { pids: Record<string, number>; watchdog: number };
    const all = [...Object.values(pids), watchdog];
    expect(all.every(alive)).toBe(true);

    parent.kill('SIGKILL');
    // Tier by tier, each given 1 s here (20 s in the cluster) before its group is killed.
    expect(await until(() => !all.some(alive), 15_000), `still running: ${all.filter(alive)}`).toBe(true);
    expect(readFileSync(orderFile, 'utf8').trim().split('\n')).toEqual(['app', 'server', 'database']);
  });
});
