// Temporal's own store: the namespace must not keep closed lifecycles (their histories and
// plain-text search attributes) longer than TEMPORAL_RETENTION. The worker refuses to start on
// such a namespace; this catches a change made while it runs.
import type { ConformanceCheck } from '../../../lifecycles/conformance';
import { namespaceRetentionMs } from '../../../temporal/namespace';

export const namespaceRetention: ConformanceCheck = {
  code: 'temporal.namespace-retention',
  rules: ['temporal.retention'],
  store: 'temporal',
  description: 'The Temporal namespace keeps closed lifecycles no longer than TEMPORAL_RETENTION.',
  async run(ctx) {
    const kept = await namespaceRetentionMs(ctx.temporal.connection, ctx.namespace);
    const tooLong = kept === null || kept === 0 || kept > ctx.temporalRetentionMs;
    const findings = tooLong
      ? [
          {
            check: this.code,
            rule: this.rules[0]!,
            store: 'temporal' as const,
            table: 'namespace',
            subjectKind: 'namespace',
            subjectId: ctx.namespace,
            workflowId: null,
            dueAt: null,
            repair: 'operator' as const,
          },
        ]
      : [];
    return { findings, examined: 1 };
  },
};
