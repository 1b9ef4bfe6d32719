// How every lifecycle kind runs its ordinary database steps: no attempt limit, because a purge or
// an anonymisation must not give up on a database outage; backing off to one try in 5 minutes.
import type { ActivityOptions } from '@temporalio/workflow';

export const DATABASE_STEP: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};
