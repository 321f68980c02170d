import { useEffect, useState } from 'react';
import { elapsedMs, type ActiveCall } from '../../../shared/call/call-machine';
import { formatDuration } from '../ui/format';

/** Re-renders itself only, four times a second, so the rest of the screen stays still. */
export function CallTimer({ call, label }: { call: ActiveCall; label: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (call.endedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [call.endedAt]);
  return (
    <div className="timer">
      <span className="label">{label}</span>
      <time className="timer-value" role="timer" aria-live="off">
        {formatDuration(elapsedMs(call, now))}
      </time>
    </div>
  );
}
