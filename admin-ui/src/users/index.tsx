// Users: read views. The API leaves personal fields out for auditors; the columns follow. A user's
// page links to its lifecycle and its erasure receipt.
import PersonIcon from '@mui/icons-material/Person';
import { useMediaQuery, type Theme } from '@mui/material';
import {
  Datagrid,
  FilterButton,
  Labeled,
  Link,
  List,
  Show,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PagedExportButton } from '../exporter';
import { SelectFilter, TextFilter } from '../TextFilter';
import { DateTimeField, LabelField } from '../fields';
import { useLabels } from '../i18n/labels';
import { StatusChip, PhaseChip } from '../lifecycles/phase';
import { usePageTitle } from '../usePageTitle';
import type { SubjectRecord } from '../types';
import { SubjectNotFound } from '../customers/SubjectNotFound';

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
      choices={['active', 'deactivated', 'purged'].map((id) => ({ id, name: labels.subjectStatus(id) }))}
      alwaysOn={!compact}
    />,
    <TextFilter key="customerId" source="customerId" />,
  ];
}

function UserList() {
  const { permissions } = usePermissions();
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const labels = useLabels();
  const title = translate('resources.users.name', { smart_count: 2 });
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
        <SimpleList
          primaryText={(r) => r.id}
          secondaryText={(r) => labels.subjectStatus(String(r.status))}
          tertiaryText={(r) => r.customerId ?? ''}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
          <TextField source="id" />
          <LabelField source="status" group="subjectStatus" />
          <TextField source="customerId" emptyText="—" sortable={false} />
          {permissions === 'admin' && <TextField source="username" sortable={false} />}
          {permissions === 'admin' && <TextField source="firstName" sortable={false} />}
          {permissions === 'admin' && <TextField source="lastName" sortable={false} />}
          {permissions === 'admin' && <TextField source="email" sortable={false} />}
          <DateTimeField source="createdAt" label="resources.users.fields.createdAt" />
        </Datagrid>
      )}
    </List>
  );
}

export function SubjectLifecycles() {
  const r = useRecordContext<SubjectRecord>();
  const translate = useTranslate();
  if (!r?.lifecycles?.length) return <span>{translate('nitd.subject.noLifecycle')}</span>;
  return (
    <>
      {r.lifecycles.map((l) => (
        <div key={l.workflowId}>
          <Link to={`/lifecycles/${encodeURIComponent(l.workflowId)}/show`} sx={{ mr: 1, overflowWrap: 'anywhere' }}>
            {l.workflowId}
          </Link>{' '}
          <PhaseChip kind={l.kind ?? 'user'} phase={l.phase} /> <StatusChip status={l.status} />
        </div>
      ))}
    </>
  );
}

export function ReceiptLink({ kind }: { kind: string }) {
  const r = useRecordContext<SubjectRecord>();
  const translate = useTranslate();
  if (!r) return null;
  return (
    <Link to={`/receipts/${kind}/${encodeURIComponent(String(r.id))}`} data-testid="receipt-link">
      {translate('nitd.subject.receipt')}
    </Link>
  );
}

function UserTitle() {
  const r = useRecordContext<SubjectRecord>();
  const translate = useTranslate();
  const text = `${translate('nitd.kind.user')} ${r?.id ?? ''}`;
  usePageTitle(r ? text : undefined);
  return <span>{text}</span>;
}

function UserShow() {
  const { permissions } = usePermissions();
  return (
    <Show title={<UserTitle />} queryOptions={{ onError: () => undefined, retry: false }}>
      <SubjectNotFound resource="users">
        <SimpleShowLayout>
          <TextField source="id" />
          <LabelField source="status" group="subjectStatus" />
          <TextField source="customerId" emptyText="—" />
          {permissions === 'admin' && <TextField source="username" emptyText="—" />}
          {permissions === 'admin' && <TextField source="firstName" emptyText="—" />}
          {permissions === 'admin' && <TextField source="lastName" emptyText="—" />}
          {permissions === 'admin' && <TextField source="email" emptyText="—" />}
          {permissions === 'admin' && <TextField source="phone" emptyText="—" />}
          <DateTimeField source="deactivatedAt" label="resources.users.fields.deactivatedAt" />
          <DateTimeField source="purgedAt" label="resources.users.fields.purgedAt" />
          <Labeled label="nitd.subject.lifecycles">
            <SubjectLifecycles />
          </Labeled>
          <Labeled label="nitd.subject.receipt">
            <ReceiptLink kind="user" />
          </Labeled>
        </SimpleShowLayout>
      </SubjectNotFound>
    </Show>
  );
}

export default { list: UserList, show: UserShow, icon: PersonIcon };
