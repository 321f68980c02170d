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
  return <p className="muted small freshness-due">{t('freshness.due', { day: formatDay(freshness.dueOn) })}</p>;
}
