// The prospect's pure rules: its CRM data is anonymised at the last contact + RETENTION_PROSPECT,
// never later than the notice's 5 years less the safety margin; each contact restarts the clock (a
// late report of an older one does not); an erasure request brings it forward; a hold stops it;
// nothing is accepted once the data is gone or handed over to a customer.
import { describe, expect, it } from 'vitest';
import type { ProspectLifecycleState } from '../../lifecycles/prospect/contract';
import * as rules from '../../lifecycles/prospect/rules';
import { policyFromEnv } from '../../policy/fromEnv';

const DAY = 24 * 60 * 60_000;
const contactedAt = Date.UTC(2026, 2, 10, 9);
const iso = (ms: number) => new Date(ms).toISOString();

function fresh(env: Record<string, string> = {}): ProspectLifecycleState {
  const s = rules.initialState({ prospectId: 'p-1', policy: policyFromEnv(env) });
  rules.adoptClock(s, iso(contactedAt));
  return s;
}

describe('prospect rules', () => {
  it('anonymises 5 years after the last contact, less the one-day safety margin', () => {
    const s = fresh();
    expect(rules.anonymiseDueMs(s)).toBe(Date.UTC(2031, 2, 10, 9) - DAY);
    expect(rules.view(s)).toMatchObject({ phase: 'ACTIVE', lastContactAt: iso(contactedAt), anonymiseDueAt: iso(Date.UTC(2031, 2, 9, 9)) });
    expect(rules.anonymisationDue(s, Date.UTC(2031, 2, 9, 8))).toBe(false);
    expect(rules.anonymisationDue(s, Date.UTC(2031, 2, 9, 9))).toBe(true);
    expect(rules.anonymisationRule(s)).toBe('prospect.anonymise');
  });

  it('takes a shorter RETENTION_PROSPECT as configured', () => {
    expect(rules.anonymiseDueMs(fresh({ RETENTION_PROSPECT: 'P2Y' }))).toBe(Date.UTC(2028, 2, 10, 9));
  });

  it('restarts the clock on each later contact, and ignores an older one reported late', () => {
    const s = fresh();
    const later = contactedAt + 400 * DAY;
    expect(rules.contact(s, iso(later), later)).toBe(true);
    expect(rules.anonymiseDueMs(s)).toBe(new Date(later).setUTCFullYear(2032) - DAY);
    expect(rules.contact(s, iso(contactedAt), later)).toBe(false);
    expect(s.lastContactAt).toBe(iso(later));
    expect(s.events.map((e) => e.kind)).toEqual(['contacted']);
    // The row's clock read at start never moves it back either.
    rules.adoptClock(s, iso(contactedAt));
    expect(s.lastContactAt).toBe(iso(later));
  });

  it('brings the anonymisation forward to an erasure request, under prospect.erasure', () => {
    const s = fresh();
    const asked = contactedAt + 10 * DAY;
    s.erasure = { reason: 'GDPR art. 17', requestedAt: iso(asked) };
    expect(rules.anonymiseDueMs(s)).toBe(asked);
    expect(rules.anonymisationRule(s)).toBe('prospect.erasure');
  });

  it('stops the clock while held and runs what is due on release', () => {
    const s = fresh();
    rules.placeHold(s, 'tvist', contactedAt);
    expect(rules.nextDueMs(s)).toBeNull();
    expect(rules.anonymisationDue(s, Date.UTC(2040, 0, 1))).toBe(false);
    rules.releaseHold(s, 'avgjort', Date.UTC(2040, 0, 1));
    expect(rules.anonymisationDue(s, Date.UTC(2040, 0, 1))).toBe(true);
  });

  it('keeps the clock when NITD stops pursuing the prospect, and restores it to ACTIVE', () => {
    const s = fresh();
    const due = rules.anonymiseDueMs(s);
    expect(rules.end(s, iso(contactedAt + DAY), 'ikke aktuell', contactedAt + DAY)).toBe(true);
    expect(s.phase).toBe('ENDED');
    expect(rules.anonymiseDueMs(s)).toBe(due);
    rules.restore(s, undefined, contactedAt + 2 * DAY);
    expect(s).toMatchObject({ phase: 'ACTIVE', endedAt: null });
  });

  it('refuses contacts, conversion and holds once anonymised or converted, and conversion under hold', () => {
    const held = fresh();
    rules.placeHold(held, 'tvist', contactedAt);
    expect(() => rules.assertConvertible(held)).toThrow(/legal hold/);

    for (const phase of ['ANONYMISED', 'CONVERTED'] as const) {
      const s = { ...fresh(), phase, customerId: 'c-1' };
      expect(rules.isFinal(s)).toBe(true);
      expect(rules.nextDueMs(s)).toBeNull();
      expect(() => rules.assertNotFinal(s, 'record a contact')).toThrow(/cannot record a contact/);
      expect(() => rules.assertConvertible(s)).toThrow(/cannot convert/);
      expect(rules.view(s).anonymiseDueAt).toBeNull();
    }
  });
});
