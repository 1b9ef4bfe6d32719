// The Temporal Web UI's codec credential. The UI cannot send a header of ours (its codec setting is
// a URL, plus "include cross-origin credentials"), and a token in that URL was readable by anyone
// who could open the UI and landed in /metrics. So an admin signs in once at /codec/session on the
// API's own origin and gets a cookie that can do one thing: decode, for requests coming from a
// configured Web UI origin, for a few hours. It is not an API token: it cannot encode, call the API
// or be replayed from elsewhere (HttpOnly, SameSite=Strict, Path=/codec, origin checked).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { ApiIdentity } from '../../config/apiTokens';
import type { PayloadKeyRing } from '../../temporal/payloadKeys';

export const CODEC_COOKIE = 'nitd_codec';
export const CODEC_SESSION_MS = 8 * 3600_000;

interface Claims {
  /** The admin's name and role from API_TOKENS, for the record of who decoded. */
  name: string;
  role: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export interface CodecSessions {
  issue(identity: ApiIdentity, now?: number): { cookie: string; expires: Date };
  /** The claims of a valid, unexpired cookie value, or undefined. */
  verify(value: string | undefined, now?: number): Claims | undefined;
}

/**
 * Sessions signed with a key derived from the current payload key: every API replica has it, the
 * database never sees it, and rotating the payload key ends every session (sign in again).
 */
export function codecSessions(keys: PayloadKeyRing): CodecSessions {
  const key = Buffer.from(hkdfSync('sha256', keys.current.key, 'nitd', 'codec-session-v1', 32));
  const sign = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    issue(identity, now = Date.now()) {
      const claims: Claims = { name: identity.name, role: identity.role, exp: now + CODEC_SESSION_MS };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { cookie: `${body}.${sign(body)}`, expires: new Date(claims.exp) };
    },
    verify(value, now = Date.now()) {
      const [body, mac, extra] = (value ?? '').split('.');
      if (!body || !mac || extra !== undefined || body.length > 512) return undefined;
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
      return claims.role === 'admin' && claims.exp > now ? claims : undefined;
    },
  };
}

/** One cookie's value from a Cookie header (no library for one name). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
