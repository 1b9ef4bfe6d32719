// The conformance scan on the dev server with a real worker and a database of its own: a clean
// system (subjects provisioned with their lifecycles, one user erased end to end) has no finding;
// then one violation per check is planted directly in the stores, and the scan finds exactly one
// finding for each, by opaque ID, with its rule, due date and repair; a late erasure is recorded
// once, resolved; each scan attests to the ledger with counts and no values; what is fixed is
// resolved by the next scan.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/env';
import type { Db } from '../../db/client';
import { conformanceInput } from '../../jobs/conformance/schedule';
import type { ConformanceSummary } from '../../jobs/conformance/record';
import { conformanceScanWorkflow, type ConformanceWorkflowInput } from '../../jobs/conformance/workflow';
import { createLifecycleClient } from '../../lifecycles/client';
import { appendEvidence } from '../../lifecycles/shared/evidence';
import { CustomerId, LifecycleKind, LifecyclePhase } from '../../lifecycles/shared/searchAttributes';
import { erasureUpdate, userWorkflowId } from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import request from 'supertest';
import { ADMIN, AUDITOR, useApp } from '../support/harness';
import { seedContact } from '../support/contacts';
import { seedCustomer, seedUser, uniqueId, type SeededUser } from '../support/subjects';
import { PROJECT_ROOT } from '../../scripts/tools';
import { missedTermination, provisioned } from './reconciliationSubjects';

const run = promisify(execFile);

const stack = useApp({ worker: true, isolatedDb: true, prefix: 'conformance' });
let db: Db;
let temporal: Client;
let config: AppConfig;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(() => {
  ({ db, temporal, config } = stack);
});

const scan = (overrides: Partial<ConformanceWorkflowInput> = {}): Promise<ConformanceSummary> =>
  temporal.workflow.execute(conformanceScanWorkflow, {
    taskQueue: config.temporal.taskQueue,
    workflowId: uniqueId('conformance'),
    args: [{ ...conformanceInput(config.policy, config.temporal.retentionMs), ...overrides }],
  });

/** Waits until Temporal's visibility answers `query` with `count` workflows (it lags a moment). */
async function visible(query: string, count: number) {
  await expect.poll(async () => (await temporal.workflow.count(query)).count, { timeout: 20_000 }).toBe(count);
}

/** A user whose personal data was removed by hand, as a purge leaves it. */
async function purgedByHand(customerId: string, keep: { supportCase?: boolean } = {}): Promise<SeededUser> {
  const user = await seedUser(db, customerId);
  if (!keep.supportCase) await db.supportCase.deleteMany({ where: { requesterId: user.userId } });
  await db.loginFactor.deleteMany({ where: { userId: user.userId } });
  await db.userAccount.update({
    where: { id: user.userId },
    data: {
      customerId: null,
      username: null,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      status: 'purged',
      deactivatedAt: ago(40 * DAY),
      purgedAt: ago(10 * DAY),
    },
  });
  return user;
}

const lifecycles = () => createLifecycleClient(userKind, { temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });

let erased: SeededUser;
let base: SeededUser;

