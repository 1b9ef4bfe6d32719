// The customer lifecycle's pure rules (lifecycles/customer/rules.ts) beyond what
// customerRetention.test.ts covers (start-up limits, clamping to the cap): dates from a leap-day
// end, which step runs when, when the loop wakes, the hold past the cap and who may restore.
// Expected instants are literals worked out by hand.
import { describe, expect, it } from 'vitest';
import { PHASE_CONFLICT } from '../../lifecycles/shared/contract';
import type { CustomerLifecycleState } from '../../lifecycles/customer/contract';
import * as rules from '../../lifecycles/customer/rules';

const ms = (iso: string) => Date.parse(iso);
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

// A relationship ending on a leap day: every anniversary falls on 28 February, except the fourth.
const ENDED = '2024-02-29T08:00:00.000Z';
const CRM_DUE = '2027-02-28T08:00:00.000Z';
const CAP = '2029-02-28T08:00:00.000Z';

function ended(durations: { crmAnonymise?: string; erpMax?: string } = {}): CustomerLifecycleState {
  const policy = { userQuarantine: 'P30D', crmAnonymise: 'P3Y', erpMax: 'P5Y', version: 'v', ...durations };
  const s = rules.initialState({ customerId: 'c1', policy });
  rules.terminate(s, ENDED, 'kontrakt avsluttet', ms(ENDED));
  return s;
}

function crmAnonymised(): CustomerLifecycleState {
  const s = ended();
  s.phase = 'CRM_ANONYMISED';
  return s;
}

describe('due dates from a leap-day end', () => {
  it('CRM at end + 3 years, ERP and the cap at end + 5 years, on 28 February', () => {
    const s = ended();
    expect([iso(rules.crmDueMs(s)), iso(rules.erpDueMs(s)), iso(rules.capMs(s))]).toEqual([CRM_DUE, CAP, CAP]);
    expect(rules.view(s)).toMatchObject({ crmAnonymiseDueAt: CRM_DUE, erpAnonymiseDueAt: CAP, capAt: CAP, nextDueAt: CRM_DUE });
  });

  it('a shorter bookkeeping period moves ERP earlier; the cap stays', () => {
    const s = ended({ erpMax: 'P4Y' });
    expect(iso(rules.erpDueMs(s))).toBe('2028-02-29T08:00:00.000Z');
    expect(iso(rules.capMs(s))).toBe(CAP);
  });

  it('none before the relationship ends', () => {
    const s = rules.initialState({
      customerId: 'c1',
      policy: { userQuarantine: 'P30D', crmAnonymise: 'P3Y', erpMax: 'P5Y', version: 'v' },
    });
    expect([rules.crmDueMs(s), rules.erpDueMs(s), rules.capMs(s), rules.nextWakeMs(s)]).toEqual([null, null, null, null]);
  });
});

describe('an erasure request (art. 17)', () => {
  it('brings CRM forward to the request; ERP and the cap keep their dates', () => {
    const s = ended();
    s.erasure = { reason: 'art. 17', requestedAt: '2024-03-10T12:00:00.000Z' };
    expect([iso(rules.crmDueMs(s)), iso(rules.erpDueMs(s)), iso(rules.capMs(s))]).toEqual(['2024-03-10T12:00:00.000Z', CAP, CAP]);
  });

  it('never pushes CRM later than its own date', () => {
    const s = ended();
    s.erasure = { reason: 'art. 17', requestedAt: '2027-06-01T00:00:00.000Z' };
    expect(iso(rules.crmDueMs(s))).toBe(CRM_DUE);
  });
});

