// One reconciliation run: its counts, who asked for it when an admin did, and its findings by
// opaque subject ID, each linked to its lifecycle.
import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { DateField, Labeled, Link, NumberField, Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { SubjectLink } from '../kinds';
import { formatDate, PhaseChip, StatusChip } from '../lifecycles/phase';
import type { Finding, ReconciliationRunPage } from '../types';

const FINDING_LABEL: Record<Finding['finding'], string> = {
  'lifecycle-started': 'missing lifecycle started (backdated)',
  'orphan-flagged': 'orphan: subject vanished',
};

function Findings() {
  const findings = useRecordContext<ReconciliationRunPage>()?.findings ?? [];
  if (findings.length === 0) return <span>nothing found: every subject checked had its lifecycle</span>;
  return (
    <Table size="small" data-testid="findings">
      <TableHead>
        <TableRow>
          <TableCell>Finding</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Subject ID</TableCell>
          <TableCell>Lifecycle now</TableCell>
          <TableCell>Lifecycle</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {findings.map((f) => (
          <TableRow key={f.id}>
            <TableCell>{FINDING_LABEL[f.finding]}</TableCell>
            <TableCell>{f.subjectKind}</TableCell>
            {/* An orphan's subject no longer exists: there is no page to link to. */}
            <TableCell>
              {f.finding === 'orphan-flagged' ? f.subjectId : <SubjectLink kind={f.subjectKind} subjectId={f.subjectId} />}
            </TableCell>
            <TableCell>
              {f.phase ? <PhaseChip phase={f.phase} /> : '—'} <StatusChip status={f.status ?? undefined} />
            </TableCell>
            <TableCell>
              <Link to={`/lifecycles/${encodeURIComponent(f.workflowId)}/show`}>{f.workflowId}</Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RequestedBy() {
  const by = useRecordContext<ReconciliationRunPage>()?.requestedBy;
  if (!by) return <span>the daily schedule</span>;
  return (
    <span>
      {by.actorRole}, {formatDate(by.at)}
      {by.reason ? `: ${by.reason}` : ''}
    </span>
  );
}

export function ReconciliationShow() {
  return (
    <Show title="Reconciliation run">
      <SimpleShowLayout>
        <DateField<ReconciliationRunPage> locales="en-GB" source="startedAt" label="Started" showTime />
        <DateField<ReconciliationRunPage> locales="en-GB" source="finishedAt" label="Finished" showTime />
        <Labeled label="Started by">
          <RequestedBy />
        </Labeled>
        <NumberField<ReconciliationRunPage> source="subjectsChecked" label="Subjects checked" />
        <NumberField<ReconciliationRunPage> source="lifecyclesStarted" label="Missing lifecycles started" />
        <NumberField<ReconciliationRunPage> source="orphansFlagged" label="Orphans flagged" />
        <TextField<ReconciliationRunPage> source="workflowId" label="Workflow" />
        <TextField<ReconciliationRunPage> source="runId" label="Run" />
        <Labeled label="Findings">
          <Findings />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
