// The admin console's list of lifecycles lives in Postgres (LifecycleProjection): Temporal's SQL
// visibility cannot sort by a custom search attribute, and the list must stay fast at 10 000+
// workflows. Workflows write their own row through this activity; the admin cancel route and the
// rebuild script write through the same function, so the version guard lives in one place.
import type { Db } from '../../db/client';
import type { LifecycleRow } from './contract';

/** One workflow's row, versioned. */
export interface LifecycleProjectionInput extends LifecycleRow {
  /** Grows with every write of the same workflow; an older write arriving late changes nothing. */
  version: number;
}

/** Upserts the row unless a newer version is already there. Returns whether it was written. */
export async function writeProjection(db: Db, p: LifecycleProjectionInput): Promise<boolean> {
  const dueAt = p.dueAt ? new Date(p.dueAt) : null;
  const version = BigInt(Math.trunc(p.version));
  const written = await db.$executeRaw`
    INSERT INTO "LifecycleProjection"
      ("workflowId", "runId", "kind", "subjectId", "customerId", "phase", "status", "dueAt", "onHold", "policyVersion", "version", "updatedAt")
    VALUES (${p.workflowId}, ${p.runId}, ${p.kind}, ${p.subjectId}, ${p.customerId}, ${p.phase}, ${p.status}, ${dueAt}, ${p.onHold}, ${p.policyVersion}, ${version}, now())
    ON CONFLICT ("workflowId") DO UPDATE SET
      "runId" = EXCLUDED."runId", "kind" = EXCLUDED."kind", "subjectId" = EXCLUDED."subjectId",
      "customerId" = EXCLUDED."customerId", "phase" = EXCLUDED."phase", "status" = EXCLUDED."status",
      "dueAt" = EXCLUDED."dueAt", "onHold" = EXCLUDED."onHold", "policyVersion" = EXCLUDED."policyVersion",
      "version" = EXCLUDED."version", "updatedAt" = now()
    WHERE "LifecycleProjection"."version" <= EXCLUDED."version"`;
  return written > 0;
}

export function createProjectionActivities(db: Db) {
  return {
    /** Run as a local activity after each state change: one row per workflow, idempotent. */
    async projectLifecycle(input: LifecycleProjectionInput): Promise<boolean> {
      return writeProjection(db, input);
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
