// Users: read views. The API leaves personal fields out for auditors; the columns follow.
import PersonIcon from '@mui/icons-material/Person';
import {
  Datagrid,
  DateField,
  List,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  usePermissions,
  useRecordContext,
  Link,
  Labeled,
} from 'react-admin';
import { StatusChip, PhaseChip } from '../lifecycles/phase';
import type { SubjectRecord } from '../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="User ID" />,
  <SelectInput key="status" source="status" choices={['active', 'deactivated', 'purged'].map((id) => ({ id, name: id }))} alwaysOn />,
  <TextInput key="customerId" source="customerId" label="Customer ID" />,
];

function UserList() {
  const { permissions } = usePermissions();
  return (
    <List filters={filters} sort={{ field: 'id', order: 'ASC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" label="User ID" />
        <TextField source="status" />
        <TextField source="customerId" label="Customer" emptyText="—" sortable={false} />
        {permissions === 'admin' && <TextField source="username" sortable={false} />}
        {permissions === 'admin' && <TextField source="firstName" label="First name" sortable={false} />}
        {permissions === 'admin' && <TextField source="lastName" label="Last name" sortable={false} />}
        {permissions === 'admin' && <TextField source="email" sortable={false} />}
        <DateField locales="en-GB" source="createdAt" label="Created" />
      </Datagrid>
    </List>
  );
}

function Lifecycles() {
  const r = useRecordContext<SubjectRecord>();
  if (!r?.lifecycles?.length) return <span>none started</span>;
  return (
    <>
      {r.lifecycles.map((l) => (
        <Link key={l.workflowId} to={`/lifecycles/${encodeURIComponent(l.workflowId)}/show`} sx={{ mr: 2 }}>
          {l.workflowId} <PhaseChip phase={l.phase} /> <StatusChip status={l.status} />
        </Link>
      ))}
    </>
  );
}

function UserShow() {
  const { permissions } = usePermissions();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" label="User ID" />
        <TextField source="status" />
        <TextField source="customerId" label="Customer" emptyText="—" />
        {permissions === 'admin' && <TextField source="username" emptyText="—" />}
        {permissions === 'admin' && <TextField source="firstName" label="First name" emptyText="—" />}
        {permissions === 'admin' && <TextField source="lastName" label="Last name" emptyText="—" />}
        {permissions === 'admin' && <TextField source="email" emptyText="—" />}
        {permissions === 'admin' && <TextField source="phone" emptyText="—" />}
        <DateField locales="en-GB" source="deactivatedAt" label="Deactivated" showTime emptyText="—" />
        <DateField locales="en-GB" source="purgedAt" label="Purged" showTime emptyText="—" />
        <Labeled label="Lifecycle">
          <Lifecycles />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: UserList, show: UserShow, icon: PersonIcon };