describe('stepDue: which step runs now', () => {
  it('CRM from its due instant, not a millisecond before', () => {
    const s = ended();
    expect(rules.stepDue(s, ms(CRM_DUE) - 1)).toBeNull();
    expect(rules.stepDue(s, ms(CRM_DUE))).toBe('crm');
  });

  it('ERP after CRM, from the cap', () => {
    const s = crmAnonymised();
    expect(rules.stepDue(s, ms(CAP) - 1)).toBeNull();
    expect(rules.stepDue(s, ms(CAP))).toBe('erp');
  });

  it('nothing while an anonymisation runs, nor before the end or after closing', () => {
    const running = ended();
    running.anonymising = true;
    expect(rules.stepDue(running, ms(CAP))).toBeNull();
    const active = rules.initialState({ customerId: 'c1', policy: ended().policy });
    expect(rules.stepDue(active, ms(CAP))).toBeNull();
    const closed = ended();
    closed.phase = 'CLOSED';
    expect(rules.stepDue(closed, ms(CAP))).toBeNull();
  });
});

describe('nextWakeMs: when the sleeping loop must wake', () => {
  it("at the pending step's due time", () => {
    expect(iso(rules.nextWakeMs(ended()))).toBe(CRM_DUE);
    expect(iso(rules.nextWakeMs(crmAnonymised()))).toBe(CAP);
  });

  it('on hold, at the cap, to flag data kept past it', () => {
    const s = ended();
    rules.placeHold(s, 'tvist', ms('2025-01-01T00:00:00.000Z'));
    expect(iso(rules.nextWakeMs(s))).toBe(CAP);
    expect(rules.nextDueMs(s)).toBeNull();
  });

  it('not at all once the hold past the cap is flagged, or once closed', () => {
    const s = ended();
    rules.placeHold(s, 'tvist', ms('2025-01-01T00:00:00.000Z'));
    s.heldPastCap = { since: CAP, reason: 'tvist' };
    expect(rules.nextWakeMs(s)).toBeNull();
    const closed = ended();
    closed.phase = 'CLOSED';
    expect(rules.nextWakeMs(closed)).toBeNull();
  });
});

describe('isPastCapOnHold', () => {
  it('from the cap on, while held', () => {
    const s = ended();
    rules.placeHold(s, 'tvist', ms('2025-01-01T00:00:00.000Z'));
    expect(rules.isPastCapOnHold(s, ms(CAP) - 1)).toBe(false);
    expect(rules.isPastCapOnHold(s, ms(CAP))).toBe(true);
  });

  it('never without a hold, nor once closed', () => {
    expect(rules.isPastCapOnHold(ended(), ms(CAP) + 1)).toBe(false);
    const closed = ended();
    rules.placeHold(closed, 'tvist', ms('2025-01-01T00:00:00.000Z'));
    closed.phase = 'CLOSED';
    expect(rules.isPastCapOnHold(closed, ms(CAP) + 1)).toBe(false);
  });

  it('is cleared by a release, and shows in the view only while held', () => {
    const s = ended();
    rules.placeHold(s, 'tvist', ms('2025-01-01T00:00:00.000Z'));
    s.heldPastCap = { since: CAP, reason: 'tvist' };
    expect(rules.view(s)).toMatchObject({ heldPastCap: true, heldPastCapReason: 'tvist' });
    rules.releaseHold(s, 'ferdig', ms(CAP) + 1);
    expect(s.heldPastCap).toBeNull();
    expect(rules.view(s)).toMatchObject({ heldPastCap: false, heldPastCapReason: null });
  });
});

