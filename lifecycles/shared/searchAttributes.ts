// Typed search attributes: opaque IDs and phases only (they are stored unencrypted by Temporal).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const LifecycleKind = defineSearchAttributeKey('LifecycleKind', SearchAttributeType.KEYWORD);
export const LifecyclePhase = defineSearchAttributeKey('LifecyclePhase', SearchAttributeType.KEYWORD);
export const LifecycleDueAt = defineSearchAttributeKey('LifecycleDueAt', SearchAttributeType.DATETIME);
export const LifecycleOnHold = defineSearchAttributeKey('LifecycleOnHold', SearchAttributeType.BOOL);
export const CustomerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const PolicyVersion = defineSearchAttributeKey('PolicyVersion', SearchAttributeType.KEYWORD);
/** Set when the post-purge verification found something left: such a lifecycle stays open for an operator. */
export const LifecycleVerificationFailed = defineSearchAttributeKey('LifecycleVerificationFailed', SearchAttributeType.BOOL);

/** What the dev server and the compose registration job must create (`--search-attribute Name=Type`). */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: ReadonlyArray<{ name: string; cliType: 'Keyword' | 'Datetime' | 'Bool' }> = [
  { name: LifecycleKind.name, cliType: 'Keyword' },
  { name: LifecyclePhase.name, cliType: 'Keyword' },
  { name: LifecycleDueAt.name, cliType: 'Datetime' },
  { name: LifecycleOnHold.name, cliType: 'Bool' },
  { name: CustomerId.name, cliType: 'Keyword' },
  { name: PolicyVersion.name, cliType: 'Keyword' },
  { name: LifecycleVerificationFailed.name, cliType: 'Bool' },
];
