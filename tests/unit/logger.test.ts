// The worker's log adapter: what reaches the JSON lines from the Temporal runtime.
import { describe, expect, it } from 'vitest';
import { createLogger, temporalLogger } from '../../observability/logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', 'worker', { write: (chunk: string) => void lines.push(JSON.parse(chunk)) });
  return { lines, log: temporalLogger(logger) };
}

describe('temporalLogger', () => {
  it('writes workflow log metadata as JSON fields and drops the SDK timestamp', () => {
    const { lines, log } = capture();
    log.info('user purged', { workflowId: 'user-lifecycle-u1', runId: 'r1', userId: 'u1', [Symbol.for('log_timestamp')]: 1n });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        service: 'worker',
        msg: 'user purged',
        workflowId: 'user-lifecycle-u1',
        runId: 'r1',
        userId: 'u1',
      }),
    ]);
  });

  it("keeps only the cause of a failed activity's Prisma error, which quotes the call with personal data", () => {
    const { lines, log } = capture();
    const err = new Error(
      '\nInvalid `tx.userAccount.update()` invocation:\n{ data: { email: "kari.nordmann@example.no" } }\nUnique constraint failed on the fields: (`username`)',
    );
    err.name = 'PrismaClientKnownRequestError';
    log.warn('Activity failed', { error: err, activityType: 'purgeUser' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('kari.nordmann');
    expect(lines[0]).toMatchObject({
      level: 40,
      activityType: 'purgeUser',
      error: { type: 'PrismaClientKnownRequestError', message: 'Unique constraint failed on the fields: (`username`)' },
    });
  });

  it('redacts personal field names should anyone log a record', () => {
    const { lines, log } = capture();
    log.error('unexpected', { user: { id: 'u1', email: 'ola@example.no', phone: '+47 912 34 567' } });
    expect(lines[0]).toMatchObject({ user: { id: 'u1', email: '[redacted]', phone: '[redacted]' } });
  });
});
