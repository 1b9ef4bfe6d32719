// Property-based fuzzing of the API from its own OpenAPI document (schemathesis), against the real
// app, worker, Postgres and Temporal dev server: no generated request, valid or not, may get a 5xx
// or an undocumented answer, and every lifecycle workflow the run started must belong to a user the
// run really provisioned. Each part is fuzzed with its own credential (service, auditor, admin for
// the codec), and the app's own metrics show the audit and codec routes answered past
// authentication. FUZZ_MAX_EXAMPLES scales it; `npm run fuzz` runs a longer one.
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { fuzzServiceApi } from '../../testkit/schemathesis';

const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 10);
// The suite's fuzzing budget: the fuzzing phase generates cases until the time is up (about 70 a
// second on 2 cores, so some 3 000 here). The coverage phase (thousands of boundary cases) alone
// outgrows any sane bound on a loaded 2-core box, so `npm run fuzz` runs it, and runs longer.
const MAX_TIME_S = Number(process.env.FUZZ_MAX_TIME_S ?? 45);
const PHASES = process.env.FUZZ_PHASES ?? 'examples,fuzzing';

describe('fuzzing the service API from its OpenAPI document', () => {
  it(
    'answers every generated request without a 5xx and starts workflows only for provisioned users',
    async () => {
      const run = await fuzzServiceApi({
        databaseUrl: testDatabaseUrl(),
        temporalAddress: testTemporalAddress(),
        maxExamples: MAX_EXAMPLES,
        seed: process.env.FUZZ_SEED ?? '7',
        maxTimeS: MAX_TIME_S,
        phases: PHASES,
      });
      const summary = run.output.split('\n').slice(-40).join('\n');
      expect(run.code, summary).toBe(0);
      // It really sent requests, in every pass: a run that tested nothing must not pass.
      const generated = [...run.output.matchAll(/(\d+) generated/g)].map((m) => Number(m[1]));
      expect(generated).toHaveLength(3);
      expect(generated.every((n) => n > 0)).toBe(true);
      expect(generated.reduce((a, b) => a + b)).toBeGreaterThan(100);
      expect(run.withoutSubject).toEqual([]);
      // Past authentication: the auditor's and the codec's routes answered 2xx, not only 401/403.
      const ok = (prefix: string) =>
        Object.entries(run.answers)
          .filter(([route]) => route.startsWith(prefix))
          .some(([, statuses]) => Object.keys(statuses).some((s) => s.startsWith('2')));
      expect(ok('/api/audit/'), JSON.stringify(run.answers)).toBe(true);
      expect(ok('/codec/'), JSON.stringify(run.answers)).toBe(true);
      const fivexx = Object.entries(run.answers).flatMap(([route, s]) =>
        Object.keys(s)
          .filter((st) => st.startsWith('5'))
          .map((st) => `${route} ${st}`),
      );
      expect(fivexx).toEqual([]);
    },
    (MAX_TIME_S + 120) * 1000,
  );
});
