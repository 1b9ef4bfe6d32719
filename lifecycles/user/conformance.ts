// The conformance checks of the user's own tables (jobs/conformance runs them daily): nothing
// personal left after a purge, in Postgres or in Temporal's search attributes; no deactivated user
// past the quarantine; no support case still naming a purged requester. Each asks one set-based
// question and answers with opaque IDs and dates.
import { addIsoDuration } from '../../policy/duration';
import { overdue, type CheckContext, type ConformanceCheck, type FindingCandidate } from '../conformance';
import { subjectOfWorkflowId } from '../shared/contract';
import { CustomerId, LifecycleKind, LifecyclePhase } from '../shared/searchAttributes';
import { userWorkflowId } from './contract';

const finding = (f: Omit<FindingCandidate, 'subjectKind' | 'store'> & Partial<FindingCandidate>): FindingCandidate => ({
  subjectKind: 'user',
  store: 'postgres',
  ...f,
});

const personalAfterPurge: ConformanceCheck = {
  code: 'user.personal-after-purge',
  rules: ['user.quarantine-purge'],
  store: 'postgres',
  description: 'A purged user has a personal field set (customer link included), a login factor, or a note kept with an action on it.',
  async run({ db }) {
    // Notes are not a relation of the account (they belong to any kind of subject): read them apart.
    const noted = await db.$queryRaw<Array<{ id: string; purgedAt: Date | null }>>`
      SELECT u.id, u."purgedAt" FROM "UserAccount" u
      WHERE u.status = 'purged' AND EXISTS (SELECT 1 FROM "ActionNote" n WHERE n."subjectKind" = 'user' AND n."subjectId" = u.id)`;
    const [found, examined] = await Promise.all([
      db.userAccount.findMany({
        where: {
          status: 'purged',
          OR: [
            { customerId: { not: null } },
            { username: { not: null } },
            { firstName: { not: null } },
            { lastName: { not: null } },
            { email: { not: null } },
            { phone: { not: null } },
            { loginFactors: { some: {} } },
          ],
        },
        select: { id: true, purgedAt: true },
      }),
      db.userAccount.count({ where: { status: 'purged' } }),
    ]);
    const rows = [...new Map([...found, ...noted].map((u) => [u.id, u])).values()];
    const findings = rows.map((u) =>
      finding({
        check: this.code,
        rule: this.rules[0]!,
        table: 'UserAccount',
        subjectId: u.id,
        workflowId: userWorkflowId(u.id),
        dueAt: u.purgedAt,
        repair: 'erase-again',
      }),
    );
    return { findings, examined };
  },
};

interface DeactivatedRow {
  id: string;
  deactivatedAt: Date | null;
  dueAt: Date | null;
  status: string | null;
  phase: string | null;
  onHold: boolean | null;
}

const quarantineOverdue: ConformanceCheck = {
  code: 'user.quarantine-overdue',
  rules: ['user.quarantine-purge'],
  store: 'postgres',
  description:
    "A deactivated user past its purge deadline (its lifecycle's own, or deactivation + the quarantine when it has none), not under legal hold.",
  async run(ctx: CheckContext) {
    const rows = await ctx.db.$queryRaw<DeactivatedRow[]>`
      SELECT u.id, u."deactivatedAt", p."dueAt", p.status, p.phase, p."onHold"
      FROM "UserAccount" u
      LEFT JOIN "LifecycleProjection" p ON p.kind = 'user' AND p."subjectId" = u.id
      WHERE u.status = 'deactivated'`;
    const findings: FindingCandidate[] = [];
    for (const r of rows) {
      if (r.onHold) continue; // a legal hold stops the clock (GDPR art. 17(3)(e))
      const running = r.status === 'running';
      // A running lifecycle's projection carries its own deadline (hold time included).
      const due = running && r.dueAt ? r.dueAt : addIsoDuration(r.deactivatedAt ?? ctx.now, ctx.policy.userQuarantine);
      if (!overdue(ctx, due)) continue;
      findings.push(
        finding({
          check: this.code,
          rule: this.rules[0]!,
          table: 'UserAccount',
          subjectId: r.id,
          workflowId: userWorkflowId(r.id),
          dueAt: due,
          // A lifecycle in quarantine is asked to erase now; one that never heard of the termination
          // (or none at all) is started as of the deactivation, which purges at once.
          repair: running && r.phase !== 'ACTIVE' ? 'erase-now' : 'start-lifecycle',
        }),
      );
    }
    return { findings, examined: rows.length };
  },
};

