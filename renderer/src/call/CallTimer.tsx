import { useEffect, useState } from 'react';
import { elapsedMs, type ActiveCall } from '../../../shared/call/call-machine';
import { formatDuration } from '../ui/format';

/**
 * Re-renders itself only, four times a second, so the rest of the screen
 * stays still. On a screen made ready for the next call (`live` false) it
 * stands at 0:00 and does not tick.
 */
export function CallTimer({ call, label, live = true }: { call: ActiveCall; label: string; live?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  const running = live && call.endedAt === null;
  // A screen made ready earlier starts from the clock as it is now, not as it was then.
  const [wasRunning, setWasRunning] = useState(running);
  if (running !== wasRunning) {
    setWasRunning(running);
    if (running) setNow(Date.now());
  }
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <div className="timer">
      <span className="label">{label}</span>
      <time className="timer-value" role="timer" aria-live="off">
        {formatDuration(elapsedMs(call, live ? now : call.startedAt))}
      </time>
    </div>
  );
}
