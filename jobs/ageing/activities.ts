// The ageing sweep's one activity: a batch. One transaction locks the next overdue rows of a table
// in (date, id) order with FOR UPDATE SKIP LOCKED, sets their personal columns to NULL and
// anonymisedAt, and appends ONE evidence record (rule, clause, table, count, date and key range: no
// values). SKIP LOCKED means the sweep never waits for a service's write; a service's write on a row
// of the batch waits for this commit at most. A retry after the commit finds the batch's record by
// its idempotency key and answers with it; an empty batch changes nothing and writes nothing.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client';
import { Prisma } from '../../generated/prisma/client';
import type { Ledger } from '../../ledger/ledger';
import { anchorEvidence, appendEvidence, findEvidence } from '../../lifecycles/shared/evidence';
import { ageingDueMs } from '../../policy/ageing';
import { AGEING_TABLES, HOLD_KINDS, type AgeBatchInput, type AgeBatchResult, type AgeingKey, type AgeingTable } from './contract';

interface BatchRow {
  rows: number;
  firstAt: Date | null;
  firstId: string | null;
  lastAt: Date | null;
  lastId: string | null;
}

const q = (identifier: string) => `"${identifier}"`;

/**
 * The batch as one statement, built from the table's entry in AGEING_TABLES (constants, never
 * input): $1 cutoff, $2 batch size, $3 held subjects, $4 anonymisedAt, then $5/$6 the checkpoint.
 * The walk follows the table's partial index; the row comparison lets it start at the checkpoint.
 * The UPDATE finds the rows it locked by their physical address (ctid), which cannot change while
 * the statement holds their locks: no second lookup through the primary key for every row, which
 * halved the batch's time in bench/ageing.ts.
 */
export function batchSql(spec: AgeingTable, afterCheckpoint: boolean): string {
  const date = q(spec.date);
  const table = q(spec.table);
  return `
    WITH batch AS (
      SELECT "ctid" FROM ${table}
      WHERE "anonymisedAt" IS NULL AND ${date} <= $1::timestamp
        ${afterCheckpoint ? `AND (${date}, "id") > ($5::timestamp, $6::text)` : ''}
        AND NOT coalesce(${q(spec.owner)} = ANY($3::text[]), false)
      ORDER BY ${date}, "id"
      LIMIT $2::int
      FOR UPDATE SKIP LOCKED
    ), aged AS (
      UPDATE ${table} t SET ${spec.personal.map((c) => `${q(c)} = NULL`).join(', ')}, "anonymisedAt" = $4::timestamp
      FROM batch WHERE t."ctid" = batch."ctid"
      RETURNING t."id", t.${date} AS "at"
    )
    SELECT (SELECT count(*)::int FROM aged) AS "rows",
      f."at" AS "firstAt", f."id" AS "firstId", l."at" AS "lastAt", l."id" AS "lastId"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT "at", "id" FROM aged ORDER BY "at", "id" LIMIT 1) f ON true
    LEFT JOIN LATERAL (SELECT "at", "id" FROM aged ORDER BY "at" DESC, "id" DESC LIMIT 1) l ON true`;
}

export function ageingTable(name: string): AgeingTable {
  const spec = AGEING_TABLES.find((t) => t.table === name);
  if (!spec) throw new Error(`${name} is not a table the ageing sweep ages`);
  return spec;
}

/** Subjects under a legal hold: the sweep leaves their rows until the hold is released. */
async function heldSubjects(db: Db): Promise<string[]> {
  const rows = await db.lifecycleProjection.findMany({
    where: { kind: { in: [...HOLD_KINDS] }, onHold: true },
    select: { subjectId: true },
  });
  return rows.map((r) => r.subjectId);
}

/** What an earlier attempt of the same batch committed, read back from its record. */
function fromRecord(e: { id: string; subjectId: string; tables: unknown; detail: unknown }): AgeBatchResult {
  const tables = e.tables as Record<string, { anonymised?: number }>;
  const detail = e.detail as { keys?: { to?: AgeingKey } } | null;
  return { rows: tables[e.subjectId]?.anonymised ?? 0, last: detail?.keys?.to ?? null, evidenceId: e.id, alreadyDone: true, lockedMs: 0 };
}

export function createAgeingActivities(db: Db, ledger: Ledger) {
  return {
    async ageBatch(input: AgeBatchInput): Promise<AgeBatchResult> {
      const done = await findEvidence(db, input.idempotencyKey);
      if (done) {
        // Committed before a crash, perhaps before its anchor: anchor it now (harmless to repeat).
        await anchorEvidence(db, ledger, done);
        return fromRecord(done);
      }
      const spec = ageingTable(input.table);
      const held = await heldSubjects(db);
      const startedAt = new Date();
      const params: unknown[] = [input.cutoff, input.batchSize, held, startedAt.toISOString()];
      if (input.after) params.push(input.after.at, input.after.id);
      let lockedFrom = 0;
      try {
        const result = await db.$transaction(
          async (tx) => {
            lockedFrom = performance.now();
            const [b] = await tx.$queryRawUnsafe<BatchRow[]>(batchSql(spec, input.after !== null), ...params);
            if (!b || b.rows === 0) return { rows: 0, last: null, evidenceId: null, alreadyDone: false, lockedMs: 0, link: null };
            const first = { at: b.firstAt!.toISOString(), id: b.firstId! };
            const last = { at: b.lastAt!.toISOString(), id: b.lastId! };
            // Appended last, so the ledger's lock is held only for the insert and the commit.
            const evidence = await appendEvidence(tx, ledger, {
              idempotencyKey: input.idempotencyKey,
              subjectKind: 'sweep',
              subjectId: spec.table,
              action: 'anonymise',
              rule: spec.rule,
              policyVersion: input.policy.version,
              reason: null,
              tables: { [spec.table]: { anonymised: b.rows } },
              workflowId: input.workflowId,
              runId: input.runId,
              // The oldest record's date and its deadline: the batch's earliest.
              triggeredAt: first.at,
              dueAt: new Date(ageingDueMs(Date.parse(first.at), input.policy)).toISOString(),
              startedAt,
              detail: {
                clause: 'crmErpMax',
                dateColumn: spec.date,
                cutoff: input.cutoff,
                horizon: input.horizon,
                dates: { from: first.at, to: last.at },
                keys: { from: first, to: last },
                heldSubjects: held.length,
              },
            });
            return { rows: b.rows, last, evidenceId: evidence.id, alreadyDone: false, lockedMs: 0, link: evidence };
          },
          { timeout: 60_000, maxWait: 10_000 },
        );
        const lockedMs = result.rows ? Math.round(performance.now() - lockedFrom) : 0;
        if (result.link) await anchorEvidence(db, ledger, result.link);
        const { link: _link, ...answer } = result;
        return { ...answer, lockedMs };
      } catch (err) {
        // A concurrent attempt of the same batch (a timed-out try still running) committed first:
        // the ledger's unique key refused ours and rolled our rows back. Its record is the answer.
        const first =
          err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002' ? await findEvidence(db, input.idempotencyKey) : null;
        if (!first) throw err;
        return fromRecord(first);
      }
    },
  };
}

export type AgeingActivities = ReturnType<typeof createAgeingActivities>;
