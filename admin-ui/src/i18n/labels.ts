// Labels for names that come from the API (kinds, phases, statuses, events): from the catalogues
// when they have the key, else the raw name, so a new kind or phase shows up before it is translated.
import { useTranslate } from 'react-admin';

export function useLabels() {
  const translate = useTranslate();
  const t = (key: string, fallback: string, params: object = {}) => translate(key, { _: fallback, ...params });
  return {
    translate,
    kind: (kind: string) => t(`nitd.kind.${kind}`, kind),
    kindPlural: (kind: string) => t(`nitd.kindPlural.${kind}`, kind),
    phase: (kind: string | undefined, phase: string) => t(`nitd.phase.${kind ?? 'any'}.${phase}`, phase),
    status: (status: string) => t(`nitd.status.${status}`, status),
    subjectStatus: (status: string) => t(`nitd.subjectStatus.${status}`, status),
    /** A reason code in words; the text itself for a reason from before codes (free text). */
    reason: (reason: string) => (/^[a-z0-9-]+$/.test(reason) ? t(`nitd.reason.${reason}`, reason) : reason),
    t,
  };
}
