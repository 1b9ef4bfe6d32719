// What the conformance pages share: checks, repairs and subject kinds labelled from the catalogues
// (the raw code where a key is missing, so a new check shows before it is translated), a finding's
// subject linked to its lifecycle's page, how far past its deadline it was, and its state.
import { Chip } from '@mui/material';
import type { MouseEvent } from 'react';
import { Link, useGetManyAggregate, useRecordContext } from 'react-admin';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { appNb } from '../i18n/appNb';
import type { ConformanceFindingRecord, LifecycleRecord } from '../types';

/** A scan runs lifecycle.presence; its findings carry the four outcomes it tells apart. */
const SCAN_ONLY = new Set(['lifecycle.presence']);
/** The check codes findings carry, as the catalogues name them: the list filter's choices. */
export const CHECK_CODES = Object.keys(appNb.nitd.conformance.check).filter((c) => !SCAN_ONLY.has(c));
export const SUBJECT_KINDS = Object.keys(appNb.nitd.conformance.subjectKind);

export const findingsLink = (filter: object) => `/conformance?filter=${encodeURIComponent(JSON.stringify(filter))}`;

export function useConformanceLabels() {
  const labels = useLabels();
  return {
    ...labels,
    check: (code: string) => labels.t(`nitd.conformance.check.${code}`, code),
    checkExplain: (code: string) => labels.t(`nitd.conformance.checkExplain.${code}`, labels.translate('nitd.conformance.checkUnknown')),
    repair: (code: string) => labels.t(`nitd.conformance.repair.${code}`, code),
    repairExplain: (code: string) => labels.t(`nitd.conformance.repairExplain.${code}`, ''),
    subjectKind: (kind: string) => labels.t(`nitd.conformance.subjectKind.${kind}`, kind),
  };
}

// A link inside a clickable list row opens its own page, not the row's.
const own = (e: MouseEvent) => e.stopPropagation();

/**
 * Whether the console has a page for this lifecycle (a row in its list). A finding names the workflow
 * ID its subject's lifecycle has or would have: for a missing lifecycle there is no page to open. The
 * rows on screen are asked about in one request (react-admin batches getMany calls).
 */
export function useLifecycleExists(workflowId: string | null): boolean {
  const { data } = useGetManyAggregate<LifecycleRecord>('lifecycles', { ids: workflowId ? [workflowId] : [] }, { enabled: !!workflowId });
  return !!workflowId && !!data?.some((r) => r?.id === workflowId);
}

/**
 * The subject by opaque ID, linked to its lifecycle's page when the console has one. `links` off
 * where the whole row is already a link (the phone's list: a link inside a link is not HTML).
 */
export function FindingSubject({ f, links = true }: { f: ConformanceFindingRecord; links?: boolean }) {
  const l = useConformanceLabels();
  const exists = useLifecycleExists(links ? f.workflowId : null);
  return (
    <span style={{ overflowWrap: 'anywhere' }}>
      {l.subjectKind(f.subjectKind)}{' '}
      {exists && f.workflowId ? (
        <Link
          to={`/lifecycles/${encodeURIComponent(f.workflowId)}/show`}
          onClick={own}
          title={l.translate('nitd.conformance.openLifecycle')}
          className="finding-subject-id"
        >
          {f.subjectId}
        </Link>
      ) : (
        <code className="finding-subject-id">{f.subjectId}</code>
      )}
    </span>
  );
}

/** The lifecycle's workflow ID, linked to its page when there is one, or why there is none. */
export function LifecycleLink({ workflowId }: { workflowId: string | null }) {
  const exists = useLifecycleExists(workflowId);
  const l = useLabels();
  if (!workflowId) return <>—</>;
  if (!exists)
    return (
      <span style={{ overflowWrap: 'anywhere' }}>
        <code>{workflowId}</code> ({l.translate('nitd.conformance.noLifecycle')})
      </span>
    );
  return (
    <Link to={`/lifecycles/${encodeURIComponent(workflowId)}/show`} onClick={own} sx={{ overflowWrap: 'anywhere' }}>
      {workflowId}
    </Link>
  );
}

/** "10 dager 2 timer over fristen", or why there is no such number. */
export function OverdueText({ seconds }: { seconds: number | null }) {
  const f = useFormat();
  const l = useLabels();
  if (seconds === null) return <>—</>;
  if (seconds <= 0) return <>{l.translate('nitd.conformance.notOverdue')}</>;
  return <>{l.translate('nitd.conformance.overdue', { duration: f.seconds(seconds) })}</>;
}

export function FindingStateChip({ f }: { f: Pick<ConformanceFindingRecord, 'open'> }) {
  const l = useLabels();
  return (
    <Chip
      size="small"
      color={f.open ? 'error' : 'success'}
      label={l.translate(f.open ? 'nitd.conformance.state.open' : 'nitd.conformance.state.resolved')}
      data-state={f.open ? 'open' : 'resolved'}
    />
  );
}

// Fields for the findings list (label and sortBy are read by react-admin's Datagrid).
type ColumnProps = { label?: string; sortBy?: string; sortable?: boolean };

export const CheckField = (_props: ColumnProps) => {
  const r = useRecordContext<ConformanceFindingRecord>();
  const l = useConformanceLabels();
  return r ? <span title={r.check}>{l.check(r.check)}</span> : null;
};

export const SubjectField = (_props: ColumnProps) => {
  const r = useRecordContext<ConformanceFindingRecord>();
  return r ? <FindingSubject f={r} /> : null;
};

export const OverdueField = (_props: ColumnProps) => {
  const r = useRecordContext<ConformanceFindingRecord>();
  return r ? <OverdueText seconds={r.overdueSeconds} /> : null;
};

export const RepairField = (_props: ColumnProps) => {
  const r = useRecordContext<ConformanceFindingRecord>();
  const l = useConformanceLabels();
  return r ? <span title={r.repair}>{l.repair(r.repair)}</span> : null;
};

/** Since when the scans have found it: its first sighting. */
export const SinceField = (_props: ColumnProps) => {
  const r = useRecordContext<ConformanceFindingRecord>();
  const f = useFormat();
  return r ? <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(r.firstSeenAt)}</span> : null;
};

/** Open, or resolved and when. */
export const StatusField = (_props: ColumnProps) => {
  const r = useRecordContext<ConformanceFindingRecord>();
  const f = useFormat();
  if (!r) return null;
  return (
    <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 2 }}>
      <FindingStateChip f={r} />
      {r.resolvedAt && <small style={{ whiteSpace: 'nowrap' }}>{f.dateTime(r.resolvedAt)}</small>}
    </span>
  );
};
