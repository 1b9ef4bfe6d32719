// `npm run fuzz [-- --max-examples 100 --seed 42]`: a longer schemathesis run than the suite's
// (tests/hostile/fuzz.test.ts), on its own Postgres and in-memory Temporal dev server, loopback
// only. Prints schemathesis' report, then the workflows started and any without a real user (0).
import { parseArgs } from 'node:util';
import { startServers } from '../testkit/servers';
import { fuzzServiceApi } from '../testkit/schemathesis';
import { quietRuntime } from '../testkit/runtime';
import { saveResult } from './support/benchStack';

const { values: opts } = parseArgs({
  options: {
    'max-examples': { type: 'string', default: '100' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    'max-time': { type: 'string', default: '900' },
  },
});

async function main(): Promise<void> {
  quietRuntime();
  const stack = await startServers({ temporal: true });
  try {
    const started = Date.now();
    const run = await fuzzServiceApi({
      databaseUrl: stack.databaseUrl,
      temporalAddress: stack.temporalAddress!,
      maxExamples: Number(opts['max-examples']),
      seed: opts.seed!,
      maxTimeS: Number(opts['max-time']),
      onOutput: (chunk) => process.stdout.write(chunk),
    });
    console.log(
      `\n[fuzz] seed ${opts.seed}, ${((Date.now() - started) / 1000).toFixed(0)} s, schemathesis exit ${run.code}, ` +
        `lifecycle workflows started ${run.workflowsStarted}, of them without a provisioned user ${run.withoutSubject.length}`,
    );
    const generated = /(\d+) generated[^\n]*/.exec(run.output)?.[0] ?? 'no summary';
    const summary = `seed ${opts.seed}, max ${opts['max-examples']} examples per operation: ${generated}; schemathesis exit ${run.code}; lifecycle workflows started ${run.workflowsStarted} (all for subjects the run provisioned: ${run.withoutSubject.length === 0 ? 'yes' : 'NO'})`;
    saveResult('fuzz', { summary, ok: run.code === 0 && run.withoutSubject.length === 0 });
    process.exitCode = run.code === 0 && run.withoutSubject.length === 0 ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
