// Customers: read views. The API leaves personal fields out for auditors; the columns follow. A
// customer's page shows its own lifecycle and its users' lifecycles with their phases, and both
// deadlines of the notice: CRM (within 3 years) and ERP (at most 5 years).
import BusinessIcon from '@mui/icons-material/Business';
import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Datagrid,
  FilterButton,
  Labeled,
  Link,
  List,
  NumberField,
  Show,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useDataProvider,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { PagedExportButton } from '../exporter';
import { SelectFilter, TextFilter } from '../TextFilter';
import { DateTimeField, LabelField } from '../fields';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { DueText, PhaseChip, StatusChip } from '../lifecycles/phase';
import { ReceiptLink } from '../users';
import { usePageTitle } from '../usePageTitle';
import type { SubjectRecord } from '../types';
import { SubjectNotFound } from './SubjectNotFound';

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <PagedExportButton />
  </TopToolbar>
);

function useFilters(compact: boolean) {
  const labels = useLabels();
  return [
    <TextFilter key="q" source="q" label="nitd.list.search" search alwaysOn />,
    <SelectFilter
      key="status"
      source="status"
      choices={['active', 'ended', 'anonymised', 'closed'].map((id) => ({ id, name: labels.subjectStatus(id) }))}
      alwaysOn={!compact}
    />,
    <SelectFilter
      key="type"
      source="type"
      choices={['business', 'private'].map((id) => ({ id, name: labels.t(`nitd.customerType.${id}`, id) }))}
      alwaysOn={!compact}
    />,
  ];
}

function CustomerList() {
  const { permissions } = usePermissions();
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const labels = useLabels();
  const title = translate('resources.customers.name', { smart_count: 2 });
  usePageTitle(title);
  return (
    <List
      filters={useFilters(compact)}
      actions={<Actions />}
      exporter={false}
      sort={{ field: 'id', order: 'ASC' }}
      perPage={25}
      title={title}
    >
      {compact ? (
        <SimpleList primaryText={(r) => r.id} secondaryText={(r) => labels.subjectStatus(String(r.status))} linkType="show" />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
          <TextField source="id" />
          <LabelField source="type" group="customerType" />
          <LabelField source="status" group="subjectStatus" />
          {permissions === 'admin' && <TextField source="name" sortable={false} emptyText="—" />}
          {permissions === 'admin' && <TextField source="email" sortable={false} emptyText="—" />}
          <DateTimeField source="endedAt" label="resources.customers.fields.endedAt" />
          <DateTimeField source="createdAt" label="resources.customers.fields.createdAt" />
        </Datagrid>
      )}
    </List>
  );
}

type Lifecycle = NonNullable<SubjectRecord['lifecycles']>[number];

