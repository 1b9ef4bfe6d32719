// What a lifecycle kind provides to the rest of the system; lifecycles/registry.ts lists one per
// kind, and the worker, the service and admin APIs, the OpenAPI document, backfill and
// reconciliation all iterate that list. docs/architecture.md walks through adding a kind.
import type { Workflow } from '@temporalio/common';
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { RuleId } from '../policy/retention';
import type { LifecycleClientDeps } from './client';
import type { KindName } from './shared/contract';
import type { ConformanceCheck } from './conformance';
import type { ActivityDeps, LifecycleKind } from './kind';
import type { LifecycleService } from './service';
import type { SubjectTable } from './subjects';

/** What provisioning answers: whether the row was new, its status, and whether its lifecycle runs. */
export interface Provisioned<S extends string = string> {
  created: boolean;
  status: S;
  /** False when Temporal could not be reached: reconciliation starts the lifecycle later. */
  lifecycleStarted: boolean;
}

/** The service a kind offers its callers: its provisioning and the lifecycle actions. */
export interface SubjectService<V = unknown, R = unknown> extends LifecycleService<V, R> {
  /** `parentId`: the parent subject the route names, for a kind with a parent (a contact's customer). */
  provision(subjectId: string, input: never, parentId: string): Promise<Provisioned>;
  /** For a kind with a parent: whether the subject is the parent's (routes under another parent answer 404). */
  belongsTo?(subjectId: string, parentId: string): Promise<boolean>;
}

/** A termination route the kind names otherwise (a contact's departure), with its own body. */
export interface TerminationRoute {
  /** The route's last segment: `/…/{id}/<path>`. */
  path: string;
  /** The body's component name in the OpenAPI document. */
  schemaName: string;
  body: z.ZodType;
  /** The termination the body asks for: when, and why (a reason code). */
  read(body: never): { terminatedAt?: string; reason?: string };
}

interface RouteDoc {
  summary: string;
  description: string;
}

/** How the service API documents a kind's routes. */
export interface KindApiDocs {
  /** Component names in the OpenAPI document. */
  names: { provisioning: string; provisioned: string; report: string };
  /** `notFound`: when provisioning can answer 404 (a subject the body names does not exist). */
  provision: RouteDoc & { notFound?: string };
  terminate: RouteDoc;
  restore: RouteDoc;
  erase: RouteDoc;
  hold: RouteDoc;
  release: RouteDoc;
  lifecycle: RouteDoc;
  /** What the lifecycle answer is, in a few words. */
  report: string;
}

/** What the console shows of a kind's subject records, and to whom (console/subjects.ts). */
export interface AdminView {
  /** Prisma `select`s: what auditors may read, and what only admins may read besides. */
  fields: { auditor: Record<string, true>; personal: Record<string, true> };
  /** The list's own filters (beside id and q), as zod fields. */
  filters: z.ZodRawShape;
  sorts: readonly string[];
  /** The console list's columns, in order (those the role reads); without it, every field but JSON ones. */
  columns?: readonly string[];
  /** The order of the fields on the console's record page (unlisted ones follow); without it, auditor fields first. */
  order?: readonly string[];
  findMany(db: Db, args: { where: object; select: object; orderBy: object[]; skip: number; take: number }): Promise<object[]>;
  count(db: Db, where: object): Promise<number>;
  findOne(db: Db, id: string, select: object): Promise<object | null>;
  /** What the record's page shows besides its row (its lifecycles, counts). */
  detail(db: Db, id: string): Promise<object>;
}

export interface KindRegistration {
  kind: LifecycleKind<Workflow, unknown>;
  /** The collection's name in routes and the console: `/api/v1/<plural>/{<kind>Id}`. */
  plural: string;
  /**
   * The kind whose subjects own this kind's (a customer's contacts): the routes nest under the
   * parent's, `/api/v1/<parent plural>/{<parent>Id}/<plural>/{<kind>Id}`, and answer 404 for a
   * subject of another parent.
   */
  parent?: KindName;
  /** The termination route, when not `termination` with a TerminationRequest. */
  termination?: TerminationRoute;
  phases: readonly string[];
  /** The rule each phase runs under (policy/retention.ts), unless the lifecycle reports its own. */
  ruleByPhase: Partial<Record<string, RuleId>>;
  subjects(db: Db): SubjectTable;
  createActivities(deps: ActivityDeps): object;
  createService(db: Db, deps: LifecycleClientDeps): SubjectService;
  schemas: { provisioning: z.ZodType; provisioned: z.ZodType; report: z.ZodType };
  docs: KindApiDocs;
  adminView: AdminView;
  conformance: KindConformance;
}

/** What the daily conformance scan (jobs/conformance) asks of a kind's data. */
export interface KindConformance {
  /** The checks of the kind's own tables, in order (the first finding per subject and rule stands). */
  checks: readonly ConformanceCheck[];
  /** The rule at stake when a subject has no lifecycle to act on it: while active, and once ended. */
  lifecycleRule: { active: RuleId; ended: RuleId };
}
