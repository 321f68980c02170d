import { useEffect } from 'react';
import { itemForKey } from '../../../shared/call/call-machine';
import { OUTCOMES } from '../../../shared/call/outcomes';
import { useAppStore } from '../desk/app-store';
import { useCallStore } from '../call/call-store';
import { KEY_COMMANDS, runCommand } from './commands';
import { useDeskStore } from '../desk/desk-store';
import { SEARCH_INPUT_ID } from '../search/SearchPanel';
import { leaveForChecklist, leaveForOutcome } from './focus';
import { KEYS } from './keys';

export function isTyping(target: EventTarget | null): boolean {
  // A field no longer on the page (the call it was in has ended) holds no keys.
  if (!(target instanceof HTMLElement) || !target.isConnected) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

/** Brings a ticked row into view, clear of the sticky footer (see scroll-margin in the styles). */
function reveal(itemId: string): void {
  document.getElementById(`item-${itemId}`)?.closest('li')?.scrollIntoView({ block: 'nearest' });
}


/**
 * The keys of the call flow while the window has focus (see keys.ts).
 * Letters and digits are ignored while the person types in a text field;
 * F-keys, Esc and Ctrl+Enter work everywhere.
 */
export function useHotkeys(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat) return;
      const app = useAppStore.getState();
      if (app.status !== 'ready' || !app.profile) return;
      // The desk keys work in every phase; while hidden, only the key that shows the window again does.
      const desk = useDeskStore.getState();
      if (event.key === KEYS.hide) {
        runCommand('toggle-privacy');
        event.preventDefault();
        return;
      }
      if (desk.hidden) return;
      if (event.key === KEYS.deescalation || event.key === KEYS.clientAtDesk) {
        if (event.key === KEYS.deescalation) desk.toggleDeescalation();
        else desk.toggleClientWaiting();
        event.preventDefault();
        return;
      }
      const { state, dispatch, save } = useCallStore.getState();
      const typing = isTyping(event.target);
      const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
      const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
      const now = Date.now();
      let handled = true;

      if ((key === '/' && plain && !typing) || (key === 'K' && event.ctrlKey && !event.altKey)) {
        const search = document.getElementById(SEARCH_INPUT_ID);
        // Hidden in the compact view: then the key is not the app's to take.
        if (search && search.offsetParent !== null) search.focus();
        else handled = false;
      } else if (state.phase === 'idle' && KEY_COMMANDS[key]?.startsWith('start-')) {
        runCommand(KEY_COMMANDS[key]!);
      } else if (state.phase === 'in-call') {
        const outbound = state.call.outbound;
        if (KEY_COMMANDS[key] === 'end-call') runCommand('end-call');
        else if (key === 'Z' && event.ctrlKey && !event.altKey && !typing && useCallStore.getState().lastUntick) useCallStore.getState().undoUntick();
        // A text field of the call (the name asked for, a callback's reference): Esc hands the keys back to the checklist.
        else if (key === 'Escape' && typing) leaveForChecklist(event.target as HTMLElement);
        else if (!plain || typing) handled = false;
        else if (/^[1-9]$/.test(key)) {
          const item = itemForKey(state.call, Number(key));
          if (item) {
            dispatch({ type: 'toggle-item', itemId: item.id, at: now });
            reveal(item.id);
          } else handled = false;
        } else if (key === KEYS.personalData) dispatch({ type: 'set-personal-data', value: !state.call.personalData });
        else if (outbound?.step === 'confirm-person' && key === KEYS.personRight) dispatch({ type: 'answer-person', answer: 'right', at: now });
        else if (outbound?.step === 'confirm-person' && key === KEYS.personSomeoneElse)
          dispatch({ type: 'answer-person', answer: 'someone-else', at: now });
        else if (outbound?.step === 'confirm-person' && key === KEYS.personNoAnswer) dispatch({ type: 'answer-person', answer: 'no-answer', at: now });
        else if (outbound?.step === 'someone-else' && key === KEYS.personRight) dispatch({ type: 'answer-person', answer: 'right', at: now });
        else if (outbound?.step === 'good-moment' && key === KEYS.momentGood) dispatch({ type: 'answer-good-moment', good: true, at: now });
        else if (outbound?.step === 'good-moment' && key === KEYS.momentBad) dispatch({ type: 'answer-good-moment', good: false, at: now });
        else handled = false;
      } else if (state.phase === 'wrap-up') {
        // While a save is on its way nothing may change what is being saved.
        if (useCallStore.getState().saving) handled = key === 'Enter' || key === 'Escape' || /^[1-9]$/.test(key);
        else if (key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
        // Esc in a field of the wrap-up (closing a suggestion list, say) only leaves the field; outside one it goes back to the call.
        else if (key === 'Escape' && typing) leaveForOutcome(event.target as HTMLElement);
        else if (key === 'Escape') dispatch({ type: 'resume' });
        else if (plain && !typing && /^[1-9]$/.test(key)) {
          const outcome = OUTCOMES[Number(key) - 1];
          if (outcome) dispatch({ type: 'set-outcome', outcome });
          else handled = false;
        } else handled = false;
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
