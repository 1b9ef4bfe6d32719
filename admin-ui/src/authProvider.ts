// Login with a role's bearer token: the API's /whoami says which role it is (or 401).
import type { AuthProvider } from 'react-admin';
import { API, session } from './token';
import type { ConsoleRole } from './types';

export const authProvider: AuthProvider = {
  async login({ token }: { token: string }) {
    const res = await fetch(`${API}/whoami`, { headers: { Authorization: `Bearer ${token.trim()}` } });
    if (res.status === 401) throw new Error('That token is not valid.');
    if (res.status === 403) throw new Error('That token belongs to a service, not to an admin or an auditor.');
    if (!res.ok) throw new Error(`The API answered ${res.status}; try again.`);
    const { role } = (await res.json()) as { role: ConsoleRole };
    session.save(token.trim(), role);
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
    const role = session.role();
    return { id: role ?? 'unknown', fullName: role === 'admin' ? 'Administrator' : 'Auditor (read-only)' };
  },
};
