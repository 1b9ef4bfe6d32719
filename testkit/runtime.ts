// Keeps the Temporal SDK's own INFO chatter out of test and bench output; warnings and errors still
// show. Installed once per process, before the first native connection.
import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

export function quietRuntime(): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
