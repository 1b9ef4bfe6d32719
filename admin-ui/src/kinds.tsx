// The lifecycle kinds and their phases, as the API registers them (GET /api/admin/kinds): the
// filters' choices and the links to a subject's page come from here, never from a copied list, and
// their labels from the catalogues keyed by kind and phase (the raw name where a key is missing).
import { useQuery } from '@tanstack/react-query';
import { Link, useDataProvider } from 'react-admin';
import { SelectFilter, type SelectFilterProps } from './TextFilter';
import type { ConsoleDataProvider } from './dataProvider';
import { session } from './token';
import { useLabels } from './i18n/labels';

/** Fetched once per session: the kinds only change when the API is redeployed. Keyed by role, since
 * the answer names the fields the role reads. */
export function useKinds() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({ queryKey: ['kinds', session.role()], queryFn: () => dataProvider.kinds(), staleTime: Infinity });
}

export function KindInput(props: Omit<SelectFilterProps, 'choices'>) {
  const { data } = useKinds();
  const labels = useLabels();
  return <SelectFilter {...props} choices={data?.map((k) => ({ id: k.kind, name: labels.kind(k.kind) })) ?? []} />;
}

/** Every kind's phases, in the registry's order, each once, labelled by the first kind that has it. */
export function PhaseInput(props: Omit<SelectFilterProps, 'choices'>) {
  const { data } = useKinds();
  const labels = useLabels();
  const seen = new Map<string, string>();
  for (const k of data ?? []) for (const p of k.phases) if (!seen.has(p)) seen.set(p, labels.phase(k.kind, p));
  return <SelectFilter {...props} choices={[...seen].map(([id, name]) => ({ id, name }))} />;
}

/** A subject's ID linked to its page (/users/…/show); plain text until the kinds are known. */
export function SubjectLink({ kind, subjectId }: { kind: string; subjectId: string }) {
  const plural = useKinds().data?.find((k) => k.kind === kind)?.plural;
  return plural ? <Link to={`/${plural}/${encodeURIComponent(subjectId)}/show`}>{subjectId}</Link> : <>{subjectId}</>;
}
