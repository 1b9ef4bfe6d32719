// One conformance scan: when, who started it, what it read, what it found by rule (each linked to
// that rule's findings), and its attestation in the evidence ledger. Counts only.
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Labeled, Link, NumberField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { SubjectNotFound } from '../customers/SubjectNotFound';
import { DateTimeField, LabelField } from '../fields';
import { usePageTitle } from '../usePageTitle';
import type { ConformanceScanRecord } from '../types';
import { findingsLink, useConformanceLabels } from './parts';
import { AttestationField } from './ScanList';

/** Open findings by rule at the end of this scan. */
export function ByRuleTable({ byRule }: { byRule: Record<string, number> }) {
  const translate = useTranslate();
  const rows = Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return <Typography variant="body2">{translate('nitd.conformance.noneByRule')}</Typography>;
  return (
    <Table size="small" data-testid="by-rule" sx={{ width: 'auto' }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.conformance.fields.rule')}</TableCell>
          <TableCell align="right">{translate('nitd.conformance.ruleCount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([rule, n]) => (
          <TableRow key={rule}>
            <TableCell>
              <Link to={findingsLink({ rule })}>{rule}</Link>
            </TableCell>
            <TableCell align="right">{n}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ByRule() {
  const r = useRecordContext<ConformanceScanRecord>();
  return r ? <ByRuleTable byRule={r.byRule ?? {}} /> : null;
}

function Checks() {
  const r = useRecordContext<ConformanceScanRecord>();
  const l = useConformanceLabels();
  if (!r) return null;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="checks-run">
      {r.checks.map((c) => (
        <li key={c}>
          {l.check(c)} (<code>{c}</code>)
        </li>
      ))}
    </Box>
  );
}

function Stores() {
  const r = useRecordContext<ConformanceScanRecord>();
  return r ? <span>{r.stores.join(', ')}</span> : null;
}

function ScanTitle() {
  const translate = useTranslate();
  const text = translate('nitd.conformance.scan');
  usePageTitle(text);
  return <span>{text}</span>;
}

export function ScanShow() {
  return (
    <Show title={<ScanTitle />} queryOptions={{ onError: () => undefined, retry: false }}>
      <SubjectNotFound resource="conformanceScans">
        <SimpleShowLayout sx={{ '& span, & code': { overflowWrap: 'anywhere' } }}>
          <DateTimeField source="startedAt" label="resources.conformanceScans.fields.startedAt" />
          <DateTimeField source="finishedAt" label="resources.conformanceScans.fields.finishedAt" />
          <LabelField source="trigger" group="conformance.trigger" label="resources.conformanceScans.fields.trigger" />
          <NumberField<ConformanceScanRecord> source="rowsExamined" />
          <NumberField<ConformanceScanRecord> source="openFindings" />
          <NumberField<ConformanceScanRecord> source="newFindings" />
          <NumberField<ConformanceScanRecord> source="resolvedFindings" />
          <NumberField<ConformanceScanRecord> source="lateErasures" />
          <Labeled label="resources.conformanceScans.fields.byRule">
            <ByRule />
          </Labeled>
          <Labeled label="resources.conformanceScans.fields.evidenceId">
            <AttestationField />
          </Labeled>
          <Labeled label="resources.conformanceScans.fields.checks">
            <Checks />
          </Labeled>
          <Labeled label="resources.conformanceScans.fields.stores">
            <Stores />
          </Labeled>
          <TextField<ConformanceScanRecord> source="workflowId" />
        </SimpleShowLayout>
      </SubjectNotFound>
    </Show>
  );
}
