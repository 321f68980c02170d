import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/directory/directory';
import { matterFreshness, officeToday } from '../../../shared/directory/freshness';
import { formatDay } from '../ui/format';

/**
 * A quiet line on a matter's card when what it says is due for checking:
 * the clerk still uses it (the caller is on the line), and knows it may have
 * changed since. Nothing for a matter checked in time, or never dated (that
 * is the lead's list, in the settings).
 */
export function MatterFreshness({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const freshness = matterFreshness(matter, officeToday());
  if (freshness.state !== 'due') return null;
  // The day it was checked is what the caller's facts may have moved on from; the due day alone says less.
  const said = matter.checked ? t('freshness.dueChecked', { checked: formatDay(matter.checked), day: formatDay(freshness.dueOn) }) : t('freshness.due', { day: formatDay(freshness.dueOn) });
  return <p className="muted small freshness-due">{said}</p>;
}