function LifecycleTable({ rows, testId }: { rows: Lifecycle[]; testId: string }) {
  const translate = useTranslate();
  const labels = useLabels();
  if (!rows.length) return <span>{translate('nitd.subject.none')}</span>;
  return (
    <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.lifecycles.fields.subjectId')}</TableCell>
            <TableCell>{translate('resources.lifecycles.fields.phase')}</TableCell>
            <TableCell>{translate('resources.lifecycles.fields.status')}</TableCell>
            <TableCell>{translate('resources.lifecycles.fields.dueAt')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((l) => (
            <TableRow key={l.workflowId}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Link to={`/lifecycles/${encodeURIComponent(l.workflowId)}/show`}>
                  {labels.kind(l.kind ?? 'user')} {l.subjectId ?? l.workflowId}
                </Link>
              </TableCell>
              <TableCell>
                <PhaseChip kind={l.kind} phase={l.phase} />
              </TableCell>
              <TableCell>
                <StatusChip status={l.status} />
              </TableCell>
              <TableCell>
                <DueText r={{ dueAt: l.dueAt, status: l.status, onHold: false }} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function CustomerLifecycles() {
  const r = useRecordContext<SubjectRecord>();
  const translate = useTranslate();
  const all = r?.lifecycles ?? [];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <div>
        <Typography variant="subtitle2" component="h2">
          {translate('nitd.subject.ownLifecycle')}
        </Typography>
        <LifecycleTable rows={all.filter((l) => l.kind === 'customer')} testId="customer-lifecycle" />
      </div>
      <div>
        <Typography variant="subtitle2" component="h2">
          {translate('nitd.subject.usersLifecycles')}
        </Typography>
        <LifecycleTable rows={all.filter((l) => l.kind !== 'customer')} testId="users-lifecycles" />
        <Typography variant="body2" color="text.secondary" data-testid="users-unlinked" sx={{ mt: 1 }}>
          {translate('nitd.subject.usersUnlinked')}
        </Typography>
      </div>
    </Box>
  );
}

/** CRM and ERP deadlines, from the customer's own lifecycle as Temporal reports it (or the ledger once closed). */
function Deadlines() {
  const r = useRecordContext<SubjectRecord>();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const f = useFormat();
  const own = r?.lifecycles?.find((l) => l.kind === 'customer');
  const live = useQuery({
    queryKey: ['lifecycles', 'live', own?.workflowId],
    queryFn: () => dataProvider.lifecycleLive(own!.workflowId),
    enabled: !!own,
    retry: false,
  });
  if (!own) return <span>{translate('nitd.subject.none')}</span>;
  if (live.isPending) return <span>{translate('nitd.lifecycle.live.loading')}</span>;
  const deadlines = live.data?.deadlines ?? [];
  if (live.isError || (!deadlines.length && live.data?.presence !== 'ok'))
    return <Alert severity="warning">{translate('nitd.subject.liveUnavailable')}</Alert>;
  const pick = (keys: string[]) => deadlines.find((d) => keys.includes(d.key));
  // A closed lifecycle's deadlines come from its ledger, keyed by rule: ERP went with the CRM under
  // the same rule (the second such record), or under erp.cap when a legal duty kept it.
  const crmRecords = deadlines.filter((d) => d.key === 'crm.anonymise' || d.key === 'crm.erasure');
  const rows = [
    { label: translate('nitd.subject.crm'), d: pick(['crmAnonymiseDueAt']) ?? crmRecords[0] },
    { label: translate('nitd.subject.erp'), d: pick(['erpAnonymiseDueAt', 'erp.cap']) ?? crmRecords[1] },
  ];
  return (
    <Box data-testid="customer-deadlines">
      {rows.map(({ label, d }) => (
        <Typography key={label} variant="body2">
          {label}:{' '}
          <strong>
            {d ? f.dateTime(d.at) : translate('nitd.subject.unknown')}
            {d?.doneAt ? ` · ${translate('nitd.lifecycle.done', { at: f.dateTime(d.doneAt) })}` : d ? ` (${f.relative(d.at)})` : ''}
          </strong>
        </Typography>
      ))}
    </Box>
  );
}

function CustomerTitle() {
  const r = useRecordContext<SubjectRecord>();
  const translate = useTranslate();
  const text = `${translate('nitd.kind.customer')} ${r?.id ?? ''}`;
  usePageTitle(r ? text : undefined);
  return <span>{text}</span>;
}

function CustomerShow() {
  const { permissions } = usePermissions();
  return (
    <Show title={<CustomerTitle />} queryOptions={{ onError: () => undefined, retry: false }}>
      <SubjectNotFound resource="customers">
        <SimpleShowLayout>
          <TextField source="id" />
          <LabelField source="type" group="customerType" />
          <LabelField source="status" group="subjectStatus" />
          {permissions === 'admin' && <TextField source="name" emptyText="—" />}
          {permissions === 'admin' && <TextField source="email" emptyText="—" />}
          {permissions === 'admin' && <TextField source="phone" emptyText="—" />}
          {permissions === 'admin' && <TextField source="address" emptyText="—" />}
          <NumberField source="userCount" />
          <DateTimeField source="endedAt" label="resources.customers.fields.endedAt" />
          <DateTimeField source="anonymisedAt" label="resources.customers.fields.anonymisedAt" />
          <Labeled label="nitd.subject.deadlines">
            <Deadlines />
          </Labeled>
          <Labeled label="nitd.subject.lifecycles">
            <CustomerLifecycles />
          </Labeled>
          <Labeled label="nitd.subject.receipt">
            <ReceiptLink kind="customer" />
          </Labeled>
        </SimpleShowLayout>
      </SubjectNotFound>
    </Show>
  );
}

export default { list: CustomerList, show: CustomerShow, icon: BusinessIcon };
