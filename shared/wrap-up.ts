import type { CallState } from './call-machine';
import { callbackTimeProblem, type CallbackTimeProblem } from './callbacks';

/**
 * What stops a wrap-up from being saved. Missed checklist items never do
 * (they are recorded as not done); a missing outcome does, and so does the
 * outcome "callback" without a time in the future.
 */
export type WrapUpProblem = 'outcome-required' | `callback-${CallbackTimeProblem}`;

export function wrapUpProblems(state: Extract<CallState, { phase: 'wrap-up' }>, now: number): WrapUpProblem[] {
  if (state.outcome === null) return ['outcome-required'];
  if (state.outcome === 'callback') {
    const problem = callbackTimeProblem(state.call.callback?.dueAt ?? null, now);
    if (problem) return [`callback-${problem}`];
  }
  return [];
}
