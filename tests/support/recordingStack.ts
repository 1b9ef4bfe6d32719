// For scripts outside vitest (tests/replay/record.ts): a migrated Postgres and the time-skipping
// test server binary, without the dev server the recording does not need.
import { startTestStack, type TestStack } from './stack';

export function startRecordingStack(): Promise<TestStack> {
  return startTestStack({ temporal: false });
}
