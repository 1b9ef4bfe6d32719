// The ledgers (Evidence, AdminAction) on a real Postgres, written and verified as the runtime role
// the worker and API use: appends form one unbroken chain even when they race; the runtime role
// can neither change, delete nor truncate a record, nor switch the triggers off; and what an owner
// or superuser does behind the triggers' back (a changed row, a consistently rewritten and
// re-hashed chain, a NULL-hash prefix, a cut-off tail, a forged anchor) is named by
// `npm run evidence:verify`, which exits 1.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { localRuntimeUrl } from '../../db/roles';
import { appendAdminAction } from '../../ledger/adminActions';
import { adminActionHash, GENESIS_HASH, recordHash } from '../../ledger/chain';
import { DEV_LEDGER_KEYS, parseLedgerKeys } from '../../ledger/keys';
import { createLedger, type Ledger } from '../../ledger/ledger';
import { verifyLedgers } from '../../ledger/verify';
import { anchorEvidence, appendEvidence, type EvidenceInput } from '../../lifecycles/shared/evidence';
import { asSuperuserWithoutTriggers, createIsolatedDatabase } from '../../testkit/isolatedDatabase';
import { testDatabaseUrl } from '../support/env';
import { purgeEvidence } from '../support/evidence';

let ownerUrl: string;
let runtimeUrl: string;
let db: Db;
let anchorDir: string;
let ledger: Ledger;

// A ledger of its own for every test: each builds the chain it checks, none leans on another's.
beforeEach(async () => {
  ownerUrl = await createIsolatedDatabase(testDatabaseUrl(), 'ledger');
  runtimeUrl = localRuntimeUrl(ownerUrl);
  db = createDb(runtimeUrl);
  anchorDir = mkdtempSync(path.join(os.tmpdir(), 'nitd-anchors-'));
  ledger = createLedger({ keys: parseLedgerKeys(DEV_LEDGER_KEYS), anchorDir });
});

afterEach(async () => {
  await db?.$disconnect();
  rmSync(anchorDir, { recursive: true, force: true });
});

const record = (n: number): EvidenceInput =>
  purgeEvidence({
    tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: n % 3 } },
    triggeredAt: '2026-01-01T00:00:00.000Z',
    dueAt: '2026-01-31T00:00:00.000Z',
  });

