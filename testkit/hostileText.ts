// Text shapes that make naive detectors backtrack or rescan: long runs without a space or '@',
// many '@', digits and separators in every spelling. The guard's linearity test, the hostile-input
// suite and bench/hostile-text.ts send the same shapes.
export const HOSTILE_TEXT_SHAPES: Record<string, (n: number) => string> = {
  'no space, no @': (n) => 'x'.repeat(n),
  'many @': (n) => 'x@'.repeat(n / 2),
  'at-dot runs': (n) => 'a@b.'.repeat(n / 4),
  'dots without @': (n) => 'a.'.repeat(n / 2),
  'digits and spaces': (n) => '1 x'.repeat(n / 3),
  'digit run': (n) => '1'.repeat(n),
  'phone punctuation': (n) => '+4 (1) 2-3.4/'.repeat(n / 13),
  'full-width digits': (n) => '１x'.repeat(n / 2),
  spaces: (n) => ' '.repeat(n),
};

/** A JSON body `{"reasonCode": "other", "note": …}` of about `bytes` bytes (UTF-8) in the given shape. */
export function hostileReasonBody(shape: (n: number) => string, bytes: number): string {
  const perChar = Buffer.byteLength(shape(60)) / shape(60).length;
  return JSON.stringify({ reasonCode: 'other', note: shape(Math.floor((bytes - 45) / perChar)) });
}
