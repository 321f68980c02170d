import { useEffect, useState } from 'react';
import { isTyping } from './use-hotkeys';

export type KeyTarget = 'checklist' | 'text';

/**
 * Where the keys go now: into a text field (digits and letters are typed
 * there, Esc leaves it), or to the call (digits tick the checklist, letters
 * answer the script). Follows the focus as it moves.
 */
export function useKeyTarget(): KeyTarget {
  const [target, setTarget] = useState<KeyTarget>(() => (isTyping(document.activeElement) ? 'text' : 'checklist'));
  useEffect(() => {
    const update = () => setTarget(isTyping(document.activeElement) ? 'text' : 'checklist');
    // focusout fires before the next element has the focus: read it once the move is done.
    const later = () => queueMicrotask(update);
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', later);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', later);
    };
  }, []);
  return target;
}
