// Finds contact details in free text that must not reach workflow history or evidence (reasons,
// and the lead's free-text notes). Pure and linear: every detector is one pass, and the phone
// library only ever sees windows of bounded length, so no input shape can stall the event loop
// (a quadratic e-mail regex once took 5.4 s on a 95 000-character reason). Text is normalised
// first (NFKC, separators), so full-width digits, a full-width '@', doubled or non-breaking
// spaces and typographic dashes cannot hide a number or an address.
// 'max' metadata: full validity patterns, so a date such as 2025-11-30 is not an Oslo number.
import { findPhoneNumbersInText } from 'libphonenumber-js/max';

export type PersonalDataKind = 'email' | 'phone' | 'digits';

/** Callers bound their text before asking (reasons: 500 characters); this is the guard's own limit. */
export const GUARD_MAX_LENGTH = 20_000;

/** Counts the characters each detector visits, so tests can prove the work grows linearly. */
export interface StepMeter {
  steps: number;
}

// A phone number with its separators fits in this many characters ("+47 (0) 912 34 567" is 18);
// windows overlap by half, so every such number lies whole inside one of them.
const PHONE_WINDOW = 40;
const MIN_DIGITS_FOR_PHONE = 5;
/** Eight or more digits in a row (single spaces allowed): a phone, account or national ID number. */
const DIGIT_RUN = 8;

// Format characters (zero-width spaces, bidi controls, soft hyphens) would split a number invisibly.
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const WHITESPACE_RUNS = /\s+/gu;
const DASHES = /\p{Pd}/gu;

/** NFKC, invisible characters dropped, any whitespace run as one space, every dash as '-'. */
export function normaliseForGuard(text: string, meter?: StepMeter): string {
  if (meter) meter.steps += text.length;
  return text.normalize('NFKC').replace(FORMAT_CHARACTERS, '').replace(WHITESPACE_RUNS, ' ').replace(DASHES, '-');
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32;
const AT = 64;
const DOT = 46;

/** local@domain.tld: something before the '@', and a dot with something on both sides after it. */
export function containsEmailAddress(text: string, meter?: StepMeter): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    if (at < 0) {
      if (meter) meter.steps += text.length - from;
      return false;
    }
    if (meter) meter.steps += at - from + 1;
    const before = text.charCodeAt(at - 1);
    // The domain runs to the next space or '@'; the next search starts there, so no character is read twice.
    let end = at + 1;
    let dot = -1;
    while (end < text.length && !isSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== AT) {
      if (text.charCodeAt(end) === DOT && end > at + 1 && dot < 0) dot = end;
      end++;
    }
    if (meter) meter.steps += end - at - 1;
    const localPart = at > 0 && !isSpace(before) && before !== AT;
    if (localPart && dot > 0 && dot < end - 1) return true;
    from = end;
  }
}

/** Eight or more digits in a row, single spaces between them allowed (after normalisation). */
export function containsDigitRun(text: string, meter?: StepMeter): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) run++;
    else if (!(isSpace(c) && run > 0 && isDigit(text.charCodeAt(i + 1)))) run = 0;
    if (run >= DIGIT_RUN) {
      if (meter) meter.steps += i + 1;
      return true;
    }
  }
  if (meter) meter.steps += text.length;
  return false;
}

// What a written phone number is made of; anything else ends a candidate.
const isPhoneCharacter = (c: number) =>
  isDigit(c) || isSpace(c) || c === 43 /* + */ || c === 40 /* ( */ || c === 41 /* ) */ || c === 45 /* - */ || c === DOT || c === 47; /* / */

/**
 * A number libphonenumber-js calls valid (Norway by default, any country with its +prefix): it
 * tells "+47 912-34-567" from a date such as "2025-11-30". It sees only candidate spans with
 * enough digits, cut into overlapping windows, so its cost per call is bounded.
 */
export function containsPhoneNumber(text: string, meter?: StepMeter): boolean {
  let i = 0;
  while (i < text.length) {
    if (!isPhoneCharacter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let digits = 0;
    while (end < text.length && isPhoneCharacter(text.charCodeAt(end))) {
      if (isDigit(text.charCodeAt(end))) digits++;
      end++;
    }
    if (meter) meter.steps += end - i;
    if (digits >= MIN_DIGITS_FOR_PHONE && phoneInSpan(text.slice(i, end), meter)) return true;
    i = end + 1;
  }
  return false;
}

function phoneInSpan(span: string, meter?: StepMeter): boolean {
  const stride = PHONE_WINDOW / 2;
  for (let start = 0; start < span.length; start += stride) {
    const window = span.slice(start, start + PHONE_WINDOW);
    if (meter) meter.steps += window.length;
    if (findPhoneNumbersInText(window, 'NO').length > 0) return true;
    if (start + PHONE_WINDOW >= span.length) break;
  }
  return false;
}

/** The first kind of contact detail found in `text`, or null. Refuses text past GUARD_MAX_LENGTH. */
export function findPersonalData(text: string, meter?: StepMeter): PersonalDataKind | null {
  if (text.length > GUARD_MAX_LENGTH) {
    throw new RangeError(`the personal-data guard reads at most ${GUARD_MAX_LENGTH} characters: bound the text first`);
  }
  const normalised = normaliseForGuard(text, meter);
  if (containsEmailAddress(normalised, meter)) return 'email';
  if (containsDigitRun(normalised, meter)) return 'digits';
  if (containsPhoneNumber(normalised, meter)) return 'phone';
  return null;
}
