// The intake filter: what a support case never needs is taken out of its text before the case is
// stored («Vi vil bare lagre informasjon som er nødvendig og hensiktsmessig for å behandle saken.»).
// National identity and D-numbers, bank account numbers, payment card numbers and passwords written
// out are replaced by a marker; only the kind and the count of what was removed is reported, never a
// value. Redacting rather than refusing: the person asking for help still gets a case, and the caller
// cannot "fix" a 400 by sending the number in another spelling.
//
// Every pattern runs in linear time: digits are found by tokenising the text once (letters, digits
// and underscore form words; a run is digit-only words joined by one space, hyphen or dot), and the
// password pattern has bounded quantifiers only. No backtracking on untrusted input.
import { idnr } from '@navikt/fnrvalidator';

export const REDACTION_TYPES = ['national-id', 'd-number', 'bank-account', 'payment-card', 'password'] as const;
export type RedactionType = (typeof REDACTION_TYPES)[number];

/** What the stored text shows in place of what was removed (the case text is Norwegian). */
export const REDACTION_MARKERS: Record<RedactionType, string> = {
  'national-id': '[fjernet: fødselsnummer]',
  'd-number': '[fjernet: d-nummer]',
  'bank-account': '[fjernet: kontonummer]',
  'payment-card': '[fjernet: kortnummer]',
  password: '[fjernet: passord]',
};

export interface Redaction {
  type: RedactionType;
  count: number;
}

export interface Filtered {
  text: string;
  redactions: Redaction[];
}

interface Span {
  start: number;
  end: number;
  type: RedactionType;
}

// A word: letters, digits and underscore. A number glued to letters ("INV01010112345") is an
// identifier of something else, not a person's number.
const WORD = /[\p{L}\p{N}_]+/gu;
const ALL_DIGITS = /^\d+$/;
/** One character between digit groups of one number: "4111 1111 …", "1234.56.78903", "010190-12345". */
const GROUP_SEPARATOR = /^[ \u00A0.-]$/;

const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Norwegian bank account number: 11 digits, the last a mod-11 check digit over the first ten. */
export function isBankAccount(digits: string): boolean {
  // All zeros passes the arithmetic but is no account.
  if (!/^\d{11}$/.test(digits) || /^0+$/.test(digits)) return false;
  const sum = ACCOUNT_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[10]);
}

/** Luhn over 13-19 digits, issued by a bank or card network (ISO/IEC 7812 major industry 2-6). */
export function isPaymentCard(digits: string): boolean {
  if (!/^[2-6]\d{12,18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A national identity or D-number (both check digits and a real birth date), as NAV's validator reads it. */
export function identityNumberType(digits: string): 'national-id' | 'd-number' | null {
  const result = idnr(digits);
  if (result.status !== 'valid') return null;
  return result.type.startsWith('dnr') ? 'd-number' : 'national-id';
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Digit-only words joined by one separator character form a run: the candidates for one number. */
function digitRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  for (const m of text.matchAll(WORD)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const last = run.at(-1);
    if (!ALL_DIGITS.test(group.digits)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    if (last && !GROUP_SEPARATOR.test(text.slice(last.end, group.start))) {
      runs.push(run);
      run = [];
    }
    run.push(group);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Bank accounts are written 4.2.5; a number grouped that way is an account even when it is also a valid identity number. */
function writtenAsAccount(groups: Group[]): boolean {
  return groups.length === 3 && groups[0]!.digits.length === 4 && groups[1]!.digits.length === 2 && groups[2]!.digits.length === 5;
}

function classify(groups: Group[]): RedactionType | null {
  const digits = groups.map((g) => g.digits).join('');
  if (digits.length >= 13) return isPaymentCard(digits) ? 'payment-card' : null;
  if (digits.length !== 11) return null;
  // Every valid identity number also passes the account check (its second check digit uses the same
  // weights), so the identity number is tried first unless the grouping says account.
  if (!writtenAsAccount(groups)) {
    const id = identityNumberType(digits);
    if (id) return id;
  }
  return isBankAccount(digits) ? 'bank-account' : null;
}

/** Whole groups only, longest first from each group: at most 19 digits, so linear in the run. */
function numberSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of digitRuns(text)) {
    let i = 0;
    while (i < run.length) {
      let found: Span | null = null;
      let ends: number[] = [];
      for (let j = i, n = 0; j < run.length && n + run[j]!.digits.length <= 19; j++) {
        n += run[j]!.digits.length;
        if (n >= 11) ends.push(j);
      }
      ends = ends.reverse();
      for (const j of ends) {
        const type = classify(run.slice(i, j + 1));
        if (type) {
          found = { start: run[i]!.start, end: run[j]!.end, type };
          i = j + 1;
          break;
        }
      }
      if (found) spans.push(found);
      else i++;
    }
  }
  return spans;
}

// "passord: x", "Password=x", "pw: x", "passordet er x", "my password is x", "PIN-kode: 1234".
// The keyword stays (the reader sees that a password was given); the value goes. Bounded
// quantifiers only. A quoted value may hold spaces; otherwise the value ends at whitespace.
const PASSWORD =
  /(?<![\p{L}\p{N}])(?:passord(?:et)?|password|passwd|passphrase|pwd|pw|kodeord|pin(?:-?kode)?)(?:[ \t]{1,3}(?:mitt|min|my|er|is|var|was|blir|will be)){0,2}[ \t]{0,3}(?:[:=]|(?<=[ \t](?:er|is|var|was|blir|be))[ \t])[ \t]{0,3}("[^"\n]{1,200}"|'[^'\n]{1,200}'|[^\s"']\S{0,199})/giu;

function passwordSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PASSWORD)) {
    const value = m[1]!;
    const end = m.index + m[0].length;
    spans.push({ start: end - value.length, end, type: 'password' });
  }
  return spans;
}

/** Removes what a case never needs from one text; redactions counted per type. */
export function filterIntake(text: string): Filtered {
  // A password span wins over a number inside it ("passord: 01010112345" is a password).
  const passwords = passwordSpans(text);
  const inPassword = (s: Span) => passwords.some((p) => s.start < p.end && p.start < s.end);
  const spans = [...passwords, ...numberSpans(text).filter((s) => !inPassword(s))].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  const counts = new Map<RedactionType, number>();
  for (const s of spans) {
    out += text.slice(at, s.start) + REDACTION_MARKERS[s.type];
    at = s.end;
    counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
  }
  out += text.slice(at);
  return { text: out, redactions: REDACTION_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! })) };
}

/** Adds up the redactions of several fields (a case's subject and description). */
export function mergeRedactions(...lists: Redaction[][]): Redaction[] {
  const counts = new Map<RedactionType, number>();
  for (const r of lists.flat()) counts.set(r.type, (counts.get(r.type) ?? 0) + r.count);
  return REDACTION_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! }));
}
