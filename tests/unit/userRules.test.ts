// The user lifecycle's pure rules (lifecycles/user/rules.ts): when the purge falls due and how holds,
// restores and repeated terminations move it. No Temporal, no database. Expected instants are
// literals worked out by hand, never computed with the rules or addIsoDuration.
import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { PHASE_CONFLICT } from '../../lifecycles/shared/contract';
import type { UserLifecycleState } from '../../lifecycles/user/contract';
import * as rules from '../../lifecycles/user/rules';

const POLICY = { userQuarantine: 'P30D', crmAnonymise: 'P3Y', erpMax: 'P5Y', version: 'nitd-2026.1' };
const ms = (iso: string) => Date.parse(iso);
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

// 31 January 17:00 UTC: 30 days later is 2 March (February 2026 has 28 days).
const TERMINATED = '2026-01-31T17:00:00.000Z';
const DUE = '2026-03-02T17:00:00.000Z';

function activeUser(): UserLifecycleState {
  return rules.initialState({ userId: 'u1', customerId: 'c1', policy: POLICY });
}

function terminatedUser(at = TERMINATED): UserLifecycleState {
  const s = activeUser();
  rules.terminate(s, at, 'kundeforhold avsluttet');
  return s;
}

describe('purge due time', () => {
  it('is none while the user is active', () => {
    expect(rules.purgeDueMs(activeUser())).toBeNull();
    expect(rules.view(activeUser(), ms(TERMINATED))).toMatchObject({ phase: 'ACTIVE', purgeDueAt: null, remainingMs: null });
  });

  it('is the termination time given by the caller plus 30 days', () => {
    const s = terminatedUser();
    expect(iso(rules.purgeDueMs(s))).toBe(DUE);
    expect(rules.view(s, ms('2026-02-01T17:00:00.000Z'))).toMatchObject({
      phase: 'QUARANTINED',
      purgeDueAt: DUE,
      remainingMs: 29 * 86_400_000,
    });
  });

  it("follows the policy the workflow carries, not today's default", () => {
    const s = rules.initialState({ userId: 'u1', customerId: null, policy: { ...POLICY, userQuarantine: 'P1Y' } });
    rules.terminate(s, '2024-02-29T10:00:00.000Z', undefined);
    expect(iso(rules.purgeDueMs(s))).toBe('2025-02-28T10:00:00.000Z');
  });
});

describe('legal holds', () => {
  it('a hold after termination shows no due time, and its release adds the time held', () => {
    const s = terminatedUser();
    rules.placeHold(s, 'tvist, sak 44', ms('2026-02-10T17:00:00.000Z')); // day 10
    expect(rules.purgeDueMs(s)).toBeNull();
    rules.releaseHold(s, 'tvist avsluttet', ms('2026-03-12T17:00:00.000Z')); // day 40: held 30 days
    expect(s.heldMs).toBe(30 * 86_400_000);
    expect(iso(rules.purgeDueMs(s))).toBe('2026-04-01T17:00:00.000Z'); // day 60
  });

  it('a hold placed before termination only counts from the termination', () => {
    const s = activeUser();
    rules.placeHold(s, 'revisjon', ms('2026-01-21T17:00:00.000Z')); // 10 days before termination
    rules.terminate(s, TERMINATED, undefined);
    rules.releaseHold(s, undefined, ms('2026-02-10T17:00:00.000Z')); // 10 days after termination
    expect(s.heldMs).toBe(10 * 86_400_000);
    expect(iso(rules.purgeDueMs(s))).toBe('2026-03-12T17:00:00.000Z');
  });

  it('freezes the remaining time while held', () => {
    const s = terminatedUser();
    rules.placeHold(s, 'tvist', ms('2026-02-10T17:00:00.000Z'));
    const remaining = 20 * 86_400_000;
    expect(rules.view(s, ms('2026-02-10T17:00:00.000Z')).remainingMs).toBe(remaining);
    expect(rules.view(s, ms('2026-06-01T00:00:00.000Z')).remainingMs).toBe(remaining);
    expect(rules.view(s, ms('2027-01-01T00:00:00.000Z'))).toMatchObject({ remainingMs: remaining, purgeDueAt: null });
  });

  it("keeps the first hold's reason and start when a second hold arrives", () => {
    const s = terminatedUser();
    rules.placeHold(s, 'første', ms('2026-02-10T17:00:00.000Z'));
    rules.placeHold(s, 'andre', ms('2026-02-20T17:00:00.000Z'));
    expect(s.hold).toEqual({ reason: 'første', since: '2026-02-10T17:00:00.000Z' });
  });

  it('adds up the time of successive holds', () => {
    const s = terminatedUser();
    rules.placeHold(s, 'a', ms('2026-02-01T17:00:00.000Z'));
    rules.releaseHold(s, undefined, ms('2026-02-03T17:00:00.000Z')); // 2 days
    rules.placeHold(s, 'b', ms('2026-02-10T17:00:00.000Z'));
    rules.releaseHold(s, undefined, ms('2026-02-15T17:00:00.000Z')); // 5 days
    expect(iso(rules.purgeDueMs(s))).toBe('2026-03-09T17:00:00.000Z');
  });
});

