import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { errorMessage } from '../api/error-message';
import { saveShift } from './desk-store';
import { useAppStore } from './app-store';
import { Kbd } from '../ui/Kbd';

/**
 * Shift readiness, once a day before the first call and on demand: private
 * phone silenced, desk and screen, badge, a quiet place. Saved as its own
 * journal record; skipping is recorded too.
 */
export function ShiftView() {
  const { t } = useTranslation();
  const id = useId();
  const checklist = useAppStore((s) => s.shiftChecklist);
  const shiftRecorded = useAppStore((s) => s.shiftRecorded);
  const showToast = useAppStore((s) => s.showToast);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus({ preventScroll: true }), []);

  const toggle = (itemId: string) =>
    setDone((current) => {
      const next = new Set(current);
      if (next.has(itemId)) next.delete(itemId);
      else next.add(itemId);
      return next;
    });

  useEffect(() => {
    if (!checklist) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
      if (event.target instanceof HTMLElement && ['TEXTAREA', 'SELECT'].includes(event.target.tagName)) return;
      const item = /^[1-9]$/.test(event.key) ? checklist!.items[Number(event.key) - 1] : undefined;
      if (!item) return;
      event.preventDefault();
      toggle(item.id);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [checklist]);

  if (!checklist) return null;

  async function record(skipped: boolean) {
    setSaving(true);
    setError(null);
    try {
      await saveShift({ id: uuidv7(), skipped, done: [...done] });
      shiftRecorded();
      showToast(t(skipped ? 'shift.skipped' : 'shift.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const all = done.size === checklist.items.length;
  return (
    <form
      className="card shift"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void record(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void record(false);
        }
      }}
    >
      <h2 id={`${id}-title`}>{t('shift.title')}</h2>
      <p className="muted small">{t('shift.intro', { max: checklist.items.length })}</p>
      <ul className="shift-list">
        {checklist.items.map((item, index) => (
          <li key={item.id} className={`check-row${done.has(item.id) ? ' done' : ''}`}>
            <input
              ref={index === 0 ? first : undefined}
              id={`${id}-${item.id}`}
              type="checkbox"
              checked={done.has(item.id)}
              aria-keyshortcuts={String(index + 1)}
              onChange={() => toggle(item.id)}
            />
            <label htmlFor={`${id}-${item.id}`}>
              <Kbd>{String(index + 1)}</Kbd>
              <span className="check-label">{item.label}</span>
            </label>
            {item.clause && <p className="check-meta">{item.clause}</p>}
          </li>
        ))}
      </ul>
      {!all && done.size > 0 && <p className="muted small">{t('shift.notAll')}</p>}
      {error !== null && (
        <p className="form-error" role="alert">
          {t('shift.saveFailed', { message: errorMessage(error, t('errors.network')) })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button secondary" disabled={saving} onClick={() => void record(true)}>
          {t('shift.skip')}
        </button>
        <button type="submit" className="button primary" disabled={saving} aria-keyshortcuts="Control+Enter">
          {t('shift.done')} <Kbd>Ctrl+Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
