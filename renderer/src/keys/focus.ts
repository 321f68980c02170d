/**
 * The focus model of a call, written once: keys go either to a text field
 * (digits and letters are typed there) or to the call (digits tick the
 * checklist, letters answer the script). Esc in a text field clears what it
 * holds first where that is its meaning (the search), and otherwise — or
 * again — hands the keys back to the checklist: the focus moves to its first
 * item, so the next digit ticks. At the wrap-up Esc in a field leaves it
 * for the outcome; Esc outside one goes back to the call.
 */
export function leaveForChecklist(field: HTMLElement | null): void {
  const item = document.querySelector<HTMLInputElement>('.checklist input[type="checkbox"]');
  if (item) item.focus();
  else field?.blur();
}

/** At the wrap-up: out of a text field, onto the outcome chosen (or the first), so the next digit chooses and the next Esc goes back to the call. */
export function leaveForOutcome(field: HTMLElement | null): void {
  const outcome = document.querySelector<HTMLInputElement>('.wrap-up input[name="outcome"]:checked') ?? document.querySelector<HTMLInputElement>('.wrap-up input[name="outcome"]');
  if (outcome) outcome.focus();
  else field?.blur();
}
