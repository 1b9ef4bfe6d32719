// Every lifecycle kind, one line each. Whatever serves all kinds (worker activities, the service
// and admin APIs, OpenAPI, backfill, reconciliation, the console's kinds) iterates this list; the
// compiler refuses a KindName without its entry. Workflow code never imports it (it pulls in
// activities and services): the worker's bundle entry, worker/workflows.ts, lists the workflows.
import type { KindName } from './shared/contract';
import type { KindRegistration } from './registration';
import { contact } from './contact';
import { customer } from './customer';
import { prospect } from './prospect';
import { supportCase } from './supportCase';
import { user } from './user';

export const LIFECYCLE_KINDS = {
  user,
  customer,
  contact,
  supportCase,
  prospect,
} as const satisfies Record<KindName, KindRegistration>;

export type LifecycleKinds = typeof LIFECYCLE_KINDS;
/** The kinds as one list, for code that treats them all alike. */
export const ALL_KINDS: readonly KindRegistration[] = Object.values(LIFECYCLE_KINDS);
export const KIND_NAMES = Object.keys(LIFECYCLE_KINDS) as KindName[];

export function registrationOf(kind: string): KindRegistration | undefined {
  return (LIFECYCLE_KINDS as Record<string, KindRegistration>)[kind];
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every kind's activities, merged (the worker registers them all). */
export type KindActivities = UnionToIntersection<ReturnType<LifecycleKinds[KindName]['createActivities']>>;

export function createKindActivities(deps: Parameters<KindRegistration['createActivities']>[0]): KindActivities {
  return Object.assign({}, ...ALL_KINDS.map((k) => k.createActivities(deps))) as KindActivities;
}
