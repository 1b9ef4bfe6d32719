// What a lifecycle kind tells the code that starts and messages its workflows: the workflow, its
// ID scheme, its start input, its state query and the five updates every kind answers. Each kind
// folder exports one of these (lifecycles/<kind>/kind.ts); the generic client works from it alone.
import type { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import type { Db } from '../db/client';
import type { PolicySnapshot } from '../policy/retention';
import type { ErasureJournal } from './shared/erasureJournal';
import type { KindName, ReasonRequest, RestoreRequest, TerminationRequest } from './shared/contract';
import type { Ledger } from '../ledger/ledger';

/** What a start needs besides the subject: the policy in force, and the customer it belongs to. */
export interface StartContext {
  policy: PolicySnapshot;
  customerId: string | null;
}

/** The updates every kind answers; each answers with the kind's view `V`. */
export interface LifecycleUpdates<V> {
  terminate: UpdateDefinition<V, [TerminationRequest]>;
  restore: UpdateDefinition<V, [RestoreRequest]>;
  erase: UpdateDefinition<V, [ReasonRequest]>;
  hold: UpdateDefinition<V, [ReasonRequest]>;
  release: UpdateDefinition<V, [ReasonRequest]>;
}

export interface LifecycleKind<W extends Workflow = Workflow, V = unknown> {
  name: KindName;
  workflow: W;
  /** lifecycleWorkflowId(name, subjectId) (shared/contract.ts). */
  workflowId(subjectId: string): string;
  /** The workflow's start input for a subject. */
  input(subjectId: string, ctx: StartContext): Parameters<W>;
  state: QueryDefinition<V>;
  updates: LifecycleUpdates<V>;
}

/** The view type a kind's workflow answers with. */
export type ViewOf<K> = K extends LifecycleKind<Workflow, infer V> ? V : never;

/** What activities are built over; injected so tests hand in their own database and client. */
export interface ActivityDeps {
  db: Db;
  /** For activities that message other workflows (a customer's cascade to its users). */
  temporal: Client;
  /** Where every erasure is recorded outside the database (ERASURE_JOURNAL_DIR); none in unit tests. */
  journal?: ErasureJournal;
  /** Seals and anchors the evidence records the erasing activities write. */
  ledger: Ledger;
}
