// What a valid ID, reason, e-mail address, phone number and short text are, for every kind's input,
// and the lifecycle requests every kind takes. The API validates with these and generates its
// OpenAPI document from them, so a constraint added here is documented and enforced at once.
import { z } from 'zod';
import { REASON_CODE_LIST } from '../../policy/reasons';
import { findPersonalData, type PersonalDataKind } from './personalDataGuard';

// Postgres text cannot hold NUL (the insert fails), and no name, address or reason needs a control
// character: refuse them as input errors instead of letting the database answer 500. Tab and line
// breaks stay allowed.
// A lone UTF-16 surrogate (JSON allows "\ud800") has no UTF-8 form: it would reach workflow history
// and the database as U+FFFD, silently different from what the caller sent.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const withoutControlCharacters = (s: string) => !CONTROL_CHARACTER.test(s) && !LONE_SURROGATE.test(s);
export const CONTROL_CHARACTER_MESSAGE = 'must be text without control characters or unpaired surrogates';

/**
 * Callers' own IDs, kept opaque. No '@' and no spaces, so an e-mail address or a name can never
 * become an ID and end up in workflow IDs, search attributes or evidence.
 */
export const opaqueId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit',
  )
  .describe('Opaque ID chosen by the calling system.');

const FOUND: Record<PersonalDataKind, string> = {
  email: 'must not contain an e-mail address',
  phone: 'must not contain a phone number',
  digits: 'must not contain a run of 8 or more digits (a phone, account or national ID number)',
};

/**
 * Free text kept where no personal data may be (workflow history, evidence): at most `max`
 * characters, without control characters, e-mail addresses or phone numbers. The length is checked
 * first and stops the checks after it (`abort`: zod would otherwise run them all), so an oversized
 * text is refused without being scanned; trimming is a single pass.
 */
export const textWithoutPersonalData = (max: number, keptIn: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, { message: `must be at most ${max} characters`, abort: true })
    .refine(withoutControlCharacters, { message: CONTROL_CHARACTER_MESSAGE, abort: true })
    .superRefine((s, ctx) => {
      const found = findPersonalData(s);
      if (found) ctx.addIssue({ code: 'custom', message: `${FOUND[found]}: ${keptIn}` });
    });

/** Why an action was taken: a code from the fixed list (policy/reasons.ts), kept in workflow history and the ledgers. */
export const reasonCode = z
  .enum(REASON_CODE_LIST, { error: `must be one of ${REASON_CODE_LIST.join(', ')}` })
  .describe(`Why, as a code: ${REASON_CODE_LIST.join(', ')}. It is kept in workflow history and the ledgers.`);

/**
 * What the code does not say, as free text. It is kept in ActionNote, which goes with the subject's
 * data (the purge or anonymisation deletes it), never in workflow history or the ledgers; contact
 * details are still refused.
 */
export const note = textWithoutPersonalData(500, 'write who the subject is by its ID, not by contact details').describe(
  "Optional free text, 1-500 characters, without e-mail addresses or phone numbers. Kept with the subject's data and deleted with it.",
);

/** The old free-text `reason`: a 400 that names it and says what replaced it. */
const replacedReason = z.never({ error: `replaced by reasonCode (one of ${REASON_CODE_LIST.join(', ')}) and an optional note` }).optional();

export const email = z.email('must be an e-mail address').max(254, 'must be at most 254 characters');

/**
 * International format; spaces and hyphens between digits are accepted and removed, so the login
 * factor always holds one spelling (E.164) that SMS gateways take.
 */
export const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9](?:[ -]?\d){6,14}$/, 'must be an international number, e.g. +47 912 34 567')
  .transform((s) => s.replace(/[ -]/g, ''))
  .refine((s) => !s.startsWith('+47') || s.length === 11, 'a Norwegian number has 8 digits after +47')
  .describe('International number (E.164; spaces and hyphens allowed and removed), e.g. +47 912 34 567.');

/** A name or similar short text field. */
export const shortText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(withoutControlCharacters, CONTROL_CHARACTER_MESSAGE);

const FUTURE_TOLERANCE_MS = 5 * 60_000; // clock skew between the caller and us
const EARLIEST_TERMINATION = Date.parse('2000-01-01T00:00:00Z');

/** When a subject left (a termination, a contact's departure): retention counts from it. */
export const pastInstant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a UTC offset, e.g. 2026-01-31T17:00:00+01:00' })
  // `!(… > …)` lets an unparseable value through to the format message alone.
  .refine(
    (s) => !(Date.parse(s) > Date.now() + FUTURE_TOLERANCE_MS),
    'must not be in the future: report a termination when it has happened',
  )
  .refine((s) => !(Date.parse(s) < EARLIEST_TERMINATION), 'must not be before 2000-01-01')
  // One spelling in workflow history and evidence, whatever offset the caller used.
  .transform((s) => new Date(s).toISOString());

export const terminatedAt = pastInstant
  .optional()
  .describe('When the subject left (retention counts from it). Defaults to now; at most 5 minutes in the future.');

/** The parsed body hands the code on as `reason` (what the lifecycles carry) and the note beside it. */
export const asReason = <T extends { reasonCode?: string; note?: string }>({ reasonCode: code, note: text, ...rest }: T) => ({
  ...rest,
  reason: code,
  note: text,
});

/** An optional reason code and note, and the old `reason` refused: for a request's own fields to join. */
export const optionalReasonFields = { reasonCode: reasonCode.optional(), note: note.optional(), reason: replacedReason };

export const terminationRequest = z
  .strictObject({ terminatedAt, ...optionalReasonFields })
  .transform(({ reason: _old, ...b }) => asReason(b));

export const reasonRequest = z
  .strictObject({ reasonCode, note: note.optional(), reason: replacedReason })
  .transform(({ reason: _old, ...b }) => ({ ...asReason(b), reason: b.reasonCode as string }));
export const optionalReasonRequest = z
  .strictObject({ reasonCode: reasonCode.optional(), note: note.optional(), reason: replacedReason })
  .transform(({ reason: _old, ...b }) => asReason(b));
/** For actions on no subject (a scan, a reconciliation run): a code only, since a note would belong to nobody's data. */
export const codeOnlyRequest = z
  .strictObject({
    reasonCode: reasonCode.optional(),
    note: z.never({ error: "a note is kept with a subject's data, and this action has no subject: give the reason code only" }).optional(),
    reason: replacedReason,
  })
  .transform(({ reasonCode: code }) => ({ reason: code as string | undefined }));

export const instant = z.iso.datetime().nullable();
export const hold = z.object({ reason: z.string(), since: z.iso.datetime() });

/**
 * True only when A and B have the same fields of the same types, optional ones included (`[A]
 * extends [B]` alone lets a schema miss an optional field of the type it documents). Both sides are
 * flattened first, since an intersection and the object it amounts to would compare unequal.
 */
export type Exactly<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };
