import { useTranslation } from 'react-i18next';
import type { Directory } from '../../../shared/directory/directory';
import { officeToday, ownerOf, reviewDueOn, staleMatters } from '../../../shared/directory/freshness';
import { formatDay } from '../ui/format';

/**
 * The matters of the directory in use that are due for checking against
 * their source, for whoever keeps the office's files: the longest overdue
 * first, each with the unit that keeps it and where it comes from. When none
 * is due, the next day one will be.
 */
export function StaleMatters({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const today = officeToday();
  const stale = staleMatters(directory, today);
  if (stale.length === 0) {
    const next = directory.matters
      .map((matter) => ({ matter, dueOn: reviewDueOn(matter) }))
      .filter((m): m is { matter: typeof m.matter; dueOn: string } => m.dueOn !== null)
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0];
    return <p className="field-hint stale-none">{next ? t('freshness.noneDue', { day: formatDay(next.dueOn), title: next.matter.title }) : null}</p>;
  }
  return (
    <details className="stale-matters">
      <summary>{t('freshness.listTitle', { count: stale.length })}</summary>
      <p className="field-hint">{t('freshness.listIntro')}</p>
      <ul>
        {stale.map(({ matter, freshness }) => {
          const owner = ownerOf(directory, matter)?.name;
          return (
            <li key={matter.id}>
              <strong>{matter.title}</strong>{' '}
              <span className="tag">{freshness.state === 'due' ? t('freshness.dueSince', { day: formatDay(freshness.dueOn) }) : t('freshness.unknown')}</span>
              <span className="small muted stale-facts">
                {owner ? t('freshness.owner', { unit: owner }) : t('freshness.noOwner')}
                {matter.checked && ` · ${t('freshness.checked', { day: formatDay(matter.checked) })}`}
                {matter.source && ` · ${t('freshness.source', { source: matter.source })}`}
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
