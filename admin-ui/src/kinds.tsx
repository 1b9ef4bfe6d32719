// The lifecycle kinds and their phases, as the API registers them (GET /api/admin/kinds): the
// filters' choices and the links to a subject's page come from here, never from a copied list.
import { useQuery } from '@tanstack/react-query';
import { Link, SelectInput, useDataProvider, type SelectInputProps } from 'react-admin';
import type { ConsoleDataProvider } from './dataProvider';

/** Fetched once per session: the kinds only change when the API is redeployed. */
export function useKinds() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({ queryKey: ['kinds'], queryFn: () => dataProvider.kinds(), staleTime: Infinity });
}

/** "user" → "User", as titles show a kind. */
export const kindTitle = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

/** Choices as the filters show them: QUARANTINED → "quarantined", CRM_ANONYMISED → "crm anonymised". */
export const choices = (values: readonly string[]) => values.map((v) => ({ id: v, name: v.replace('_', ' ').toLowerCase() }));

export function KindInput(props: Omit<SelectInputProps, 'choices'>) {
  const { data, isPending } = useKinds();
  return <SelectInput {...props} choices={choices(data?.map((k) => k.kind) ?? [])} isPending={isPending} />;
}

/** Every kind's phases, in the registry's order, each once. */
export function PhaseInput(props: Omit<SelectInputProps, 'choices'>) {
  const { data, isPending } = useKinds();
  return <SelectInput {...props} choices={choices([...new Set(data?.flatMap((k) => k.phases))])} isPending={isPending} />;
}

/** A subject's ID linked to its page (/users/…/show); plain text until the kinds are known. */
export function SubjectLink({ kind, subjectId }: { kind: string; subjectId: string }) {
  const plural = useKinds().data?.find((k) => k.kind === kind)?.plural;
  return plural ? <Link to={`/${plural}/${encodeURIComponent(subjectId)}/show`}>{subjectId}</Link> : <>{subjectId}</>;
}
