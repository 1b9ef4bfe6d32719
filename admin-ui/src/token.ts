// The bearer token and role of the signed-in person, kept for the browser session only (closing
// the tab signs out), so a token is never left behind on a shared machine.
import type { ConsoleRole } from './types';

const TOKEN = 'nitd.token';
const ROLE = 'nitd.role';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  role: () => sessionStorage.getItem(ROLE) as ConsoleRole | null,
  save(token: string, role: ConsoleRole) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(ROLE, role);
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(ROLE);
  },
};

export const API = '/api/admin';
