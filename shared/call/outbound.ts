import { z } from 'zod';
import { GOOD_MOMENT_ITEM_ID, IDENTITY_ITEM_ID, tickIfOpen, untickIfDone } from './call-items';
import type { ActiveCall } from './call-machine';
import type { Outcome } from './outcomes';

/**
 * The outbound script (§6 pkt 6: "Dzwoniąc do klienta, upewnić się z kim
 * rozmawia i czy jest to dobry moment na rozmowę"):
 *
 *   confirm-person ─ right person ─→ good-moment ─ yes ─→ talk
 *        │                                 └──── no ──→ callback
 *        ├─ someone else answered ─→ someone-else (leave name and office number only)
 *        └─ nobody answers ────────→ no-answer
 *
 * An answer can be corrected while the call lasts: answering the person
 * question again restarts from there. Answers tick the matching checklist
 * items with the moment they were given.
 */
export const OUTBOUND_STEPS = ['confirm-person', 'someone-else', 'no-answer', 'good-moment', 'callback', 'talk'] as const;
export type OutboundStep = (typeof OUTBOUND_STEPS)[number];
export const PERSON_ANSWERS = ['right', 'someone-else', 'no-answer'] as const;
export type PersonAnswer = (typeof PERSON_ANSWERS)[number];

export const OutboundSchema = z.object({
  step: z.enum(OUTBOUND_STEPS),
  person: z.enum(PERSON_ANSWERS).nullable(),
  goodMoment: z.boolean().nullable(),
});
export type Outbound = z.infer<typeof OutboundSchema>;

export { GOOD_MOMENT_ITEM_ID, IDENTITY_ITEM_ID };

const STEP_AFTER_PERSON: Record<PersonAnswer, OutboundStep> = {
  right: 'good-moment',
  'someone-else': 'someone-else',
  'no-answer': 'no-answer',
};

/** Whether an item's tick came from an answer to the script (T for the person, T/N for the moment), not the clerk's own key. */
export function tickedByScript(call: Pick<ActiveCall, 'outbound'>, itemId: string): boolean {
  const outbound = call.outbound;
  if (!outbound) return false;
  if (itemId === IDENTITY_ITEM_ID) return outbound.person === 'right';
  if (itemId === GOOD_MOMENT_ITEM_ID) return outbound.goodMoment !== null;
  return false;
}

export function answerPerson(call: ActiveCall, answer: PersonAnswer, at: number): ActiveCall {
  if (!call.outbound) return call;
  if (call.outbound.person === answer) return call;
  const outbound: Outbound = { step: STEP_AFTER_PERSON[answer], person: answer, goodMoment: null };
  const next = { ...call, outbound };
  if (answer === 'right') return tickIfOpen(next, IDENTITY_ITEM_ID, at);
  // Taken back: the person was not confirmed, so neither was the moment.
  return untickIfDone(untickIfDone(next, IDENTITY_ITEM_ID), GOOD_MOMENT_ITEM_ID);
}

export function answerGoodMoment(call: ActiveCall, good: boolean, at: number): ActiveCall {
  if (!call.outbound || call.outbound.person !== 'right') return call;
  if (call.outbound.goodMoment === good) return call;
  const outbound: Outbound = { ...call.outbound, step: good ? 'talk' : 'callback', goodMoment: good };
  return tickIfOpen({ ...call, outbound }, GOOD_MOMENT_ITEM_ID, at);
}

/**
 * The outcome the wrap-up starts with, which the clerk may change: an agreed
 * callback; a routing or an invitation recorded during the call; nobody, or
 * somebody else, on the line means no contact.
 */
export function suggestedOutcome(call: ActiveCall): Outcome | null {
  if (call.callback) return 'callback';
  // The clerk's own latest act in the call: routing the caller or inviting them in.
  const routedAt = call.routedTo?.at ?? -1;
  const invitedAt = call.invitation?.at ?? -1;
  if (routedAt >= 0 || invitedAt >= 0) return invitedAt > routedAt ? 'invited' : 'routed';
  const person = call.outbound?.person;
  if (person === 'someone-else' || person === 'no-answer') return 'no-contact';
  return null;
}
