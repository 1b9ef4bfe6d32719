// The list's filters. On a phone only the search shows at first; the rest are one tap away
// ("Legg til filter"), so the rows, not the filters, fill the first screen.
import { useTranslate } from 'react-admin';
import { DateFilter, SelectFilter, TextFilter } from '../TextFilter';
import { LIFECYCLE_STATUSES } from '../../../lifecycles/shared/contract';
import { useLabels } from '../i18n/labels';
import { KindInput, PhaseInput } from '../kinds';

export function useLifecycleFilters(compact: boolean) {
  const labels = useLabels();
  const translate = useTranslate();
  return [
    <TextFilter key="q" source="q" label="nitd.list.search" search alwaysOn />,
    <KindInput key="kind" source="kind" alwaysOn={!compact} />,
    <PhaseInput key="phase" source="phase" alwaysOn={!compact} />,
    <SelectFilter
      key="status"
      source="status"
      choices={LIFECYCLE_STATUSES.map((s) => ({ id: s, name: labels.status(s) }))}
      alwaysOn={!compact}
    />,
    <DateFilter key="dueAt_gte" source="dueAt_gte" />,
    <DateFilter key="dueAt_lte" source="dueAt_lte" />,
    <TextFilter key="customerId" source="customerId" />,
    <SelectFilter
      key="onHold"
      source="onHold"
      choices={[
        { id: true, name: translate('ra.boolean.true') },
        { id: false, name: translate('ra.boolean.false') },
      ]}
    />,
  ];
}
