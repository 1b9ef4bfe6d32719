// One reconciliation run: its counts, who asked for it when an admin did, and its findings by
// opaque subject ID, each linked to its lifecycle.
import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Labeled, Link, NumberField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { SubjectNotFound } from '../customers/SubjectNotFound';
import { DateTimeField } from '../fields';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { SubjectLink } from '../kinds';
import { useWho } from '../lifecycles/Timeline';
import { PhaseChip, StatusChip } from '../lifecycles/phase';
import { usePageTitle } from '../usePageTitle';
import type { ReconciliationRunPage } from '../types';

function Findings() {
  const findings = useRecordContext<ReconciliationRunPage>()?.findings ?? [];
  const translate = useTranslate();
  const labels = useLabels();
  if (findings.length === 0) return <span>{translate('nitd.reconciliation.nothing')}</span>;
  return (
    <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table size="small" data-testid="findings">
        <TableHead>
          <TableRow>
            <TableCell>{translate('nitd.reconciliation.findings')}</TableCell>
            <TableCell>{translate('nitd.reconciliation.kind')}</TableCell>
            <TableCell>{translate('nitd.reconciliation.subjectId')}</TableCell>
            <TableCell>{translate('nitd.reconciliation.lifecycleNow')}</TableCell>
            <TableCell>{translate('nitd.reconciliation.lifecycle')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {findings.map((f) => (
            <TableRow key={f.id}>
              <TableCell>{translate(`nitd.reconciliation.finding.${f.finding}`)}</TableCell>
              <TableCell>{labels.kind(f.subjectKind)}</TableCell>
              {/* An orphan's subject no longer exists: there is no page to link to. */}
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {f.finding === 'orphan-flagged' ? f.subjectId : <SubjectLink kind={f.subjectKind} subjectId={f.subjectId} />}
              </TableCell>
              <TableCell>
                {f.phase ? <PhaseChip kind={f.subjectKind} phase={f.phase} /> : '—'} <StatusChip status={f.status ?? undefined} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Link to={`/lifecycles/${encodeURIComponent(f.workflowId)}/show`}>{f.workflowId}</Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function RequestedBy() {
  const by = useRecordContext<ReconciliationRunPage>()?.requestedBy;
  const translate = useTranslate();
  const f = useFormat();
  const who = useWho();
  const labels = useLabels();
  if (!by) return <span>{translate('nitd.reconciliation.trigger.schedule')}</span>;
  return (
    <span>
      {who(by)}, {f.dateTime(by.at)}
      {by.reason ? `: ${labels.reason(by.reason)}` : ''}
    </span>
  );
}

function RunTitle() {
  const translate = useTranslate();
  const text = translate('nitd.reconciliation.run');
  usePageTitle(text);
  return <span>{text}</span>;
}

export function ReconciliationShow() {
  return (
    <Show title={<RunTitle />} queryOptions={{ onError: () => undefined, retry: false }}>
      <SubjectNotFound resource="reconciliation">
        <SimpleShowLayout>
          <DateTimeField source="startedAt" label="resources.reconciliation.fields.startedAt" />
          <DateTimeField source="finishedAt" label="resources.reconciliation.fields.finishedAt" />
          <Labeled label="nitd.reconciliation.requestedBy">
            <RequestedBy />
          </Labeled>
          <NumberField<ReconciliationRunPage> source="subjectsChecked" />
          <NumberField<ReconciliationRunPage> source="lifecyclesStarted" />
          <NumberField<ReconciliationRunPage> source="orphansFlagged" />
          <TextField<ReconciliationRunPage> source="workflowId" />
          <TextField<ReconciliationRunPage> source="runId" />
          <Labeled label="nitd.reconciliation.findings">
            <Findings />
          </Labeled>
        </SimpleShowLayout>
      </SubjectNotFound>
    </Show>
  );
}
