// The contact-person lifecycle's pure rules (lifecycles/contact/rules.ts): the anonymisation date
// from a departure (RETENTION_CONTACT, aimed the safety margin before «innen 3 år», never past it),
// erasure and holds, repeated departures (earlier wins), and who may restore. Expected instants are
// literals worked out by hand.
import { describe, expect, it } from 'vitest';
import { PHASE_CONFLICT } from '../../lifecycles/shared/contract';
import type { ContactLifecycleState } from '../../lifecycles/contact/contract';
import * as rules from '../../lifecycles/contact/rules';
import { policyFromEnv } from '../../policy/fromEnv';
import { buildRules, DEFAULT_DURATIONS } from '../../policy/retention';
import { NOTICE } from '../../policy/notice';

const ms = (iso: string) => Date.parse(iso);
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

// A departure on a leap day: three UTC calendar years later is 28 February, less the one-day margin.
const DEPARTED = '2024-02-29T08:00:00.000Z';
const DUE = '2027-02-27T08:00:00.000Z';

function departed(env: Record<string, string> = {}): ContactLifecycleState {
  const s = rules.initialState({ contactId: 'k1', customerId: 'c1', policy: policyFromEnv(env) });
  rules.depart(s, DEPARTED, 'left-company', ms(DEPARTED));
  return s;
}

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
};

describe('the rule and its clause', () => {
  it('contact.anonymise is a maximum of P3Y by default, resting on «innen 3 år»; contact.erasure on the necessity sentence', () => {
    const all = buildRules(DEFAULT_DURATIONS);
    expect(all.find((r) => r.id === 'contact.anonymise')).toMatchObject({
      duration: 'P3Y',
      deadline: 'maximum',
      clause: 'crmErp',
      notice: NOTICE.crmErp,
    });
    expect(all.find((r) => r.id === 'contact.erasure')).toMatchObject({ duration: 'PT0S', clause: 'necessity' });
  });
});

describe('the anonymisation date', () => {
  it('is the departure + 3 years less the safety margin, on 28 February for a leap-day departure', () => {
    const s = departed();
    expect(iso(rules.anonymiseDueMs(s))).toBe(DUE);
    expect(rules.view(s)).toMatchObject({
      phase: 'DEPARTED',
      departedAt: DEPARTED,
      departureReason: 'left-company',
      anonymiseDueAt: DUE,
      nextDueAt: DUE,
    });
  });

  it('follows a shorter RETENTION_CONTACT and never passes «innen 3 år», whatever the snapshot says', () => {
    expect(iso(rules.anonymiseDueMs(departed({ RETENTION_CONTACT: 'P1Y' })))).toBe('2025-02-28T08:00:00.000Z');
    const s = departed();
    s.policy = { ...s.policy, contact: 'P10Y' };
    expect(iso(rules.anonymiseDueMs(s))).toBe(DUE);
  });

  it('reads a snapshot from before the contact kind (no contact duration) as the notice limit', () => {
    const s = departed();
    const { contact: _, ...old } = s.policy;
    s.policy = old;
    expect(iso(rules.anonymiseDueMs(s))).toBe(DUE);
  });

  it('is none while the contact is active, and none after the anonymisation', () => {
    const s = rules.initialState({ contactId: 'k1', customerId: 'c1', policy: policyFromEnv({}) });
    expect([rules.anonymiseDueMs(s), rules.nextDueMs(s)]).toEqual([null, null]);
    const done = departed();
    done.phase = 'ANONYMISED';
    expect(rules.anonymiseDueMs(done)).toBeNull();
  });

  it('is due at its time, not before', () => {
    const s = departed();
    expect(rules.isDue(s, ms(DUE) - 1)).toBe(false);
    expect(rules.isDue(s, ms(DUE))).toBe(true);
  });
});

describe('erasure and holds', () => {
  it('an erasure brings the date forward to the request, on an active contact too', () => {
    const s = departed();
    rules.requestErasure(s, 'art. 17', ms('2024-03-10T12:00:00.000Z'));
    expect(iso(rules.anonymiseDueMs(s))).toBe('2024-03-10T12:00:00.000Z');
    const active = rules.initialState({ contactId: 'k2', customerId: 'c1', policy: policyFromEnv({}) });
    rules.requestErasure(active, 'art. 17', ms('2024-03-10T12:00:00.000Z'));
    expect(rules.isDue(active, ms('2024-03-10T12:00:00.000Z'))).toBe(true);
  });

  it('a hold stops the step without moving its date; the release lets it run', () => {
    const s = departed();
    rules.placeHold(s, 'tvist', ms('2025-01-01T00:00:00.000Z'));
    expect(rules.isDue(s, ms(DUE) + 1)).toBe(false);
    expect(rules.view(s)).toMatchObject({ nextDueAt: null, anonymiseDueAt: DUE });
    rules.releaseHold(s, 'avklart', ms(DUE) + 1);
    expect(rules.isDue(s, ms(DUE) + 1)).toBe(true);
  });
});

describe('repeated departures and returns', () => {
  it('an earlier departure moves the date earlier and keeps the first reason; a later one changes nothing', () => {
    const s = departed();
    expect(rules.departureChanges(s, '2024-03-01T00:00:00.000Z')).toBe(false);
    expect(rules.departureChanges(s, '2024-01-31T08:00:00.000Z')).toBe(true);
    rules.depart(s, '2024-01-31T08:00:00.000Z', 'other', ms(DEPARTED));
    expect(rules.view(s)).toMatchObject({ departedAt: '2024-01-31T08:00:00.000Z', departureReason: 'left-company' });
    expect(iso(rules.anonymiseDueMs(s))).toBe('2027-01-30T08:00:00.000Z');
  });

  it('a return makes the contact active again with nothing pending; refused once anonymised or with an erasure pending', () => {
    const s = departed();
    rules.restore(s, 'tilbake', ms('2024-06-01T00:00:00.000Z'));
    expect(rules.view(s)).toMatchObject({ phase: 'ACTIVE', departedAt: null, departureReason: null, nextDueAt: null });
    const erasing = departed();
    rules.requestErasure(erasing, 'art. 17', ms(DEPARTED));
    expect(refusal(() => rules.assertRestorable(erasing))).toMatchObject({ type: PHASE_CONFLICT });
    const done = departed();
    done.phase = 'ANONYMISED';
    expect(refusal(() => rules.assertRestorable(done))).toMatchObject({ type: PHASE_CONFLICT });
    expect(rules.departureChanges(done, '2020-01-01T00:00:00.000Z')).toBe(false);
  });
});
