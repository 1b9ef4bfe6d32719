// Free text in support cases may name the requester; the case keeps its technical content but
// loses every identifier we know for the purged user.
export const REDACTED = '[slettet]';

export function redactIdentifiers(text: string, identifiers: ReadonlyArray<string | null | undefined>): string {
  let out = text;
  const known = identifiers.filter((v): v is string => !!v && v.trim().length >= 2);
  // Longest first, so "Kari Nordmann" goes before "Kari".
  for (const id of [...known].sort((a, b) => b.length - a.length)) {
    // Whole words only, so redacting "Per" leaves "Personvern" alone.
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(id)}(?![\\p{L}\\p{N}])`, 'giu'), REDACTED);
    const digits = id.replace(/\D/g, '');
    if (digits.length >= 8) out = out.replace(phonePattern(digits), REDACTED);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the number however it was typed: "+47 912 34 567", "91234567", "912-34-567". */
function phonePattern(digits: string): RegExp {
  const local = digits.startsWith('47') && digits.length === 10 ? digits.slice(2) : digits;
  const body = local.split('').map(escapeRegExp).join('[\\s.-]*');
  return new RegExp(`(?:\\+?47[\\s.-]*)?${body}`, 'g');
}
