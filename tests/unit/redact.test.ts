import { describe, expect, it } from 'vitest';
import { redactIdentifiers, REDACTED } from '../../lifecycles/user/redact';

describe('redactIdentifiers', () => {
  it('removes names, e-mail and the phone number in any spelling, and nothing else', () => {
    const text = 'Hei, Per Hansen her (per.hansen@example.no). Ring +47 912 34 567 eller 91234567 om Personvern-saken.';
    const out = redactIdentifiers(text, ['Per', 'Hansen', 'per.hansen@example.no', '+4791234567']);
    expect(out).toBe(`Hei, ${REDACTED} ${REDACTED} her (${REDACTED}). Ring ${REDACTED} eller ${REDACTED} om Personvern-saken.`);
  });

  it('ignores empty and one-letter identifiers', () => {
    expect(redactIdentifiers('A case about a VPN', ['', null, 'a'])).toBe('A case about a VPN');
  });
});
