// A subject page for an ID nobody has: says so on the followed address instead of redirecting.
import type { ReactNode } from 'react';
import { Alert } from '@mui/material';
import { useGetRecordId, useShowContext, useTranslate } from 'react-admin';
import { NotFound } from '../NotFound';

export function SubjectNotFound({ resource, children }: { resource: string; children: ReactNode }) {
  const { error, isPending } = useShowContext();
  const id = useGetRecordId();
  const translate = useTranslate();
  if (!isPending && error) {
    if ((error as { status?: number }).status === 404)
      return (
        <NotFound
          message={translate('nitd.notFound.record', {
            name: translate(`resources.${resource}.name`, { smart_count: 1 }).toLowerCase(),
            id: String(id),
          })}
          listPath={`/${resource}`}
        />
      );
    return <Alert severity="error">{(error as Error).message}</Alert>;
  }
  return <>{children}</>;
}
