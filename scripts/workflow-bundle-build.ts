// Rebuilds the worker's prebuilt workflow bundle (worker/workflowBundle.ts) when it is missing or
// older than any source the workflows import, so `npm start` never runs yesterday's workflow code.
// Bundling runs in its own process: webpack's memory must not stay in whoever asked for it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { isOlderThanSources } from './staleness';
import { PROJECT_ROOT } from './tools';

export const WORKFLOW_BUNDLE_PATH = path.join(PROJECT_ROOT, 'dist', 'workflows', 'bundle.js');
// Everything the workflow code imports from this repository lives under these folders.
const SOURCES = ['lifecycles', 'jobs', 'policy', 'temporal', 'worker'].map((d) => path.join(PROJECT_ROOT, d));

/** Builds when stale; returns how long it took (0 when the bundle was current). */
export async function ensureWorkflowBundle(log: (msg: string) => void = () => {}): Promise<number> {
  if (!isOlderThanSources(WORKFLOW_BUNDLE_PATH, SOURCES)) return 0;
  const started = Date.now();
  log('bundling the workflows (worker/workflows.ts → dist/workflows/bundle.js)');
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, ['worker/workflowBundle.ts', WORKFLOW_BUNDLE_PATH], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | string>((resolve) => child.once('close', (c, sig) => resolve(c ?? sig ?? -1)));
  if (code !== 0) throw new Error(`workflow bundle failed (exit ${code})`);
  return Date.now() - started;
}