const linkAfterPurge: ConformanceCheck = {
  code: 'user.customer-link-after-purge',
  rules: ['user.quarantine-purge'],
  store: 'postgres',
  description: "The console's row of a purged user's lifecycle still names its customer («kundetilknytning»).",
  async run({ db }) {
    const rows = await db.$queryRaw<Array<{ subjectId: string; workflowId: string; purgedAt: Date | null }>>`
      SELECT p."subjectId", p."workflowId", u."purgedAt"
      FROM "LifecycleProjection" p JOIN "UserAccount" u ON u.id = p."subjectId"
      WHERE p.kind = 'user' AND p."customerId" IS NOT NULL AND u.status = 'purged'`;
    const examined = await db.lifecycleProjection.count({ where: { kind: 'user' } });
    const findings = rows.map((r) =>
      finding({
        check: this.code,
        rule: this.rules[0]!,
        table: 'LifecycleProjection',
        subjectId: r.subjectId,
        workflowId: r.workflowId,
        dueAt: r.purgedAt,
        repair: 'erase-again',
      }),
    );
    return { findings, examined };
  },
};

const linkInTemporal: ConformanceCheck = {
  code: 'user.customer-link-in-temporal',
  rules: ['user.quarantine-purge'],
  store: 'temporal',
  description: "A purged user's lifecycle still carries its customer in the CustomerId search attribute (stored unencrypted).",
  async run({ db, temporal, taskQueue }) {
    const purged = `TaskQueue = '${taskQueue}' AND ${LifecycleKind.name} = 'user' AND ${LifecyclePhase.name} = 'PURGED'`;
    const found: Array<{ workflowId: string; runId: string; running: boolean }> = [];
    for await (const w of temporal.workflow.list({ query: `${purged} AND ${CustomerId.name} IS NOT NULL` })) {
      found.push({ workflowId: w.workflowId, runId: w.runId, running: w.status.name === 'RUNNING' });
    }
    const { count: examined } = await temporal.workflow.count(purged);
    const subjectIds = found.map((w) => subjectOfWorkflowId(w.workflowId, ['user'])?.subjectId ?? w.workflowId);
    const purgedAt = new Map(
      (await db.userAccount.findMany({ where: { id: { in: subjectIds } }, select: { id: true, purgedAt: true } })).map((u) => [
        u.id,
        u.purgedAt,
      ]),
    );
    const findings = found.map((w, i) =>
      finding({
        check: this.code,
        rule: this.rules[0]!,
        store: 'temporal',
        table: 'search attributes',
        subjectId: subjectIds[i]!,
        workflowId: w.workflowId,
        ref: w.runId,
        dueAt: purgedAt.get(subjectIds[i]!) ?? null,
        // A closed history cannot be changed, only deleted; a running one is waiting for an operator.
        repair: w.running ? 'operator' : 'delete-history',
      }),
    );
    return { findings, examined };
  },
};

const supportRequesterAfterPurge: ConformanceCheck = {
  code: 'support.requester-after-purge',
  rules: ['support.minimise'],
  store: 'postgres',
  description: "A support case still names a purged requester, or keeps the requester's name or contact details after erasing them.",
  async run({ db }) {
    const [linked, leftovers, examined] = await Promise.all([
      db.supportCase.findMany({
        where: { requester: { status: 'purged' } },
        select: { requesterId: true, requester: { select: { purgedAt: true } } },
        distinct: ['requesterId'],
      }),
      db.supportCase.findMany({
        where: {
          requesterErasedAt: { not: null },
          OR: [{ requesterName: { not: null } }, { requesterEmail: { not: null } }, { requesterPhone: { not: null } }],
        },
        select: { id: true, requesterErasedAt: true },
      }),
      db.supportCase.count(),
    ]);
    const findings = [
      ...linked.map((c) =>
        finding({
          check: this.code,
          rule: this.rules[0]!,
          table: 'SupportCase',
          subjectId: c.requesterId!,
          workflowId: userWorkflowId(c.requesterId!),
          dueAt: c.requester?.purgedAt ?? null,
          repair: 'erase-again',
        }),
      ),
      // The requester's ID is already gone: the case itself is the subject.
      ...leftovers.map((c) =>
        finding({
          check: this.code,
          rule: this.rules[0]!,
          table: 'SupportCase',
          subjectKind: 'supportCase',
          subjectId: c.id,
          workflowId: null,
          dueAt: c.requesterErasedAt,
          repair: 'erase-again',
        }),
      ),
    ];
    return { findings, examined };
  },
};

/** In order: when two checks find the same subject under the same rule, the first one's finding stands. */
export const userConformanceChecks: readonly ConformanceCheck[] = [
  personalAfterPurge,
  quarantineOverdue,
  linkAfterPurge,
  linkInTemporal,
  supportRequesterAfterPurge,
];
