import { memo, useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { callReducer, IDLE, type ActiveCall } from '../../../shared/call/call-machine';
import type { ChecklistDefinition } from '../../../shared/call/checklist';
import { useAppStore } from '../desk/app-store';
import { ActiveCallView } from './ActiveCallView';
import { afterNextPaint } from './frames';

/** An incoming call to build the screen with: what the next F2 will most likely start, with nothing ticked. */
function callToPrepare(checklist: ChecklistDefinition): ActiveCall | null {
  const state = callReducer(IDLE, { type: 'start', id: 'prepared', checklist, at: Date.now(), callbackOf: null });
  return state.phase === 'in-call' ? state.call : null;
}

/**
 * The screen of the call in progress, built before the call.
 *
 * F2 must put the greeting on the screen within a frame, and building the
 * whole call screen on the key (its guide, the search, the checklist's rows)
 * was most of the work between the key and that frame. So the screen for the
 * next call is built beforehand, once the screen before it is drawn, off the
 * page: not in the document, so nothing of it can be seen, read out, focused
 * or found by the keys (they look for the checklist and the search box in the
 * page). The key only fills in the call and puts the ready screen on the
 * page. Each call still gets a screen of its own: what was typed in one call
 * (a search) is gone in the next, and going back from the wrap-up opens the
 * call anew, as before.
 *
 * @param live the call is in progress and its tab shown: the screen is on the page
 * @param call the call in progress, if there is one
 */
export const ReadyCallView = memo(function ReadyCallView({ live, call }: { live: boolean; call: ActiveCall | null }) {
  const checklist = useAppStore((s) => s.checklists.find((c) => c.direction === 'incoming'));
  const [container] = useState(() => document.createElement('div'));
  // The screen in use (key) and, while no call is shown, the call it is built for.
  const [screen, setScreen] = useState<{ key: number; prepared: ActiveCall | null }>({ key: 0, prepared: null });
  const [wasLive, setWasLive] = useState(live);
  if (wasLive !== live) {
    setWasLive(live);
    // A call's screen is used once: the next one is built anew.
    if (!live) setScreen((s) => ({ key: s.key + 1, prepared: null }));
  }

  useEffect(() => {
    if (live || !checklist || screen.prepared?.checklist === checklist) return;
    // After the screen now shown is drawn: building this one must not delay it.
    return afterNextPaint(() => setScreen((s) => ({ key: s.key, prepared: callToPrepare(checklist) })));
  }, [live, checklist, screen.prepared]);

  // On the page only while the call is in progress: a placeholder in the tab's place holds the ready screen.
  const place = useCallback((element: HTMLDivElement | null) => void element?.appendChild(container), [container]);

  const shownCall = live ? call : screen.prepared;
  if (!shownCall) return null;
  return (
    <>
      {live && <div className="call-screen" ref={place} />}
      {createPortal(<ActiveCallView key={screen.key} call={shownCall} live={live} />, container)}
    </>
  );
});
