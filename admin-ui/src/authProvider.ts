// Login with a person's bearer token: the API's /whoami says which role it is and, once tokens name
// people, whose it is (or 401). The messages are catalogue keys: the login page translates them.
import type { AuthProvider } from 'react-admin';
import { API, session } from './token';
import type { ConsoleRole } from './types';

export class LoginError extends Error {
  constructor(
    readonly key: string,
    readonly args: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

export const authProvider: AuthProvider = {
  async login({ token }: { token: string }) {
    const res = await fetch(`${API}/whoami`, { headers: { Authorization: `Bearer ${token.trim()}` } });
    if (res.status === 401) throw new LoginError('nitd.login.invalid');
    if (res.status === 403) throw new LoginError('nitd.login.service');
    if (!res.ok) throw new LoginError('nitd.login.failed', { status: res.status });
    const { role, name } = (await res.json()) as { role: ConsoleRole; name?: string | null };
    session.save(token.trim(), role, typeof name === 'string' && name ? name : null);
  },
  async logout() {
    session.clear();
  },
  async checkAuth() {
    if (!session.token()) throw new Error('not signed in');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      session.clear();
      throw new Error('signed out');
    }
  },
  async getPermissions() {
    return session.role();
  },
  async getIdentity() {
    const role = session.role() ?? 'unknown';
    // The app bar's WhoAmI shows the name and the role; no fullName here, or react-admin's user menu
    // would show the name on a button whose accessible name is "Profil" (axe: label-content-name-mismatch).
    return { id: session.name() ?? role, role };
  },
};
