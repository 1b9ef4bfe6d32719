// The worker's workflow code, bundled ahead of time. Bundling (webpack) inside the worker process
// leaves well over 100 MB of heap behind for the process's whole life; a worker that loads a
// prebuilt bundle starts faster and stays small. `npm start` and the Docker image build it; the
// tests bundle in-process as before (they run many short workers from one bundle).
//
// `tsx worker/workflowBundle.ts [out]` writes it (default dist/workflows/bundle.js);
// scripts/workflow-bundle-build.ts rebuilds it for `npm start` when a source changed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../temporal/codec';

const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_BUNDLE_PATH = path.join(ROOT, 'dist', 'workflows', 'bundle.js');

export const WORKFLOWS_PATH = require.resolve('./workflows');

export async function writeWorkflowBundle(outFile = DEFAULT_BUNDLE_PATH): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  });
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  return outFile;
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? DEFAULT_BUNDLE_PATH);
  const t0 = Date.now();
  writeWorkflowBundle(out).then(
    (file) => console.log(`workflow bundle written to ${path.relative(process.cwd(), file)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
