// Why an action was taken, as a code from a fixed list. Codes, not free text, go into workflow
// history, search attributes and the ledgers, which are kept after the person is gone; a free-text
// note, when one is given, goes to ActionNote, a table deleted with its subject's data
// (lifecycles/shared/actionNotes.ts). The service API's documentation lists the codes.
export const REASON_CODES = {
  'employee-left': 'the user left the customer or NITD',
  'customer-ended': 'the customer relationship ended',
  'account-not-needed': 'the account is no longer needed',
  'gdpr-art17-request': 'the person asked for erasure (GDPR art. 17)',
  'legal-hold': 'a legal claim, dispute or investigation needs the data kept',
  'legal-hold-ended': 'the matter that needed the hold is over',
  returned: 'the person or customer came back',
  'started-in-error': 'the lifecycle was started or reported by mistake',
  'duplicate-lifecycle': 'another lifecycle covers the subject',
  'conformance-repair': 'putting right what the conformance scan found',
  'routine-check': 'a check run by hand',
  other: 'none of the above: say why in the note',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as [ReasonCode, ...ReasonCode[]];
