// A restore from a backup taken before some erasures brings those people back; the erasure journal,
// kept outside the database, says who they are. With the real pg_dump and pg_restore (PostgreSQL
// 18's, like the server): dump, erase a user and a customer (which erases its user too), restore
// the dump, and `npm run restore:re-purge` erases exactly those three again under backups.re-purge,
// leaves the subject nobody erased alone, and finds nothing more on a second run. The conformance
// scan sees the two users whose lifecycles had completed, but not the customer whose lifecycle still
// runs: the journal is what catches it.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/env';
import type { Db } from '../../db/client';
import { conformanceInput } from '../../jobs/conformance/schedule';
import { conformanceScanWorkflow } from '../../jobs/conformance/workflow';
import { createLifecycleClient } from '../../lifecycles/client';
import { customerKind } from '../../lifecycles/customer/kind';
import { readJournal } from '../../lifecycles/shared/erasureJournal';
import { erasureUpdate, userWorkflowId } from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import { resolvePgBin } from '../../scripts/pgClient';
import { PROJECT_ROOT } from '../../scripts/tools';
import { useApp } from '../support/harness';
import { uniqueId, type SeededUser } from '../support/subjects';
import { provisioned } from './reconciliationSubjects';

const run = promisify(execFile);
const stack = useApp({ worker: true, isolatedDb: true, prefix: 'restore' });
let db: Db;
let temporal: Client;
let config: AppConfig;
let pgBin: string;

beforeAll(async () => {
  ({ db, temporal, config } = stack);
  pgBin = await resolvePgBin();
}, 300_000);

const deps = () => ({ temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });

/** `npm run restore:re-purge` against this file's database, worker and journal; its last line parsed. */
async function rePurge(): Promise<{ named: number; toErase: number; erased: number; failed: number }> {
  const { stdout } = await run(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['ops/re-purge.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: config.temporal.address,
      TEMPORAL_NAMESPACE: config.temporal.namespace,
      TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
      ERASURE_JOURNAL_DIR: config.erasureJournalDir,
    },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const scan = () =>
  temporal.workflow.execute(conformanceScanWorkflow, {
    taskQueue: config.temporal.taskQueue,
    workflowId: uniqueId('conformance'),
    args: [conformanceInput(config.policy, config.temporal.retentionMs)],
  });

/** The database URL as pg_dump takes it (Prisma's `?schema=` is not libpq's). */
const libpqUrl = (url: string) => url.replace(/\?.*$/, '');

describe('restoring a backup taken before some erasures', () => {
  let erasedUser: SeededUser;
  let erasedCustomer: SeededUser;
  let kept: SeededUser;

  it('erases again, from the journal, exactly whom the restore brought back', async () => {
    erasedUser = await provisioned(db, temporal, config);
    erasedCustomer = await provisioned(db, temporal, config);
    kept = await provisioned(db, temporal, config);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nitd-backup-'));
    const dump = path.join(dir, 'before.dump');
    // Backups are taken and restored as the owner: the runtime role may not read the migrations table.
    await run(path.join(pgBin, 'pg_dump'), ['--format=custom', `--file=${dump}`, libpqUrl(stack.ownerDatabaseUrl)]);

    // After the backup: a user asks to be erased; a customer relationship is erased with its user.
    await createLifecycleClient(userKind, deps()).update(erasedUser.userId, erasureUpdate, { reason: 'gdpr-art17-request' });
    await createLifecycleClient(customerKind, deps()).update(erasedCustomer.customerId, customerKind.updates.erase, {
      reason: 'gdpr-art17-request',
    });
    for (const u of [erasedUser, erasedCustomer]) await temporal.workflow.getHandle(userWorkflowId(u.userId)).result();
    // ERP goes with the CRM step (no legal duty configured): the relationship closes.
    await expect.poll(async () => (await db.customer.findUnique({ where: { id: erasedCustomer.customerId } }))?.status).toBe('closed');
    const { entries } = await readJournal(config.erasureJournalDir);
    expect(entries.map((e) => `${e.subjectKind}:${e.subjectId}:${e.action}`).sort()).toEqual(
      [
        // The CRM step and the ERP step that went with it.
        `customer:${erasedCustomer.customerId}:anonymise`,
        `customer:${erasedCustomer.customerId}:anonymise`,
        `user:${erasedCustomer.userId}:purge`,
        `user:${erasedUser.userId}:purge`,
      ].sort(),
    );

    // The restore brings them back, personal data and all.
    await run(path.join(pgBin, 'pg_restore'), [
      '--clean',
      '--if-exists',
      '--no-owner',
      `--dbname=${libpqUrl(stack.ownerDatabaseUrl)}`,
      dump,
    ]);
    const back = await db.userAccount.findUniqueOrThrow({ where: { id: erasedUser.userId } });
    expect(back).toMatchObject({ status: 'active', email: erasedUser.personal.email });
    expect((await db.customer.findUniqueOrThrow({ where: { id: erasedCustomer.customerId } })).status).toBe('active');

    // The scan sees all three: their lifecycles had completed (the customer's ERP went with its CRM
    // step), and their data is back. The journal names the same three, with what each had erased.
    const before = await scan();
    const found = await db.conformanceFinding.findMany({ where: { resolvedAt: null } });
    expect(before.findings).toBe(3);
    expect(found.map((f) => `${f.check}:${f.subjectId}`).sort()).toEqual(
      [
        `lifecycle.completed-data-back:${erasedUser.userId}`,
        `lifecycle.completed-data-back:${erasedCustomer.userId}`,
        `lifecycle.completed-data-back:${erasedCustomer.customerId}`,
      ].sort(),
    );

    const first = await rePurge();
    expect(first).toEqual({ named: 3, toErase: 3, erased: 3, failed: 0, dryRun: false });
    for (const u of [erasedUser, erasedCustomer]) {
      const row = await db.userAccount.findUniqueOrThrow({ where: { id: u.userId } });
      expect(row).toMatchObject({ status: 'purged', email: null, phone: null, username: null, customerId: null });
      expect(await db.loginFactor.count({ where: { userId: u.userId } })).toBe(0);
      expect(await db.supportCase.count({ where: { requesterId: u.userId } })).toBe(0);
    }
    const customer = await db.customer.findUniqueOrThrow({ where: { id: erasedCustomer.customerId } });
    expect(customer).toMatchObject({ status: 'closed', email: null, phone: null });
    // Nobody erased this one: the restore is its truth.
    expect(await db.userAccount.findUniqueOrThrow({ where: { id: kept.userId } })).toMatchObject({
      status: 'active',
      email: kept.personal.email,
    });
    // Proved in the ledger under backups.re-purge.
    const proof = await db.evidence.findMany({ where: { rule: 'backups.re-purge' } });
    expect(proof.map((e) => `${e.subjectKind}:${e.subjectId}`).sort()).toEqual(
      // The customer's CRM step and its ERP step, as before the restore.
      [
        `customer:${erasedCustomer.customerId}`,
        `customer:${erasedCustomer.customerId}`,
        `user:${erasedCustomer.userId}`,
        `user:${erasedUser.userId}`,
      ].sort(),
    );

    expect((await scan()).findings).toBe(0);
    expect(await rePurge()).toEqual({ named: 3, toErase: 0, erased: 0, failed: 0, dryRun: false });
  });
});
