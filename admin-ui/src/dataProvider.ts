// ra-data-simple-rest over /api/admin with the bearer token, plus the console's non-CRUD calls
// (actions, history, dashboard, kinds, reconciliation run now), so components never fetch on their own.
import { fetchUtils, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { API, session } from './token';
import type { ActionOutcome, AdminActionName, Dashboard, KindInfo, LifecycleHistory } from './types';

const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  headers.set('Authorization', `Bearer ${session.token() ?? ''}`);
  return fetchUtils.fetchJson(url, { ...options, headers });
};

export interface ConsoleDataProvider extends DataProvider {
  lifecycleAction(id: string, action: AdminActionName, reason: string): Promise<ActionOutcome>;
  lifecycleHistory(id: string): Promise<LifecycleHistory>;
  downloadHistory(id: string): Promise<void>;
  dashboard(): Promise<Dashboard>;
  kinds(): Promise<KindInfo[]>;
  /** The run shows in the list when it has finished; the answer only says it started. */
  reconcileNow(reason: string): Promise<void>;
}

const enc = encodeURIComponent;

export const dataProvider: ConsoleDataProvider = {
  ...simpleRestProvider(API, httpClient),
  async lifecycleAction(id, action, reason) {
    const { json } = await httpClient(`${API}/lifecycles/${enc(id)}/${action}`, {
      method: 'POST',
      body: JSON.stringify(reason ? { reason } : {}),
    });
    return json;
  },
  async lifecycleHistory(id) {
    return (await httpClient(`${API}/lifecycles/${enc(id)}/history`)).json;
  },
  async downloadHistory(id) {
    const res = await fetch(`${API}/lifecycles/${enc(id)}/history/raw`, { headers: { Authorization: `Bearer ${session.token() ?? ''}` } });
    if (!res.ok) throw new Error(`history download failed (${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `${id}-history.json` });
    a.click();
    URL.revokeObjectURL(url);
  },
  async dashboard() {
    return (await httpClient(`${API}/dashboard`)).json;
  },
  async kinds() {
    return (await httpClient(`${API}/kinds`)).json;
  },
  async reconcileNow(reason) {
    await httpClient(`${API}/reconciliation/run`, { method: 'POST', body: JSON.stringify(reason ? { reason } : {}) });
  },
};
