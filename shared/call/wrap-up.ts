import type { ActiveCall, CallState } from './call-machine';
import type { Outcome } from './outcomes';
import { checkContact, EMPTY_CONTACT, type CallbackContactInput, type ContactProblem } from '../callbacks/callback-contact';
import { callbackTimeProblem, type CallbackTimeProblem } from '../callbacks/callbacks';
import { appointmentTimeProblem } from '../directory/routing';
import type { ServiceErrorKey } from '../contract/service-errors';

/**
 * What stops a wrap-up from being saved — the one rule the window shows and
 * the service's save enforces. Missed checklist items never do (they are
 * recorded as not done); a missing outcome does, and so does the outcome
 * "callback" without a time in the future or without a number to call (a
 * callback nobody can act on is worse than none), and an appointment agreed
 * for a time already past when it was agreed.
 */
export type WrapUpProblem = 'outcome-required' | `callback-${CallbackTimeProblem}` | `contact-${ContactProblem}` | 'appointment-past';

/** What the rule reads of a wrap-up: the outcome chosen and the call's callback and invitation. */
export interface WrapUpFacts {
  outcome: Outcome | null;
  call: Pick<ActiveCall, 'callback' | 'invitation'>;
}

/** @param contact whom to call back, as typed; checked only with the outcome "callback" */
export function wrapUpProblems(state: WrapUpFacts | Extract<CallState, { phase: 'wrap-up' }>, now: number, contact: CallbackContactInput | null = null): WrapUpProblem[] {
  if (state.outcome === null) return ['outcome-required'];
  const invitation = state.call.invitation;
  // Judged at the time it was agreed: a call saved hours later does not turn a good appointment bad.
  if (invitation && appointmentTimeProblem(invitation.appointmentAt, invitation.at)) return ['appointment-past'];
  if (state.outcome === 'callback') {
    const problem = callbackTimeProblem(state.call.callback?.dueAt ?? null, now);
    if (problem) return [`callback-${problem}`];
    const check = checkContact(contact ?? EMPTY_CONTACT);
    if (!check.ok) return [...new Set(Object.values(check.problems))].map((p) => `contact-${p}` as const);
  }
  return [];
}

/** The catalogue's keys the problems are said with; none of their texts needs a value. */
export type WrapUpProblemKey = Extract<ServiceErrorKey, 'wrapUp.outcomeRequired' | 'wrapUp.callbackRequired' | 'appointmentPast' | `callbackTime.${string}` | `contact.${string}`>;

/** The one text a problem is said with, by the window and in the service's refusal alike. */
export function wrapUpProblemKey(problem: WrapUpProblem): WrapUpProblemKey {
  if (problem === 'outcome-required') return 'wrapUp.outcomeRequired';
  if (problem === 'callback-required') return 'wrapUp.callbackRequired';
  if (problem === 'appointment-past') return 'appointmentPast';
  if (problem.startsWith('callback-')) return `callbackTime.${problem.slice('callback-'.length) as Exclude<CallbackTimeProblem, 'required'>}`;
  return `contact.${problem.slice('contact-'.length) as ContactProblem}`;
}