describe('repeated terminations (earlier deadline wins)', () => {
  it('an earlier termination wins, and so does its earlier deadline', () => {
    const s = terminatedUser();
    expect(rules.isEarlierTermination(s, '2026-01-21T17:00:00.000Z')).toBe(true);
  });

  it('a later or equal termination does not', () => {
    const s = terminatedUser();
    expect(rules.isEarlierTermination(s, '2026-02-05T17:00:00.000Z')).toBe(false);
    expect(rules.isEarlierTermination(s, TERMINATED)).toBe(false);
  });

  it('nothing moves once the purge is running, nor for an active user', () => {
    const purging = terminatedUser();
    purging.purging = true;
    expect(rules.isEarlierTermination(purging, '2026-01-01T00:00:00.000Z')).toBe(false);
    expect(rules.isEarlierTermination(activeUser(), '2026-01-01T00:00:00.000Z')).toBe(false);
  });
});

describe('who terminated the user', () => {
  it("is the customer alone after the customer's cascade", () => {
    const s = activeUser();
    rules.terminate(s, TERMINATED, undefined, { kind: 'customer', customerId: 'c1' });
    expect(rules.terminatedOnlyByCustomer(s, 'c1')).toBe(true);
    expect(rules.terminatedOnlyByCustomer(s, 'c2')).toBe(false);
  });

  it('is no longer the customer alone once the user was also terminated on their own', () => {
    const s = activeUser();
    rules.terminate(s, TERMINATED, undefined, { kind: 'customer', customerId: 'c1' });
    rules.noteTerminatedBy(s, { kind: 'individual' });
    expect(rules.terminatedOnlyByCustomer(s, 'c1')).toBe(false);
  });

  it('notes each source once', () => {
    const s = terminatedUser();
    rules.noteTerminatedBy(s, { kind: 'individual' });
    rules.noteTerminatedBy(s, { kind: 'customer', customerId: 'c1' });
    rules.noteTerminatedBy(s, { kind: 'customer', customerId: 'c1' });
    expect(s.terminatedBy).toEqual([{ kind: 'individual' }, { kind: 'customer', customerId: 'c1' }]);
  });

  it('is nobody for a history from before cascades (no terminatedBy)', () => {
    const s = terminatedUser();
    delete s.terminatedBy;
    expect(rules.terminatedOnlyByCustomer(s, 'c1')).toBe(false);
  });
});

describe('restore', () => {
  it('clears the clock: no termination, no held time, no due date', () => {
    const s = terminatedUser();
    rules.placeHold(s, 'tvist', ms('2026-02-01T17:00:00.000Z'));
    rules.releaseHold(s, undefined, ms('2026-02-11T17:00:00.000Z'));
    rules.restore(s, ms('2026-02-20T09:00:00.000Z'));
    expect(s).toMatchObject({ phase: 'ACTIVE', terminatedAt: null, heldMs: 0, terminatedBy: [], restoredAt: '2026-02-20T09:00:00.000Z' });
    expect(rules.purgeDueMs(s)).toBeNull();
  });

  it('a termination after a restore starts a fresh 30 days', () => {
    const s = terminatedUser();
    rules.placeHold(s, 'tvist', ms('2026-02-01T17:00:00.000Z'));
    rules.releaseHold(s, undefined, ms('2026-02-11T17:00:00.000Z'));
    rules.restore(s, ms('2026-02-20T09:00:00.000Z'));
    rules.terminate(s, '2026-04-01T08:00:00.000Z', undefined);
    expect(iso(rules.purgeDueMs(s))).toBe('2026-05-01T08:00:00.000Z');
    expect(s.restoredAt).toBeNull();
  });
});

describe('assertNotFinal', () => {
  const refusal = (s: UserLifecycleState) => {
    try {
      rules.assertNotFinal(s, 'restore');
    } catch (err) {
      return err;
    }
    return undefined;
  };

  it('allows actions while active or quarantined', () => {
    expect(refusal(activeUser())).toBeUndefined();
    expect(refusal(terminatedUser())).toBeUndefined();
  });

  it('refuses once purged, as a non-retryable phase conflict', () => {
    const s = terminatedUser();
    s.phase = 'PURGED';
    const err = refusal(s);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({
      type: PHASE_CONFLICT,
      nonRetryable: true,
      message: "cannot restore: the user's personal data has already been purged",
    });
  });

  it('refuses while the purge is running', () => {
    const s = terminatedUser();
    s.purging = true;
    expect(refusal(s)).toMatchObject({ type: PHASE_CONFLICT, message: 'cannot restore: the purge is already running' });
  });
});