/** `npm run evidence:verify` as an operator runs it, as the runtime role. */
function verifyScript(): { status: number | null; output: string } {
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const run = spawnSync(tsx, ['ops/evidence-verify.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: runtimeUrl, LEDGER_ANCHOR_DIR: anchorDir },
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** As the worker does: append in a transaction, anchor once committed. */
async function append(n: number) {
  const written = await db.$transaction((tx) => appendEvidence(tx, ledger, record(n)));
  await anchorEvidence(db, ledger, written);
  return written;
}

/** A chain of `n` records, appended one after the other, oldest first. */
async function chainOf(n: number) {
  for (let i = 0; i < n; i++) await append(i);
  return db.evidence.findMany({ orderBy: { seq: 'asc' } });
}

const action = (n: number) => ({
  actorRole: 'admin',
  actorName: 'kari.n',
  action: 'hold',
  workflowId: `user-lifecycle-u${n}`,
  subjectKind: 'user',
  subjectId: `u${n}`,
  reason: 'tvist om faktura',
  outcome: 'accepted',
  detail: null,
});

describe('the evidence ledger', () => {
  it('links racing appends into one sealed, anchored chain that starts at the genesis hash', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(i)));
    const rows = await db.evidence.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(12);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    expect(rows.every((r) => r.keyId === 'dev-ledger-1' && /^[0-9a-f]{64}$/.test(r.mac!))).toBe(true);
    const report = await verifyLedgers(db, ledger);
    expect(report).toMatchObject({
      ok: true,
      records: 12,
      headHash: rows[11]!.hash,
      anchoredSeq: rows[11]!.seq.toString(),
      firstBroken: null,
    });
    expect(verifyScript()).toMatchObject({ status: 0, output: expect.stringContaining('Evidence chain intact: 12 records') });
  });

  it('cannot be changed, deleted, truncated or unprotected by the runtime role', async () => {
    const [first] = await chainOf(3);
    await expect(db.evidence.update({ where: { id: first!.id }, data: { rule: 'user.erasure' } })).rejects.toThrow(/permission denied/);
    await expect(db.evidence.delete({ where: { id: first!.id } })).rejects.toThrow(/permission denied/);
    for (const sql of [
      'TRUNCATE "Evidence"',
      'ALTER TABLE "Evidence" DISABLE TRIGGER evidence_no_update_or_delete',
      'DROP TABLE "Evidence"',
      'SET session_replication_role = replica',
      'TRUNCATE "AdminAction"',
      'ALTER TABLE "AdminAction" DISABLE TRIGGER ALL',
    ]) {
      await expect(db.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied|must be owner|owner of/);
    }
    // Even the owner meets the triggers, and a new row must be chained and sealed.
    const owner = createDb(ownerUrl);
    try {
      await expect(owner.evidence.delete({ where: { id: first!.id } })).rejects.toThrow(/append-only/);
      await expect(owner.$executeRawUnsafe('TRUNCATE "Evidence"')).rejects.toThrow(/append-only/);
      await expect(owner.$executeRawUnsafe('TRUNCATE "AdminAction"')).rejects.toThrow(/append-only/);
    } finally {
      await owner.$disconnect();
    }
    await expect(
      db.$executeRawUnsafe(`INSERT INTO "Evidence" ("id","idempotencyKey","subjectKind","subjectId","action","rule","policyVersion","tables","workflowId","runId","startedAt","finishedAt","prevHash","hash")
      VALUES ('x','x','user','x','purge','r','v','{}','w','r',now(),now(),'p','h')`),
    ).rejects.toThrow(/Evidence_sealed/);
    expect((await verifyLedgers(db, ledger)).ok).toBe(true);
  });

  it('names a row changed behind the triggers, and the row after a deleted one', async () => {
    const rows = await chainOf(8);
    const victim = rows[4]!;
    await asSuperuserWithoutTriggers(ownerUrl, `UPDATE "Evidence" SET "tables" = '{"UserAccount":{"anonymised":0}}' WHERE id = $1`, [
      victim.id,
    ]);
    const tampered = await verifyLedgers(db, ledger);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken).toMatchObject({ seq: victim.seq.toString(), id: victim.id, problem: 'hash', found: victim.hash });
    const script = verifyScript();
    expect(script.status).toBe(1);
    expect(script.output).toContain(`Evidence chain BROKEN at seq ${victim.seq} (id ${victim.id}): hash`);

    await asSuperuserWithoutTriggers(ownerUrl, `DELETE FROM "Evidence" WHERE id = ANY($1)`, [[victim.id, rows[2]!.id]]);
    const deleted = await verifyLedgers(db, ledger);
    expect(deleted.firstBroken).toMatchObject({
      seq: rows[3]!.seq.toString(),
      id: rows[3]!.id,
      problem: 'prevHash',
      expected: rows[1]!.hash,
    });
  });

  it('catches a record rewritten and re-hashed down the whole chain: the seal needs a key the database never had', async () => {
    const rows = await chainOf(6);
    // The insider's best: change record 3, recompute its hash and every later link, so every hash
    // and prevHash is consistent again. Only the seals (HMAC under LEDGER_KEYS) cannot be redone.
    let prevHash = rows[2]!.hash!;
    for (const [i, r] of rows.entries()) {
      if (i < 3) continue;
      const changed = { ...r, prevHash, tables: i === 3 ? { UserAccount: { anonymised: 0 } } : r.tables };
      const hash = recordHash(changed);
      await asSuperuserWithoutTriggers(ownerUrl, `UPDATE "Evidence" SET "tables" = $2, "prevHash" = $3, "hash" = $4 WHERE id = $1`, [
        r.id,
        JSON.stringify(changed.tables),
        `tmp-${i}`,
        `tmp-hash-${i}`,
      ]);
      await asSuperuserWithoutTriggers(ownerUrl, `UPDATE "Evidence" SET "prevHash" = $2, "hash" = $3 WHERE id = $1`, [
        r.id,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    const report = await verifyLedgers(db, ledger);
    expect(report.firstBroken).toMatchObject({ seq: rows[3]!.seq.toString(), id: rows[3]!.id, problem: 'seal' });
    expect(verifyScript()).toMatchObject({
      status: 1,
      output: expect.stringContaining(`BROKEN at seq ${rows[3]!.seq} (id ${rows[3]!.id}): seal`),
    });
  });

  it('fails on records with no hash before the first chained one', async () => {
    // As written before the chain existed, or by an owner who first dropped the constraints.
    await asSuperuserWithoutTriggers(
      ownerUrl,
      'ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_chained", DROP CONSTRAINT "Evidence_sealed"',
    );
    await asSuperuserWithoutTriggers(
      ownerUrl,
      `INSERT INTO "Evidence" ("id","idempotencyKey","subjectKind","subjectId","action","rule","policyVersion","tables","workflowId","runId","startedAt","finishedAt")
       VALUES ('unchained-1','k-unchained','user','u','purge','user.erasure','v','{}','w','r',now(),now())`,
    );
    await chainOf(3);
    const report = await verifyLedgers(db, ledger);
    expect(report.firstBroken).toMatchObject({ id: 'unchained-1', problem: 'unchained' });
    expect(verifyScript()).toMatchObject({ status: 1, output: expect.stringContaining('(id unchained-1): unchained') });
  });

  it('detects a cut-off tail from the anchors outside the database', async () => {
    const rows = await chainOf(6);
    // Deleting the newest records leaves a shorter chain whose every link is still fine.
    await asSuperuserWithoutTriggers(ownerUrl, `DELETE FROM "Evidence" WHERE seq >= $1`, [rows[4]!.seq]);
    const report = await verifyLedgers(db, ledger);
    expect(report.firstBroken).toEqual({
      seq: rows[5]!.seq.toString(),
      id: null,
      problem: 'truncated',
      expected: rows[5]!.hash,
      found: null,
    });
    expect(report.headSeq).toBe(rows[3]!.seq.toString());
    expect(verifyScript()).toMatchObject({
      status: 1,
      output: expect.stringContaining(`BROKEN at seq ${rows[5]!.seq} (id gone): truncated`),
    });
  });

  it('refuses anchor lines it cannot verify', async () => {
    await chainOf(2);
    const [file] = readdirSync(anchorDir);
    appendFileSync(
      path.join(anchorDir, file!),
      JSON.stringify({ ledger: 'Evidence', database: 'x', seq: '999', hash: 'h', at: 'now', keyId: 'dev-ledger-1', mac: 'forged' }) + '\n',
    );
    const report = await verifyLedgers(db, ledger);
    expect(report.anchors).toEqual({ enabled: true, files: 1, invalidLines: 1 });
    expect(report.ok).toBe(false);
  });
});

describe('the admin-action ledger', () => {
  it('is chained, sealed and anchored like the evidence, and catches the same tampering', async () => {
    for (let i = 0; i < 5; i++) await appendAdminAction(db, ledger, action(i));
    const rows = await db.adminAction.findMany({ orderBy: { seq: 'asc' } });
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    expect(rows.map((r) => r.hash)).toEqual(rows.map((r) => adminActionHash(r)));
    expect((await verifyLedgers(db, ledger)).adminActions).toMatchObject({ ok: true, records: 5, anchoredSeq: rows[4]!.seq.toString() });
    await expect(db.adminAction.update({ where: { id: rows[0]!.id }, data: { outcome: 'refused' } })).rejects.toThrow(/permission denied/);
    await expect(db.adminAction.deleteMany({})).rejects.toThrow(/permission denied/);

    // Rewritten and re-hashed: the seal gives it away.
    const forged = { ...rows[2]!, actorName: 'someone-else' };
    await asSuperuserWithoutTriggers(
      ownerUrl,
      `UPDATE "AdminAction" SET "actorName" = $2, "hash" = $3, "prevHash" = "prevHash" WHERE id = $1`,
      [forged.id, forged.actorName, 'placeholder-' + forged.id],
    );
    await asSuperuserWithoutTriggers(ownerUrl, `UPDATE "AdminAction" SET "hash" = $2 WHERE id = $1`, [forged.id, adminActionHash(forged)]);
    await asSuperuserWithoutTriggers(ownerUrl, `UPDATE "AdminAction" SET "prevHash" = $2 WHERE id = $1`, [
      rows[3]!.id,
      adminActionHash(forged),
    ]);
    await asSuperuserWithoutTriggers(ownerUrl, `UPDATE "AdminAction" SET "hash" = $2 WHERE id = $1`, [
      rows[3]!.id,
      adminActionHash({ ...rows[3]!, prevHash: adminActionHash(forged) }),
    ]);
    const rewritten = await verifyLedgers(db, ledger);
    expect(rewritten.adminActions.firstBroken).toMatchObject({ id: rows[2]!.id, problem: 'seal' });
    expect(rewritten.ok).toBe(false);
    expect(verifyScript()).toMatchObject({ status: 1, output: expect.stringContaining(`AdminAction chain BROKEN at seq ${rows[2]!.seq}`) });
  });

  it('detects a cut-off tail and an unchained row', async () => {
    for (let i = 0; i < 4; i++) await appendAdminAction(db, ledger, action(i));
    const rows = await db.adminAction.findMany({ orderBy: { seq: 'asc' } });
    await asSuperuserWithoutTriggers(ownerUrl, `DELETE FROM "AdminAction" WHERE seq = $1`, [rows[3]!.seq]);
    expect((await verifyLedgers(db, ledger)).adminActions.firstBroken).toMatchObject({
      seq: rows[3]!.seq.toString(),
      problem: 'truncated',
    });
    await asSuperuserWithoutTriggers(ownerUrl, 'ALTER TABLE "AdminAction" DROP CONSTRAINT "AdminAction_chained"');
    await asSuperuserWithoutTriggers(
      ownerUrl,
      `INSERT INTO "AdminAction" ("id","actorRole","action","workflowId","subjectKind","subjectId","outcome","at") VALUES ('bare','admin','hold','w','user','u','accepted',now())`,
    );
    expect((await verifyLedgers(db, ledger)).adminActions.firstBroken).toMatchObject({ id: 'bare', problem: 'unchained' });
  });
});
