// Fields every view shares: moments in Oslo time in the one format of the console, and values
// (statuses, types) labelled from the catalogues with the raw value as fallback.
import { useRecordContext } from 'react-admin';
import { useFormat } from './i18n/format';
import { useLabels } from './i18n/labels';

interface FieldProps {
  source: string;
  label?: string;
  sortable?: boolean;
  sortBy?: string;
}

export function DateTimeField({ source }: FieldProps) {
  const r = useRecordContext();
  const f = useFormat();
  const v = r?.[source] as string | null | undefined;
  return <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span>;
}

/** A value labelled from `nitd.<group>.<value>`. */
export function LabelField({ source, group }: FieldProps & { group: string }) {
  const r = useRecordContext();
  const labels = useLabels();
  const v = r?.[source];
  return <span>{v === null || v === undefined ? '—' : labels.t(`nitd.${group}.${String(v)}`, String(v))}</span>;
}
