import { v7 as uuidv7 } from 'uuid';
import { callReducer, IDLE, type ActiveCall, type CallState } from '../../shared/call/call-machine';
import type { ChecklistDefinition } from '../../shared/call/checklist';

/**
 * A call as the window leaves it at wrap-up: started a minute ago on the
 * given checklist (made for the callback `callbackOf`, if given), the
 * greeting ticked after two seconds, ended a second ago; `extra` dispatches
 * more events before the end. The one such call the tests make.
 */
export function endedCall(checklist: ChecklistDefinition, extra: (s: CallState) => CallState = (s) => s, now = Date.now(), callbackOf: string | null = null): ActiveCall {
  let state = callReducer(IDLE, { type: 'start', id: uuidv7(), checklist, at: now - 60_000, callbackOf });
  state = callReducer(state, { type: 'toggle-item', itemId: 'greeting', at: now - 58_000 });
  state = callReducer(extra(state), { type: 'end', at: now - 1_000 });
  if (state.phase !== 'wrap-up') throw new Error('not in wrap-up');
  return state.call;
}
