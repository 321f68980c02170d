import type { CallState } from './call-machine';
import { checkContact, EMPTY_CONTACT, type CallbackContactInput, type ContactProblem } from '../callbacks/callback-contact';
import { callbackTimeProblem, type CallbackTimeProblem } from '../callbacks/callbacks';

/**
 * What stops a wrap-up from being saved. Missed checklist items never do
 * (they are recorded as not done); a missing outcome does, and so does the
 * outcome "callback" without a time in the future or without a number to
 * call (a callback nobody can act on is worse than none).
 */
export type WrapUpProblem = 'outcome-required' | `callback-${CallbackTimeProblem}` | `contact-${ContactProblem}`;

/** @param contact whom to call back, as typed; checked only with the outcome "callback" */
export function wrapUpProblems(state: Extract<CallState, { phase: 'wrap-up' }>, now: number, contact: CallbackContactInput | null = null): WrapUpProblem[] {
  if (state.outcome === null) return ['outcome-required'];
  if (state.outcome === 'callback') {
    const problem = callbackTimeProblem(state.call.callback?.dueAt ?? null, now);
    if (problem) return [`callback-${problem}`];
    const check = checkContact(contact ?? EMPTY_CONTACT);
    if (!check.ok) return [...new Set(Object.values(check.problems))].map((p) => `contact-${p}` as const);
  }
  return [];
}
