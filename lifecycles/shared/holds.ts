// Legal holds behave alike in every lifecycle kind: a hold stops the clock until it is released,
// and neither is accepted once the subject's data is gone. One installer serves the user and the
// customer lifecycle so their contracts cannot drift apart.
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type { Hold, ReasonRequest } from './contract';

/** The kind's pure rules for holds (its *LifecycleState module). */
export interface HoldRules<S> {
  placeHold(s: S, reason: string, nowMs: number): void;
  /** A release sent without a request still releases: the reason may be missing. */
  releaseHold(s: S, reason: string | undefined, nowMs: number): void;
  assertNotFinal(s: S, action: string): void;
  conflict(message: string): Error;
}

export interface HoldContract<S, V> {
  hold: UpdateDefinition<V, [ReasonRequest]>;
  release: UpdateDefinition<V, [ReasonRequest]>;
  rules: HoldRules<S>;
  /** How the refusal of a release with nothing held names the lifecycle. */
  lifecycle: string;
}

/** Sets the placeHold and releaseHold handlers; `touched` wakes the sleeping loop. */
export function installHoldHandlers<S extends { hold: Hold | null }, V>(
  state: S,
  current: () => V,
  touched: () => void,
  { hold, release, rules, lifecycle }: HoldContract<S, V>,
): void {
  setHandler(
    hold,
    ({ reason }) => {
      rules.placeHold(state, reason, Date.now());
      touched();
      return current();
    },
    { validator: (_request) => rules.assertNotFinal(state, 'place a hold') },
  );

  setHandler(
    release,
    (request) => {
      rules.releaseHold(state, request?.reason, Date.now());
      touched();
      return current();
    },
    {
      validator: (_request) => {
        rules.assertNotFinal(state, 'release a hold');
        if (!state.hold) throw rules.conflict(`cannot release: the ${lifecycle} is not on hold`);
      },
    },
  );
}
