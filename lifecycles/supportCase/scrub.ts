// What a case's text loses when its requester's lifecycle ends: the requester's own identifiers
// (name, e-mail, phone, however typed), everything the intake filter removes, and any e-mail address
// or Norwegian phone number left. The technical content stays. Names of other people written in the
// text are not found (no list of names to match): docs/supportCases.md says so.
import { redactIdentifiers, REDACTED } from '../user/redact';
import { filterIntake } from './intake';

const WHITESPACE = /\s+/;
// One token: something@domain.tld, with trailing punctuation allowed. Tokens are split on
// whitespace first, so the pattern never scans past one token.
const EMAIL_TOKEN = /^([("'<]*)[^\s@()<>"']+@[^\s@()<>"']+\.[^\s@()<>"']+?([)"'>.,;:!?]*)$/u;
// A Norwegian number: 8 digits starting 2-9, optionally +47 / 0047 before, in groups.
const DIGIT_GROUPS = /(?:\+|\b00)?\d+(?:[ .-]\d+)*/g;

function isNorwegianPhone(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  const local = run.startsWith('+47') || run.startsWith('0047') ? digits.slice(digits.startsWith('0047') ? 4 : 2) : digits;
  return local.length === 8 && /^[2-9]/.test(local);
}

export function redactContactDetails(text: string): string {
  const parts = text.split(/(\s+)/);
  const withoutEmail = parts
    .map((p) => {
      if (WHITESPACE.test(p) || !p.includes('@')) return p;
      const m = EMAIL_TOKEN.exec(p);
      return m ? `${m[1]}${REDACTED}${m[2]}` : p;
    })
    .join('');
  // A number glued to letters ("0x80070005") is something else: checked beside the match, not in the pattern.
  const glued = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  return withoutEmail.replace(DIGIT_GROUPS, (run: string, at: number, all: string) =>
    !glued(all[at - 1]) && !glued(all[at + run.length]) && isNorwegianPhone(run) ? REDACTED : run,
  );
}

export function scrubCaseText(text: string, identifiers: ReadonlyArray<string | null | undefined>): string {
  return redactContactDetails(filterIntake(redactIdentifiers(text, identifiers)).text);
}
