// The evidence ledger: one record per purge or anonymisation, with no personal data.
import VerifiedIcon from '@mui/icons-material/Verified';
import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import {
  Datagrid,
  DateField,
  DateInput,
  Labeled,
  List,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  useRecordContext,
} from 'react-admin';
import { KindInput } from '../kinds';

const filters = [
  <TextInput key="subjectId" source="subjectId" label="Subject ID" alwaysOn />,
  <KindInput key="subjectKind" source="subjectKind" label="Kind" alwaysOn />,
  <SelectInput key="action" source="action" choices={['purge', 'anonymise', 'verify'].map((id) => ({ id, name: id }))} alwaysOn />,
  <DateInput key="finishedAt_gte" source="finishedAt_gte" label="From" alwaysOn />,
  <DateInput key="finishedAt_lte" source="finishedAt_lte" label="Until" alwaysOn />,
  <TextInput key="rule" source="rule" />,
];

const short = (h: unknown) => (typeof h === 'string' ? `${h.slice(0, 12)}…` : '—');
const HashField = ({ source }: { source: string; label?: string; sortable?: boolean }) => {
  const r = useRecordContext();
  return <code title={r?.[source]}>{short(r?.[source])}</code>;
};

function EvidenceList() {
  return (
    <List filters={filters} sort={{ field: 'finishedAt', order: 'DESC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField locales="en-GB" source="finishedAt" label="Done" showTime />
        <TextField source="subjectKind" label="Kind" sortable={false} />
        <TextField source="subjectId" label="Subject" />
        <TextField source="action" sortable={false} />
        <TextField source="rule" />
        <TextField source="policyVersion" label="Policy" sortable={false} />
        <DateField locales="en-GB" source="dueAt" label="Due" showTime sortable={false} emptyText="—" />
        <HashField source="hash" label="Hash" sortable={false} />
      </Datagrid>
    </List>
  );
}

function Tables() {
  const r = useRecordContext();
  const tables = Object.entries((r?.tables ?? {}) as Record<string, { deleted?: number; anonymised?: number }>);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Table</TableCell>
          <TableCell align="right">Deleted</TableCell>
          <TableCell align="right">Anonymised</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tables.map(([name, c]) => (
          <TableRow key={name}>
            <TableCell>{name}</TableCell>
            <TableCell align="right">{c.deleted ?? 0}</TableCell>
            <TableCell align="right">{c.anonymised ?? 0}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EvidenceShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="seq" label="Ledger sequence" />
        <TextField source="subjectKind" label="Kind" />
        <TextField source="subjectId" label="Subject" />
        <TextField source="action" />
        <TextField source="rule" />
        <TextField source="policyVersion" label="Policy version" />
        <TextField source="reason" emptyText="—" />
        <DateField locales="en-GB" source="triggeredAt" label="Triggered" showTime emptyText="—" />
        <DateField locales="en-GB" source="dueAt" label="Due" showTime emptyText="—" />
        <DateField locales="en-GB" source="startedAt" label="Started" showTime />
        <DateField locales="en-GB" source="finishedAt" label="Finished" showTime />
        <TextField source="workflowId" label="Workflow" />
        <TextField source="prevHash" label="Previous hash" emptyText="—" />
        <TextField source="hash" emptyText="—" />
        <Labeled label="Tables">
          <Tables />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: EvidenceList, show: EvidenceShow, icon: VerifiedIcon };
