import { useEffect } from 'react';
import { itemForKey } from '../../../shared/call-machine';
import { OUTCOMES } from '../../../shared/outcomes';
import { useAppStore } from '../stores/app-store';
import { useCallStore } from '../stores/call-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

/**
 * The keys of the call flow while the window has focus (see keys.ts).
 * Letters and digits are ignored while the person types in a text field;
 * F-keys and Ctrl+Enter work everywhere.
 */
export function useHotkeys(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat) return;
      const app = useAppStore.getState();
      if (app.status !== 'ready' || !app.profile) return;
      const { state, dispatch, startCall, save } = useCallStore.getState();
      const typing = isTyping(event.target);
      const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
      let handled = true;

      if (state.phase === 'idle' && event.key === 'F2') {
        const incoming = app.checklists.find((c) => c.direction === 'incoming');
        if (incoming) {
          app.setView('call');
          startCall(incoming);
        }
      } else if (state.phase === 'in-call' && event.key === 'F4') {
        dispatch({ type: 'end', at: Date.now() });
      } else if (state.phase === 'in-call' && plain && !typing && /^[1-9]$/.test(event.key)) {
        const item = itemForKey(state.call, Number(event.key));
        if (item) dispatch({ type: 'toggle-item', itemId: item.id, at: Date.now() });
        else handled = false;
      } else if (state.phase === 'in-call' && plain && !typing && event.key.toLowerCase() === 'd') {
        dispatch({ type: 'set-personal-data', value: !state.call.personalData });
      } else if (state.phase === 'wrap-up' && plain && !typing && /^[1-9]$/.test(event.key)) {
        const outcome = OUTCOMES[Number(event.key) - 1];
        if (outcome) dispatch({ type: 'set-outcome', outcome });
        else handled = false;
      } else if (state.phase === 'wrap-up' && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        void save();
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