describe('assertRestorable', () => {
  const refusal = (s: CustomerLifecycleState) => {
    try {
      rules.assertRestorable(s);
    } catch (err) {
      return err as Error & { type?: string };
    }
    return undefined;
  };

  it('lets a customer come back during retention', () => {
    expect(refusal(ended())).toBeUndefined();
  });

  it('refuses once CRM is anonymised: a returning customer is provisioned anew', () => {
    expect(refusal(crmAnonymised())).toMatchObject({
      type: PHASE_CONFLICT,
      message: expect.stringMatching(/CRM data has already been anonymised/),
    });
  });

  it('refuses while an erasure request is pending', () => {
    const s = ended();
    s.erasure = { reason: 'art. 17', requestedAt: '2024-03-10T12:00:00.000Z' };
    expect(refusal(s)).toMatchObject({ type: PHASE_CONFLICT, message: 'cannot restore: an erasure request is pending' });
  });

  it('refuses once closed and while an anonymisation runs', () => {
    const closed = ended();
    closed.phase = 'CLOSED';
    expect(refusal(closed)?.message).toMatch(/CRM and ERP data have already been anonymised/);
    const running = ended();
    running.anonymising = true;
    expect(refusal(running)?.message).toBe('cannot restore: an anonymisation is running');
  });
});

describe('restore and repeated terminations', () => {
  it('a restore clears the end and any flag of a hold past the cap, and cascades the restore', () => {
    const s = ended();
    s.heldPastCap = { since: CAP, reason: 'tvist' };
    rules.restore(s, 'kunden kom tilbake', ms('2025-05-05T05:05:00.000Z'));
    expect(s).toMatchObject({ phase: 'ACTIVE', endedAt: null, heldPastCap: null, restoredAt: '2025-05-05T05:05:00.000Z' });
    expect(s.cascade).toMatchObject({ action: 'restore', generation: 2, done: false });
    expect(rules.crmDueMs(s)).toBeNull();
  });

  it('only an earlier end counts, and only before CRM is anonymised', () => {
    const s = ended();
    expect(rules.isEarlierTermination(s, '2024-01-31T08:00:00.000Z')).toBe(true);
    expect(rules.isEarlierTermination(s, '2024-03-31T08:00:00.000Z')).toBe(false);
    expect(rules.isEarlierTermination(crmAnonymised(), '2024-01-31T08:00:00.000Z')).toBe(false);
  });
});

describe('ERP goes with the CRM step («innen 3 år») unless a legal duty keeps it', () => {
  const withCrm = (erpLegalDuty?: string) => {
    const s = ended();
    s.erpWithCrm = true;
    if (erpLegalDuty) s.policy = { ...s.policy, erpLegalDuty };
    return s;
  };

  it('without a legal duty ERP is due with the CRM, under the CRM rule', () => {
    const s = withCrm();
    expect([iso(rules.crmDueMs(s)), iso(rules.erpDueMs(s))]).toEqual([CRM_DUE, CRM_DUE]);
    expect([rules.stepRule(s, 'crm'), rules.stepRule(s, 'erp')]).toEqual(['crm.anonymise', 'crm.anonymise']);
    expect(rules.view(s)).toMatchObject({ erpAnonymiseDueAt: CRM_DUE, ruleInForce: 'crm.anonymise' });
  });

  it('an erasure request brings ERP forward with the CRM, under crm.erasure', () => {
    const s = withCrm();
    s.erasure = { requestedAt: '2025-01-01T00:00:00.000Z', reason: 'art. 17' };
    expect(iso(rules.erpDueMs(s))).toBe('2025-01-01T00:00:00.000Z');
    expect(rules.stepRule(s, 'erp')).toBe('crm.erasure');
  });

  it('a configured legal duty keeps ERP at the cap, under erp.cap', () => {
    const s = withCrm('bokforingsloven');
    expect([iso(rules.crmDueMs(s)), iso(rules.erpDueMs(s))]).toEqual([CRM_DUE, CAP]);
    s.phase = 'CRM_ANONYMISED';
    expect(rules.stepRule(s, 'erp')).toBe('erp.cap');
    expect(rules.view(s).ruleInForce).toBe('erp.cap');
  });

  it('a lifecycle from before the change (no erpWithCrm) keeps ERP at the cap', () => {
    const s = crmAnonymised();
    expect(iso(rules.erpDueMs(s))).toBe(CAP);
    expect(rules.view(s).ruleInForce).toBe('erp.cap');
  });
});
