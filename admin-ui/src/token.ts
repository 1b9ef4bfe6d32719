// The bearer token, role and name of the signed-in person, kept for the browser session only
// (closing the tab signs out), so a token is never left behind on a shared machine.
import type { ConsoleRole } from './types';

const TOKEN = 'nitd.token';
const ROLE = 'nitd.role';
const NAME = 'nitd.name';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  role: () => sessionStorage.getItem(ROLE) as ConsoleRole | null,
  /** The person's name once the API gives one (API_TOKENS role:name:token); null before. */
  name: () => sessionStorage.getItem(NAME),
  save(token: string, role: ConsoleRole, name: string | null) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(ROLE, role);
    if (name) sessionStorage.setItem(NAME, name);
    else sessionStorage.removeItem(NAME);
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(ROLE);
    sessionStorage.removeItem(NAME);
  },
};

export const API = '/api/admin';
