import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Directory } from '../../../shared/directory/directory';
import { nextReview, officeToday, ownerOf, staleMatters, type StaleMatter } from '../../../shared/directory/freshness';
import { formatDay } from '../ui/format';

/** Matters listed at once when the list is opened: an office file of thousands due is read a page at a time, not laid out whole. */
const SHOWN_AT_ONCE = 50;

/**
 * The matters of the directory in use that are due for checking against
 * their source, for whoever keeps the office's files: the longest overdue
 * first, each with the unit that keeps it and where it comes from. When none
 * is due, the next day one will be. Worked out once per directory and drawn
 * again only when the directory changes — typing in the path fields above
 * must stay instant however many are shown — and laid out only when opened.
 */
export const StaleMatters = memo(function StaleMatters({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const today = officeToday();
  const stale = useMemo(() => staleMatters(directory, today), [directory, today]);
  const next = useMemo(() => (stale.length > 0 ? null : nextReview(directory)), [directory, stale]);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(SHOWN_AT_ONCE);
  if (stale.length === 0) {
    return next ? <p className="field-hint stale-none">{t('freshness.noneDue', { day: formatDay(next.dueOn), title: next.matter.title })}</p> : null;
  }
  return (
    <details className="stale-matters" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('freshness.listTitle', { count: stale.length })}</summary>
      {open && (
        <>
          <p className="field-hint">{t('freshness.listIntro')}</p>
          <ul>
            {stale.slice(0, shown).map((s) => (
              <StaleItem key={s.matter.id} stale={s} owner={ownerOf(directory, s.matter)?.name} />
            ))}
          </ul>
          {stale.length > shown && (
            <button type="button" className="button secondary" onClick={() => setShown((n) => n + SHOWN_AT_ONCE)}>
              {t('freshness.more', { count: Math.min(SHOWN_AT_ONCE, stale.length - shown), left: stale.length - shown })}
            </button>
          )}
        </>
      )}
    </details>
  );
});

function StaleItem({ stale: { matter, freshness }, owner }: { stale: StaleMatter; owner: string | undefined }) {
  const { t } = useTranslation();
  return (
    <li>
      <strong>{matter.title}</strong>{' '}
      <span className="tag">{freshness.state === 'due' ? t('freshness.dueSince', { day: formatDay(freshness.dueOn) }) : t('freshness.unknown')}</span>
      <span className="small muted stale-facts">
        {owner ? t('freshness.owner', { unit: owner }) : t('freshness.noOwner')}
        {matter.checked && ` · ${t('freshness.checked', { day: formatDay(matter.checked) })}`}
        {matter.source && ` · ${t('freshness.source', { source: matter.source })}`}
      </span>
    </li>
  );
}
