// API_TOKENS: who may call the API, as `role:name:token` entries. Each token belongs to one named
// person or system, so every admin action and the evidence it leads to can say who acted, not only
// in which role. Parsed strictly: an entry with too few or too many parts, an unknown role, a name
// that could be an e-mail address, or a token listed twice is refused, never half-read (the old
// parser read `admin:abc:long` as token `abc`, and gave a token listed twice its last role).
// Production also refuses tokens anyone could know: the development ones, the examples'
// placeholders, and anything short or repetitive enough to guess.

export type Role = 'admin' | 'auditor' | 'service';
export const ROLES: readonly Role[] = ['admin', 'auditor', 'service'];

/** Who a token speaks for; the console shows it, AdminAction and evidence record it. */
export interface ApiIdentity {
  /** Stable and not secret: `role:name`. */
  id: string;
  role: Role;
  /** A handle for the person or system (letters, digits, . _ -): never an e-mail address. */
  name: string;
}

/** The tokens in .env.example and the test kit: public, so production refuses them by value. */
export const PUBLIC_TOKENS = new Set([
  'dev-admin-token',
  'dev-auditor-token',
  'dev-service-token',
  'test-admin-token',
  'test-auditor-token',
  'test-service-token',
]);

export const MIN_PRODUCTION_TOKEN_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 10;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Printable ASCII without the separators and quotes: what `openssl rand -hex|-base64` produces.
const TOKEN = /^[A-Za-z0-9!#$%&*+./;=?@^_`|~-]+$/;

export class ApiTokenError extends Error {}

/**
 * `role:name:token` entries, comma-separated. Outside production `role:token` is still read, with
 * the role as the name, so an old development .env keeps working; production requires the name.
 */
export function parseApiTokens(raw: string, production: boolean): Map<string, ApiIdentity> {
  const tokens = new Map<string, ApiIdentity>();
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const at = `entry ${index + 1}`;
    if (entry.includes('<') || entry.includes('>')) {
      throw new ApiTokenError(`${at}: fill in the example's <placeholders> with a name and a random token`);
    }
    const parts = entry.split(':');
    const role = parts[0] as Role;
    if (!ROLES.includes(role)) throw new ApiTokenError(`${at}: "${parts[0]}" is not a role (admin, auditor or service)`);
    if (parts.length === 2 && production) {
      throw new ApiTokenError(`${at} (${role}): name the person or system the token belongs to, as ${role}:<name>:<token>`);
    }
    if (parts.length !== 2 && parts.length !== 3) {
      throw new ApiTokenError(`${at} (${role}): expected role:name:token, found ${parts.length} parts separated by ":"`);
    }
    const [name, token] = parts.length === 3 ? [parts[1]!, parts[2]!] : [role, parts[1]!];
    if (!NAME.test(name)) throw new ApiTokenError(`${at} (${role}): the name must be 1-64 letters, digits, ".", "_" or "-"`);
    if (!token) throw new ApiTokenError(`${at} (${role}:${name}): the token is empty`);
    if (production) refuseGuessable(token, `${at} (${role}:${name})`);
    if (!TOKEN.test(token)) {
      throw new ApiTokenError(`${at} (${role}:${name}): the token holds a character tokens cannot have (a space, a quote or a bracket)`);
    }
    const listed = tokens.get(token);
    if (listed) throw new ApiTokenError(`${at} (${role}:${name}): the same token is already listed for ${listed.id}`);
    tokens.set(token, { id: `${role}:${name}`, role, name });
  });
  return tokens;
}

/** Refuses a secret anyone could know or guess; production's rule for every token (API, metrics). */
export function refuseGuessable(token: string, at: string): void {
  if (PUBLIC_TOKENS.has(token)) {
    throw new ApiTokenError(`${at}: a public development token is not allowed when NODE_ENV=production`);
  }
  if (token.length < MIN_PRODUCTION_TOKEN_LENGTH) {
    throw new ApiTokenError(
      `${at}: tokens must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters in production (openssl rand -hex 32)`,
    );
  }
  if (new Set(token).size < MIN_DISTINCT_CHARACTERS) {
    throw new ApiTokenError(`${at}: the token repeats too few characters to be random (openssl rand -hex 32)`);
  }
}