describe('conformance scan', () => {
  it('finds nothing on a clean system, a user erased end to end included, and attests that to the ledger', async () => {
    base = await provisioned(db, temporal, config);
    await provisioned(db, temporal, config);
    erased = await provisioned(db, temporal, config);
    await lifecycles().update(erased.userId, erasureUpdate, { reason: 'gdpr-art17-request' });
    await temporal.workflow.getHandle(userWorkflowId(erased.userId)).result();
    await visible(`WorkflowId = '${userWorkflowId(erased.userId)}' AND ${LifecyclePhase.name} = 'PURGED'`, 1);

    const summary = await scan();
    expect(summary).toMatchObject({ findings: 0, newFindings: 0, lateErasures: 0 });
    expect(summary.rowsExamined).toBeGreaterThan(0);
    expect(await db.conformanceFinding.count()).toBe(0);
    const attestation = await db.evidence.findUniqueOrThrow({ where: { id: summary.evidenceId! } });
    expect(attestation).toMatchObject({ action: 'attest', rule: 'conformance.daily-scan', subjectKind: 'conformance' });
    expect(attestation.detail).toMatchObject({ openFindings: 0, byRule: {}, rowsExamined: summary.rowsExamined });
    expect((attestation.detail as { checks: string[] }).checks).toContain('user.personal-after-purge');
  });

  it('finds exactly one finding for each planted violation, by opaque ID, with rule, deadline and repair', async () => {
    const cid = base.customerId;
    const planted: Record<string, { subjectId: string; rule: string; repair: string }> = {};
    const plant = (check: string, subjectId: string, rule: string, repair: string) => (planted[check] = { subjectId, rule, repair });

    // Users: a purged user with a value left; a deactivated one past the quarantine with no lifecycle.
    const leftover = await purgedByHand(cid);
    await db.userAccount.update({ where: { id: leftover.userId }, data: { email: leftover.personal.email } });
    plant('user.personal-after-purge', leftover.userId, 'user.quarantine-purge', 'erase-again');
    const overdue = await seedUser(db, cid);
    await db.userAccount.update({ where: { id: overdue.userId }, data: { status: 'deactivated', deactivatedAt: ago(40 * DAY) } });
    plant('user.quarantine-overdue', overdue.userId, 'user.quarantine-purge', 'start-lifecycle');

    // A purged user's customer link left in the console's projection and in Temporal's search attributes.
    const linked = await purgedByHand(cid);
    await db.lifecycleProjection.create({
      data: {
        workflowId: userWorkflowId(linked.userId),
        kind: 'user',
        subjectId: linked.userId,
        customerId: cid,
        phase: 'PURGED',
        status: 'completed',
        policyVersion: config.policy.version,
        version: 1n,
      },
    });
    plant('user.customer-link-after-purge', linked.userId, 'user.quarantine-purge', 'erase-again');
    const inTemporal = await purgedByHand(cid);
    const handle = await temporal.workflow.start('plantedPurgedLifecycle', {
      taskQueue: config.temporal.taskQueue,
      workflowId: userWorkflowId(inTemporal.userId),
      // Never dispatched to the worker (there is no such workflow): only its search attributes matter.
      startDelay: '1 day',
      typedSearchAttributes: [
        { key: LifecycleKind, value: 'user' },
        { key: LifecyclePhase, value: 'PURGED' },
        { key: CustomerId, value: cid },
      ],
    });
    await handle.terminate('planted: a closed lifecycle whose search attributes kept the customer');
    plant('user.customer-link-in-temporal', inTemporal.userId, 'user.quarantine-purge', 'delete-history');

    // A support case still pointing at its purged requester.
    const requester = await purgedByHand(cid, { supportCase: true });
    plant('support.requester-after-purge', requester.userId, 'support.minimise', 'erase-again');

    // Customers: CRM data left after anonymisation; an ended relationship past its CRM deadline with
    // no lifecycle; billing identity past the ERP deadline.
    const crmLeft = await seedCustomer(db);
    await db.customer.update({
      where: { id: crmLeft },
      data: { status: 'anonymised', endedAt: ago(1000 * DAY), anonymisedAt: ago(10 * DAY), name: null, phone: null },
    });
    plant('customer.crm-after-anonymisation', crmLeft, 'crm.anonymise', 'erase-again');
    const crmLate = await seedCustomer(db);
    await db.customer.update({ where: { id: crmLate }, data: { status: 'ended', endedAt: ago(4 * 366 * DAY) } });
    plant('customer.crm-overdue', crmLate, 'crm.anonymise', 'start-lifecycle');
    const erpLate = await seedCustomer(db);
    await db.customer.update({
      where: { id: erpLate },
      data: { status: 'anonymised', endedAt: ago(6 * 366 * DAY), anonymisedAt: ago(3 * 366 * DAY), email: null, phone: null },
    });
    await db.erpInvoice.create({
      data: {
        customerId: erpLate,
        invoiceNumber: uniqueId('inv'),
        amountNok: 1200,
        // Within its own 5 years, so only the relationship's end has passed it by.
        issuedAt: ago(4 * 366 * DAY),
        billingName: 'Ola Nordmann',
      },
    });
    // Without a legal duty ERP goes with the CRM step, so its deadline and rule are the CRM's.
    plant('customer.erp-overdue', erpLate, 'crm.anonymise', 'erase-again');
    // An active customer's CRM note and invoice past their own 5 years (jobs/ageing).
    await db.crmActivity.create({
      data: { customerId: cid, kind: 'call', productLine: 'drift', occurredAt: ago(7 * 366 * DAY), contactName: 'Kari Nordmann' },
    });
    plant('crm.aged-personal', cid, 'crm.ageing', 'sweep-now');
    await db.erpInvoice.create({
      data: { customerId: cid, invoiceNumber: uniqueId('inv'), amountNok: 900, issuedAt: ago(7 * 366 * DAY), billingName: 'Kari Nordmann' },
    });
    plant('erp.aged-personal', cid, 'erp.ageing', 'sweep-now');

    // Contacts: an anonymised one with its e-mail address left; a departure past its deadline with no lifecycle.
    const contactLeft = await seedContact(db, cid);
    await db.contactPerson.update({
      where: { id: contactLeft.contactId },
      data: { departedAt: ago(1000 * DAY), anonymisedAt: ago(10 * DAY), firstName: null, lastName: null, phone: null },
    });
    await db.supportCase.deleteMany({ where: { contactId: contactLeft.contactId } });
    await db.crmActivity.updateMany({
      where: { contactId: contactLeft.contactId },
      data: { contactName: null, contactEmail: null, notes: null, anonymisedAt: ago(10 * DAY) },
    });
    await db.crmActivity.deleteMany({ where: { id: contactLeft.activityIds[1] } }); // the e-mail-only one
    plant('contact.personal-after-anonymisation', contactLeft.contactId, 'contact.anonymise', 'erase-again');
    const contactLate = await seedContact(db, cid);
    await db.contactPerson.update({
      where: { id: contactLate.contactId },
      data: { departedAt: ago(4 * 366 * DAY), departureReason: 'left-company' },
    });
    plant('contact.overdue', contactLate.contactId, 'contact.anonymise', 'start-lifecycle');

    // Lifecycles: none for an active user; one closed early; one completed with the data back (a
    // restored backup); one still ACTIVE after the user was deactivated.
    const missing = await seedUser(db, cid);
    plant('lifecycle.missing', missing.userId, 'user.deactivate-on-termination', 'start-lifecycle');
    // Closed early the way the console does it: an admin cancels, with a reason (docs/admin.md).
    const closedEarly = await provisioned(db, temporal, config);
    await expect.poll(() => db.lifecycleProjection.count({ where: { subjectId: closedEarly.userId } })).toBe(1);
    await request(stack.app)
      .post(`/api/admin/lifecycles/${userWorkflowId(closedEarly.userId)}/cancel`)
      .set(ADMIN)
      .send({ reasonCode: 'started-in-error', note: 'startet ved en feil' })
      .expect(200);
    plant('lifecycle.closed-early', closedEarly.userId, 'user.deactivate-on-termination', 'start-lifecycle');
    await db.userAccount.update({ where: { id: erased.userId }, data: { status: 'active', ...erased.personal, customerId: cid } });
    plant('lifecycle.completed-data-back', erased.userId, 'user.deactivate-on-termination', 'erase-again');
    const missed = await missedTermination(db, temporal, config, ago(DAY));
    plant('lifecycle.termination-missed', missed.userId, 'user.quarantine-purge', 'start-lifecycle');

    // The ledger: a purge that finished three days after its deadline.
    const lateId = uniqueId('late');
    await db.$transaction((tx) =>
      appendEvidence(tx, stack.ledger, {
        idempotencyKey: `planted/${lateId}`,
        subjectKind: 'user',
        subjectId: lateId,
        action: 'purge',
        rule: 'user.quarantine-purge',
        policyVersion: config.policy.version,
        reason: null,
        tables: { UserAccount: { anonymised: 1 } },
        workflowId: userWorkflowId(lateId),
        runId: 'planted',
        triggeredAt: ago(33 * DAY).toISOString(),
        dueAt: ago(3 * DAY).toISOString(),
        startedAt: new Date(),
      }),
    );

    const running = (id: string) => `WorkflowId = '${userWorkflowId(id)}' AND ExecutionStatus = 'Running'`;
    await visible(running(inTemporal.userId), 0);
    await visible(`WorkflowId = '${userWorkflowId(inTemporal.userId)}' AND ${CustomerId.name} IS NOT NULL`, 1);
    await visible(running(closedEarly.userId), 0);
    await visible(running(missed.userId), 1);

    // Temporal's namespace keeps closed lifecycles longer than this scan allows.
    const summary = await scan({ temporalRetentionMs: 60_000 });
    plant('temporal.namespace-retention', config.temporal.namespace, 'temporal.retention', 'operator');

    const open = await db.conformanceFinding.findMany({ where: { resolvedAt: null } });
    const byCheck = Object.fromEntries(open.map((f) => [f.check, { subjectId: f.subjectId, rule: f.rule, repair: f.repair }]));
    expect(byCheck).toEqual(planted);
    expect(open).toHaveLength(Object.keys(planted).length);
    expect(summary).toMatchObject({ findings: open.length, newFindings: open.length, lateErasures: 1 });
    expect(summary.byRule).toEqual({
      'user.quarantine-purge': 5,
      'support.minimise': 1,
      'crm.anonymise': 3,
      'contact.anonymise': 2,
      'crm.ageing': 1,
      'erp.ageing': 1,
      'user.deactivate-on-termination': 3,
      'temporal.retention': 1,
    });

    // Prometheus sees the same, per rule, from any API instance.
    const metrics = (await request(stack.app).get('/metrics').expect(200)).text;
    expect(metrics).toContain('nitd_conformance_findings_open{rule="user.quarantine-purge"} 5');
    expect(metrics).toContain('nitd_conformance_findings_open{rule="crm.anonymise"} 3');
    expect(metrics).toContain('nitd_conformance_findings_open{rule="erp.cap"} 0');
    expect(metrics).toContain('nitd_conformance_findings_open{rule="user.erasure"} 0');
    expect(metrics).toMatch(/nitd_conformance_last_scan_timestamp_seconds \d{10}/);

    // How far past the deadline: the overdue user's 40 days less the 30-day quarantine.
    const overdueFinding = open.find((f) => f.check === 'user.quarantine-overdue')!;
    expect(overdueFinding.overdueSeconds! / 86_400).toBeCloseTo(10, 0);
    const late = await db.conformanceFinding.findFirstOrThrow({ where: { check: 'evidence.late-erasure' } });
    expect(late).toMatchObject({ subjectId: lateId, repair: 'none', rule: 'user.quarantine-purge' });
    expect(late.resolvedAt).not.toBeNull();
    expect(late.overdueSeconds! / 86_400).toBeCloseTo(3, 0);

    // Opaque IDs and counts only: no seeded personal value in a finding or the attestation.
    const attestation = await db.evidence.findUniqueOrThrow({ where: { id: summary.evidenceId! } });
    const written = JSON.stringify([open, late, attestation], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const u of [leftover, overdue, linked, requester, missing, erased, base])
      for (const value of Object.values(u.personal)) expect(written).not.toContain(value);
    expect(written).not.toContain('Ola Nordmann');
    expect(written).not.toContain('Kari Nordmann');
    for (const c of [contactLeft, contactLate]) for (const value of c.personal) expect(written).not.toContain(value);
  });

  it('keeps what is still wrong, reads a late erasure once, and resolves what was fixed', async () => {
    const before = await db.conformanceFinding.findMany({ where: { resolvedAt: null }, select: { id: true, check: true } });
    const fixed = before.find((f) => f.check === 'user.personal-after-purge')!;
    const subject = await db.conformanceFinding.findUniqueOrThrow({ where: { id: fixed.id } });
    await db.userAccount.update({ where: { id: subject.subjectId }, data: { email: null } });

    const summary = await scan({ temporalRetentionMs: 60_000 });
    expect(summary).toMatchObject({ newFindings: 0, resolvedFindings: 1, lateErasures: 0, findings: before.length - 1 });
    const after = await db.conformanceFinding.findUniqueOrThrow({ where: { id: fixed.id } });
    expect(after.resolvedAt).not.toBeNull();
    // The same rows, seen again: their IDs (and first sighting) survive from scan to scan.
    const still = await db.conformanceFinding.findMany({ where: { resolvedAt: null }, select: { id: true } });
    expect(still.map((f) => f.id).sort()).toEqual(
      before
        .filter((f) => f.id !== fixed.id)
        .map((f) => f.id)
        .sort(),
    );
  });

  it('lists findings for auditors, lets an admin repair each with a reason, and the next scans find them gone', async () => {
    const { app } = stack;
    const open = await db.conformanceFinding.findMany({ where: { resolvedAt: null } });
    const list = await request(app)
      .get('/api/admin/conformance/findings')
      .query({ filter: JSON.stringify({ open: true }), range: '[0,99]' })
      .set(AUDITOR)
      .expect(200);
    expect(list.headers['content-range']).toBe(`findings 0-${open.length - 1}/${open.length}`);
    const status = await request(app).get('/api/admin/conformance/status').set(AUDITOR).expect(200);
    expect(status.body).toMatchObject({ openFindings: open.length, lastScan: { openFindings: open.length } });

    const first = open[0]!;
    await request(app)
      .post(`/api/admin/conformance/findings/${first.id}/repair`)
      .set(AUDITOR)
      .send({ reasonCode: 'conformance-repair' })
      .expect(403);
    await request(app).post(`/api/admin/conformance/findings/${first.id}/repair`).set(ADMIN).send({}).expect(400);

    const lateBefore = await db.conformanceFinding.count({ where: { check: 'evidence.late-erasure' } });
    for (const f of open) {
      const res = await request(app)
        .post(`/api/admin/conformance/findings/${f.id}/repair`)
        .set(ADMIN)
        .send({ reasonCode: 'conformance-repair' });
      expect(res.status, `${f.check}: ${JSON.stringify(res.body)}`).toBe(f.repair === 'operator' ? 409 : 202);
    }
    const audited = await db.adminAction.findMany({ where: { action: 'repair', actorRole: 'admin' } });
    expect(audited.filter((a) => a.outcome === 'accepted')).toHaveLength(open.length - 1);
    expect(audited.find((a) => a.outcome === 'refused')).toMatchObject({ subjectKind: 'namespace', reason: 'conformance-repair' });

    // The repairs run on the worker; scans until only the operator's finding is left.
    await expect.poll(async () => (await scan({ temporalRetentionMs: 60_000 })).findings, { timeout: 60_000, interval: 1_000 }).toBe(1);
    const left = await db.conformanceFinding.findMany({ where: { resolvedAt: null } });
    expect(left.map((f) => f.check)).toEqual(['temporal.namespace-retention']);
    // Lifecycles started as of a long-past end erased at once, and late (the customer's CRM and ERP
    // steps are two records), as did the ageing sweep's batches of records years past their date:
    // the ledger says so, and the scan too; the contact's lifecycle, started as of a departure years
    // ago, too.
    const late = await db.conformanceFinding.findMany({ where: { check: 'evidence.late-erasure' } });
    expect(late).toHaveLength(lateBefore + 6);
    expect(late.map((f) => [f.subjectKind, f.rule])).toEqual(
      expect.arrayContaining([
        ['customer', 'crm.anonymise'],
        ['contact', 'contact.anonymise'],
        ['user', 'user.quarantine-purge'],
        ['sweep', 'crm.ageing'],
        ['sweep', 'erp.ageing'],
      ]),
    );
    // A clean namespace check again with the configured retention: nothing open at all.
    expect((await scan()).findings).toBe(0);
  });

  it('runs from the command line on the running system: `npm run conformance -- --now` waits and ends with a JSON line', async () => {
    const { stdout, stderr } = await run(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['ops/conformance.ts', '--now'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: config.temporal.address,
        TEMPORAL_NAMESPACE: config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
      },
    });
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
    const scanned = await db.conformanceScan.findUniqueOrThrow({ where: { id: last.scanId } });
    expect(last).toMatchObject({ findings: 0, scanId: scanned.id, rowsExamined: scanned.rowsExamined, evidenceId: scanned.evidenceId });
    expect(stderr).toMatch(/conformance scan .* started/);
  });
});
