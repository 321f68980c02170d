import { useEffect } from 'react';
import { useAppStore } from '../stores/app-store';

/** A short confirmation that fades by itself; announced politely to screen readers. */
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
