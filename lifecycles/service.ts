// The lifecycle actions every kind offers (terminate, restore, erase, hold, release, and its
// current lifecycle), over the generic client. A subject whose lifecycle has finished (a purged
// user, a closed customer) is answered from its records and the evidence ledger instead, since its
// workflow is gone; the kind says how through its SubjectRecords.
import type { LifecycleClient } from './client';
import type { LifecycleUpdates } from './kind';
import { ConflictError, LifecycleClosedError, NotFoundError, UnavailableError } from './errors';
import type { SubjectState, SubjectTable } from './subjects';

/** How a kind's records answer for its lifecycle when the workflow cannot. */
export interface SubjectRecords<R> {
  /** "user", "customer": how messages name the subject. */
  noun: string;
  /** Why nothing can change any more, once final. */
  finalRefusal: string;
  /** A final subject may still have a running lifecycle (a user's post-purge verification). */
  runsPastFinal: boolean;
  table: SubjectTable;
  /** The finished lifecycle, from the ledger. */
  finalReport(subjectId: string): Promise<R>;
  /** No workflow running: the subject described under the policy that applies to it now. */
  idleReport(subjectId: string, subject: SubjectState): R;
}

export function createLifecycleService<V, R>(client: LifecycleClient<V>, updates: LifecycleUpdates<V>, records: SubjectRecords<R>) {
  async function find(subjectId: string): Promise<SubjectState> {
    const subject = await records.table.find(subjectId);
    if (!subject) throw new NotFoundError(`${records.noun} ${subjectId} not found`);
    return subject;
  }

  /** Runs an action; if the workflow closed meanwhile (finished), answers from the records. */
  async function act(
    subjectId: string,
    call: (s: SubjectState) => Promise<V>,
    whenFinal: 'report' | 'conflict',
    action: string,
  ): Promise<V | R> {
    const answerFinal = () => {
      if (whenFinal === 'report') return records.finalReport(subjectId);
      throw new ConflictError(`cannot ${action}: ${records.finalRefusal}`);
    };
    const subject = await find(subjectId);
    if (subject.final) return answerFinal();
    try {
      return await call(subject);
    } catch (err) {
      if (!(err instanceof LifecycleClosedError)) throw err;
      if ((await find(subjectId)).final) return answerFinal();
      throw new ConflictError(`cannot ${action}: no lifecycle is running for ${records.noun} ${subjectId}`);
    }
  }

  return {
    terminate(subjectId: string, terminatedAt: string, reason: string | undefined) {
      return act(
        subjectId,
        (s) => client.updateWithStart(subjectId, s.customerId, updates.terminate, { terminatedAt, reason }),
        'report',
        'terminate',
      );
    },
    restore(subjectId: string, reason: string | undefined) {
      return act(subjectId, () => client.update(subjectId, updates.restore, { reason }), 'conflict', 'restore');
    },
    erase(subjectId: string, reason: string) {
      return act(subjectId, (s) => client.updateWithStart(subjectId, s.customerId, updates.erase, { reason }), 'report', 'erase');
    },
    hold(subjectId: string, reason: string) {
      return act(subjectId, (s) => client.updateWithStart(subjectId, s.customerId, updates.hold, { reason }), 'conflict', 'place a hold');
    },
    release(subjectId: string, reason: string) {
      return act(subjectId, () => client.update(subjectId, updates.release, { reason }), 'conflict', 'release a hold');
    },
    async lifecycle(subjectId: string): Promise<V | R> {
      const subject = await find(subjectId);
      if (subject.final) return (records.runsPastFinal && (await client.state(subjectId))) || records.finalReport(subjectId);
      return (await client.state(subjectId)) ?? records.idleReport(subjectId, subject);
    },
  };
}

export type LifecycleService<V = unknown, R = unknown> = ReturnType<typeof createLifecycleService<V, R>>;

/**
 * Every subject has its lifecycle from the moment it exists: provisioning starts it ACTIVE, once
 * (USE_EXISTING). When Temporal cannot be reached the subject is written all the same and this
 * answers false; the conformance scan shows it until reconciliation starts its lifecycle.
 */
export async function startOnProvisioning(start: () => Promise<unknown>): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (err) {
    if (err instanceof UnavailableError) return false;
    throw err;
  }
}
