// Property-based fuzzing of the service API from its own OpenAPI document (schemathesis), against
// the real app, worker, Postgres and Temporal dev server: no generated request, valid or not, may
// get a 5xx or an undocumented answer, and every lifecycle workflow the run started must belong to
// a user the run really provisioned. FUZZ_MAX_EXAMPLES scales it; `npm run fuzz` runs a longer one.
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
      // It really sent requests: a run that tested nothing must not pass.
      expect(summary).toMatch(/(\d+) generated/);
      expect(Number(/(\d+) generated/.exec(summary)![1])).toBeGreaterThan(100);
      expect(run.withoutSubject).toEqual([]);
    },
    (MAX_TIME_S + 120) * 1000,
  );
});
