import { useEffect } from 'react';
import { useAppStore } from './app-store';

/**
 * A short confirmation in its own line under the header (never over a
 * control), announced politely to screen readers, gone after a few seconds.
 */
export function Toast() {
  const toast = useAppStore((s) => s.toast);
  const showToast = useAppStore((s) => s.showToast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => showToast(null), 3500);
    return () => clearTimeout(timer);
  }, [toast, showToast]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && <p className="toast">{toast}</p>}
    </div>
  );
}
