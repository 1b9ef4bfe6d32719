// The one way a subject that should have a lifecycle but has none gets it (backfill on the day the
// pipeline arrives, and the daily reconciliation for events that were missed): an active subject
// gets an ACTIVE lifecycle; an ended one is terminated as of its end, as if the event had been
// reported then, so its retention counts from the real end (a long-past one acts at once).
import type { LifecycleClient } from './client';
import { LifecycleClosedError } from './errors';
import type { LifecycleUpdates } from './kind';
import type { PendingSubject } from './subjects';

export type BackdatedOutcome = 'started' | 'terminated' | 'completed-before';

export async function ensureLifecycle<V>(
  client: LifecycleClient<V>,
  updates: Pick<LifecycleUpdates<V>, 'terminate'>,
  subject: PendingSubject,
  opts: { reason: string; now?: Date },
): Promise<BackdatedOutcome> {
  try {
    if (subject.active) return (await client.ensureStarted(subject.id, subject.customerId)) ? 'started' : 'completed-before';
    const terminatedAt = (subject.endedAt ?? opts.now ?? new Date()).toISOString();
    await client.updateWithStart(subject.id, subject.customerId, updates.terminate, { terminatedAt, reason: opts.reason });
    return 'terminated';
  } catch (err) {
    // A finished lifecycle (purged, closed) is never started again: there is nothing left to do.
    if (err instanceof LifecycleClosedError) return 'completed-before';
    throw err;
  }
}
