// The evidence ledger on a real Postgres: appends form one unbroken chain even when they race,
// the database refuses changes and deletions, and a row changed behind the triggers' back is
// named by the verifier.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvidence, type EvidenceInput } from '../../lifecycles/shared/evidence';
import { createDb, type Db } from '../../db/client';
import { GENESIS_HASH } from '../../ledger/chain';
import { verifyEvidenceChain } from '../../ledger/verify';
import { asSuperuserWithoutTriggers, createIsolatedDatabase } from '../../testkit/isolatedDatabase';
import { testDatabaseUrl } from '../support/env';
import { purgeEvidence } from '../support/evidence';

let url: string;
let db: Db;

// A ledger of its own for every test: each builds the chain it checks, none leans on another's.
beforeEach(async () => {
  url = await createIsolatedDatabase(testDatabaseUrl(), 'ledger');
  db = createDb(url);
});

afterEach(async () => {
  await db?.$disconnect();
});

const record = (n: number): EvidenceInput =>
  purgeEvidence({
    tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: n % 3 } },
    triggeredAt: '2026-01-01T00:00:00.000Z',
    dueAt: '2026-01-31T00:00:00.000Z',
  });

/** `npm run evidence:verify` as an operator runs it. */
function verifyScript(): { status: number | null; output: string } {
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const run = spawnSync(tsx, ['ops/evidence-verify.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

const append = (n: number) => db.$transaction((tx) => appendEvidence(tx, record(n)));

/** A chain of `n` records, appended one after the other, oldest first. */
async function chainOf(n: number) {
  for (let i = 0; i < n; i++) await append(i);
  return db.evidence.findMany({ orderBy: { seq: 'asc' } });
}

describe('evidence chain', () => {
  it('links racing appends into one chain that starts at the genesis hash', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(i)));
    const rows = await db.evidence.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(12);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    const report = await verifyEvidenceChain(db);
    expect(report).toMatchObject({ ok: true, records: 12, beforeChain: 0, headHash: rows[11]!.hash, firstBroken: null });
    expect(verifyScript()).toMatchObject({ status: 0, output: expect.stringContaining('evidence chain intact: 12 records') });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const [first] = await chainOf(3);
    await expect(db.evidence.update({ where: { id: first!.id }, data: { rule: 'user.erasure' } })).rejects.toThrow(/append-only/);
    await expect(db.evidence.delete({ where: { id: first!.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "Evidence"')).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRawUnsafe(`INSERT INTO "Evidence" ("id","idempotencyKey","subjectKind","subjectId","action","rule","policyVersion","tables","workflowId","runId","startedAt","finishedAt")
      VALUES ('x','x','user','x','purge','r','v','{}','w','r',now(),now())`),
    ).rejects.toThrow(/Evidence_chained/);
    expect((await verifyEvidenceChain(db)).ok).toBe(true);
  });

  it('names the first tampered row, and the row after a deleted one', async () => {
    const rows = await chainOf(8);
    const victim = rows[4]!;
    await asSuperuserWithoutTriggers(url, `UPDATE "Evidence" SET "tables" = '{"UserAccount":{"anonymised":0}}' WHERE id = $1`, [victim.id]);
    const tampered = await verifyEvidenceChain(db);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken).toMatchObject({ seq: victim.seq.toString(), id: victim.id, problem: 'hash', found: victim.hash });
    expect(tampered.headSeq).toBe(rows[3]!.seq.toString());
    const script = verifyScript();
    expect(script.status).toBe(1);
    expect(script.output).toContain(`BROKEN at seq ${victim.seq} (id ${victim.id})`);

    await asSuperuserWithoutTriggers(url, `DELETE FROM "Evidence" WHERE id = ANY($1)`, [[victim.id, rows[2]!.id]]);
    const deleted = await verifyEvidenceChain(db);
    expect(deleted.firstBroken).toMatchObject({
      seq: rows[3]!.seq.toString(),
      id: rows[3]!.id,
      problem: 'prevHash',
      expected: rows[1]!.hash,
    });

    // The chain keeps growing from the head after tampering; the break stays where it was.
    await append(99);
    expect((await verifyEvidenceChain(db)).firstBroken?.id).toBe(rows[3]!.id);
  });
});
