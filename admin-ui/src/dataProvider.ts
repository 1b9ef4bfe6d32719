// ra-data-simple-rest over /api/admin with the bearer token, plus the console's non-CRUD calls
// (actions, live state, presence, history and its downloads, dashboard, kinds, receipts, the ledger
// check, reconciliation run now, the conformance scan's status, repair and run now, the data
// inventory), so components never fetch on their own.
import { fetchUtils, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { saveFile } from './exporter';
import { API, session } from './token';
import type {
  ActionOutcome,
  AdminActionName,
  ConformanceStatus,
  Dashboard,
  DashboardChecks,
  KindInfo,
  LedgerCheck,
  LifecycleHistory,
  LifecycleLive,
  PresenceMap,
  InventoryEntry,
  Receipt,
  RepairOutcome,
} from './types';

const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  headers.set('Authorization', `Bearer ${session.token() ?? ''}`);
  return fetchUtils.fetchJson(url, { ...options, headers });
};

async function download(path: string, name: string): Promise<void> {
  const res = await fetch(`${API}${path}`, { headers: { Authorization: `Bearer ${session.token() ?? ''}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw Object.assign(new Error(body?.error ?? `HTTP ${res.status}`), { status: res.status });
  }
  saveFile(name, res.headers.get('Content-Type') ?? 'application/octet-stream', await res.blob());
}

export interface ConsoleDataProvider extends DataProvider {
  lifecycleAction(id: string, action: AdminActionName, reason: string): Promise<ActionOutcome>;
  lifecycleLive(id: string): Promise<LifecycleLive>;
  presence(ids: string[]): Promise<PresenceMap>;
  lifecycleHistory(id: string): Promise<LifecycleHistory>;
  downloadHistory(id: string, form: 'decoded' | 'raw'): Promise<void>;
  dashboard(): Promise<Dashboard>;
  dashboardChecks(): Promise<DashboardChecks>;
  kinds(): Promise<KindInfo[]>;
  receipt(kind: string, subjectId: string): Promise<Receipt>;
  ledgerCheck(): Promise<LedgerCheck>;
  /** The run shows in the list when it has finished; the answer only says it started. */
  reconcileNow(reason: string): Promise<void>;
  conformanceStatus(): Promise<ConformanceStatus>;
  /** Carries out an open finding's repair; the next scan says whether it worked. */
  repairFinding(id: string, reason: string): Promise<RepairOutcome>;
  /** Like reconcileNow: the scan shows in the list when it has finished. */
  scanNow(reason: string): Promise<void>;
  inventory(): Promise<InventoryEntry[]>;
}

const enc = encodeURIComponent;
const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');

// Resources whose API path is not their name: the conformance scan's findings and scans live under
// /conformance/, while react-admin's routes, caches and catalogue keys use one plain name each.
const PATHS: Record<string, string> = { conformance: 'conformance/findings', conformanceScans: 'conformance/scans' };
const rest = simpleRestProvider(API, httpClient);
const routed = Object.fromEntries(
  Object.entries(rest).map(([method, call]) => [
    method,
    typeof call === 'function'
      ? (resource: string, params: unknown) => (call as (r: string, p: unknown) => Promise<unknown>)(PATHS[resource] ?? resource, params)
      : call,
  ]),
) as unknown as DataProvider;

export const dataProvider: ConsoleDataProvider = {
  ...routed,
  async lifecycleAction(id, action, reason) {
    const { json } = await httpClient(`${API}/lifecycles/${enc(id)}/${action}`, {
      method: 'POST',
      body: JSON.stringify(reason ? { reason } : {}),
    });
    return json;
  },
  async lifecycleLive(id) {
    return (await httpClient(`${API}/lifecycles/${enc(id)}/live`)).json;
  },
  async presence(ids) {
    return (await httpClient(`${API}/lifecycles/presence?ids=${enc(JSON.stringify(ids))}`)).json;
  },
  async lifecycleHistory(id) {
    return (await httpClient(`${API}/lifecycles/${enc(id)}/history`)).json;
  },
  async downloadHistory(id, form) {
    await download(`/lifecycles/${enc(id)}/history/${form}`, `${safe(id)}-history${form === 'decoded' ? '-decoded' : ''}.json`);
  },
  async dashboard() {
    return (await httpClient(`${API}/dashboard`)).json;
  },
  async dashboardChecks() {
    return (await httpClient(`${API}/dashboard/checks`)).json;
  },
  async kinds() {
    return (await httpClient(`${API}/kinds`)).json;
  },
  async receipt(kind, subjectId) {
    return (await httpClient(`${API}/receipts/${enc(kind)}/${enc(subjectId)}`)).json;
  },
  async ledgerCheck() {
    return (await httpClient(`${API}/ledger/verify`)).json;
  },
  async reconcileNow(reason) {
    await httpClient(`${API}/reconciliation/run`, { method: 'POST', body: JSON.stringify(reason ? { reason } : {}) });
  },
  async conformanceStatus() {
    return (await httpClient(`${API}/conformance/status`)).json;
  },
  async repairFinding(id, reason) {
    const { json } = await httpClient(`${API}/conformance/findings/${enc(id)}/repair`, {
      method: 'POST',
      body: JSON.stringify({ reason }),
    });
    return json;
  },
  async scanNow(reason) {
    await httpClient(`${API}/conformance/scans/run`, { method: 'POST', body: JSON.stringify(reason ? { reason } : {}) });
  },
  async inventory() {
    return (await httpClient(`${API}/inventory`)).json;
  },
};
