// The bearer token and role of the signed-in person, kept for the browser session only (closing
// the tab signs out), so a token is never left behind on a shared machine.
export type Role = 'admin' | 'auditor';
const TOKEN = 'nitd.token';
const ROLE = 'nitd.role';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  role: () => sessionStorage.getItem(ROLE) as Role | null,
  save(token: string, role: Role) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(ROLE, role);
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(ROLE);
  },
};

export const API = '/api/admin';
