// Post-purge verification: a separate activity that re-reads every store after the purge and
// confirms that nothing personal of the user is left. It carries no personal data, so it cannot
// search for the user's old name or number: it checks structure instead (tombstone columns NULL,
// no login factor, no linked case, the purged cases' requester fields empty and their free text
// free of any e-mail address or phone number). docs/evidence.md spells out what that does not catch.
// A successful check is appended to the ledger with a digest of the workflow history so far.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { Db } from '../../db/client';
import type { RuleId } from '../../policy/retention';
import type { Ledger } from '../../ledger/ledger';
import { anchorEvidence, appendEvidence, findEvidence } from '../shared/evidence';

export const VERIFICATION_RULE: RuleId = 'user.post-purge-verification';

export interface VerifyUserErasedInput {
  userId: string;
  policyVersion: string;
  /** The purge's ledger record: it names the support cases the purge anonymised. */
  purgeEvidenceId: string | null;
  workflowId: string;
  runId: string;
  idempotencyKey: string;
}

/** One check, by store and column group: counts only, never the values found. */
export interface ErasureCheck {
  store: string;
  check: string;
  found: number;
}

export interface VerificationOutcome {
  ok: boolean;
  checkedAt: string;
  /** Checks that found something; empty when ok. */
  failed: ErasureCheck[];
  evidenceId: string | null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u;
// A Norwegian number typed whole or in groups of spaces ("91234567", "+47 912 34 567"); the purge
// leaves "[slettet]" where the requester's number was. Dots and dashes are left out on purpose:
// "25.11.2026" is a date, not a number to worry about.
const PHONE = /(?<![\d.-])(?:(?:\+|00)47\s*)?[2-9](?:\s?\d){7}(?![\d.-])/;

export function createVerificationActivities(db: Db, temporal: Client, ledger: Ledger) {
  async function checks(input: VerifyUserErasedInput): Promise<ErasureCheck[]> {
    const { userId } = input;
    const purge = input.purgeEvidenceId ? await db.evidence.findUnique({ where: { id: input.purgeEvidenceId } }) : null;
    const caseIds = ((purge?.detail as { supportCaseIds?: string[] } | null)?.supportCaseIds ?? []).filter((id) => typeof id === 'string');
    const [account, factors, linkedCases, purgedCases] = await Promise.all([
      db.userAccount.findUnique({ where: { id: userId } }),
      db.loginFactor.count({ where: { userId } }),
      db.supportCase.count({ where: { requesterId: userId } }),
      db.supportCase.findMany({ where: { id: { in: caseIds } } }),
    ]);
    const personalColumns = account
      ? [account.customerId, account.username, account.firstName, account.lastName, account.email, account.phone]
      : [];
    return [
      { store: 'UserAccount', check: 'tombstone is not marked purged', found: account && account.status !== 'purged' ? 1 : 0 },
      { store: 'UserAccount', check: 'personal columns not NULL', found: personalColumns.filter((v) => v !== null).length },
      { store: 'LoginFactor', check: 'rows for the user', found: factors },
      { store: 'SupportCase', check: 'cases linked to the user', found: linkedCases },
      {
        store: 'SupportCase',
        check: 'purged cases with requester fields set',
        found: purgedCases.filter((c) => c.requesterName !== null || c.requesterEmail !== null || c.requesterPhone !== null).length,
      },
      {
        store: 'SupportCase',
        check: 'purged cases with an e-mail address or phone number in free text',
        found: purgedCases.filter((c) => [c.subject, c.description].some((t) => EMAIL.test(t) || PHONE.test(t))).length,
      },
      { store: 'SupportCase', check: 'purged cases missing', found: caseIds.length - purgedCases.length },
    ];
  }

  /** sha256 of the run's history as Temporal stores it (payloads encrypted), and its length. */
  async function historyDigest(workflowId: string, runId: string) {
    const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    const bytes = proto.api.history.v1.History.encode(history).finish();
    const events = history.events ?? [];
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      events: events.length,
      lastEventId: String(events.at(-1)?.eventId ?? 0),
      runId,
    };
  }

  return {
    async verifyUserErased(input: VerifyUserErasedInput): Promise<VerificationOutcome> {
      const existing = await findEvidence(db, input.idempotencyKey);
      if (existing) {
        await anchorEvidence(db, ledger, existing);
        return { ok: true, checkedAt: existing.finishedAt.toISOString(), failed: [], evidenceId: existing.id };
      }
      const startedAt = new Date();
      const all = await checks(input);
      const failed = all.filter((c) => c.found > 0);
      if (failed.length > 0) return { ok: false, checkedAt: startedAt.toISOString(), failed, evidenceId: null };
      const history = await historyDigest(input.workflowId, input.runId);
      const record = await db.$transaction(async (tx) => {
        // A retry after a commit whose answer was lost finds the record and returns it.
        const again = await findEvidence(tx, input.idempotencyKey);
        if (again) return again;
        return appendEvidence(tx, ledger, {
          idempotencyKey: input.idempotencyKey,
          subjectKind: 'user',
          subjectId: input.userId,
          action: 'verify',
          rule: VERIFICATION_RULE,
          policyVersion: input.policyVersion,
          reason: null,
          tables: {},
          workflowId: input.workflowId,
          runId: input.runId,
          triggeredAt: null,
          dueAt: null,
          startedAt,
          detail: { ok: true, purgeEvidenceId: input.purgeEvidenceId, checks: all.map((c) => ({ ...c })), history },
        });
      });
      await anchorEvidence(db, ledger, record);
      return { ok: true, checkedAt: record.finishedAt.toISOString(), failed: [], evidenceId: record.id };
    },
  };
}
