// Baselines for the benches: what the server and one worker manage with no work of ours in them.
import { proxyActivities } from '@temporalio/workflow';
import type { baselineActivities } from './baselineActivities';

const { noop } = proxyActivities<typeof baselineActivities>({ startToCloseTimeout: '1 minute' });

export async function noopWorkflow(): Promise<void> {}

export async function oneActivityWorkflow(): Promise<void> {
  await noop();
}
