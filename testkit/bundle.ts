// The workflow bundle, built once per process and shared by every worker a test file or bench
// creates: bundling (webpack) takes seconds, a worker over a ready bundle starts at once.
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../temporal/codec';
import { WORKFLOWS_PATH } from '../worker/workflowBundle';
import { quietRuntime } from './runtime';

let bundle: Promise<WorkflowBundle> | undefined;

export function workflowBundle(): Promise<WorkflowBundle> {
  quietRuntime();
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
  });
  return bundle;
}
