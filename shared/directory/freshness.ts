import { addMonths, format, parseISO } from 'date-fns';
import type { Directory, Matter, Unit } from './directory';

/**
 * Whether what a matter says is still known to be true. Laws move a benefit
 * to another institution or rename a unit, and a directory nobody rechecks
 * goes stale without anybody noticing: each matter says the day it was last
 * checked against its source (`checked`) and, where the office wants it
 * sooner or later, the day it is due again (`reviewBy`). Days are calendar
 * days (RRRR-MM-DD) of the office's own calendar.
 */

/** How long a check holds when the matter names no review-by day: a year, the rhythm of the budget law and of the office's own statute. */
export const REVIEW_AFTER_MONTHS = 12;

export type Freshness =
  /** Checked, and not yet due. */
  | { state: 'fresh'; dueOn: string }
  /** Due for checking since `dueOn` (today included). */
  | { state: 'due'; dueOn: string }
  /** Nobody has said when it was checked: an office's own entry without a date. */
  | { state: 'unknown' };

/** The day a matter's check is due: its review-by day, else a year after it was checked; null when neither is known. */
export function reviewDueOn(matter: Pick<Matter, 'checked' | 'reviewBy'>): string | null {
  if (matter.reviewBy) return matter.reviewBy;
  if (matter.checked) return format(addMonths(parseISO(matter.checked), REVIEW_AFTER_MONTHS), 'yyyy-MM-dd');
  return null;
}

/** The matter's freshness on `today` (RRRR-MM-DD). The days compare as text: the format sorts as the calendar does. */
export function matterFreshness(matter: Pick<Matter, 'checked' | 'reviewBy'>, today: string): Freshness {
  const dueOn = reviewDueOn(matter);
  if (dueOn === null) return { state: 'unknown' };
  return dueOn <= today ? { state: 'due', dueOn } : { state: 'fresh', dueOn };
}

export interface StaleMatter {
  matter: Matter;
  freshness: Exclude<Freshness, { state: 'fresh' }>;
}

/** The matters a lead should check: the longest overdue first, then those with no date at all, each group by title. */
export function staleMatters(directory: Pick<Directory, 'matters'>, today: string): StaleMatter[] {
  const stale: StaleMatter[] = [];
  for (const matter of directory.matters) {
    const freshness = matterFreshness(matter, today);
    if (freshness.state !== 'fresh') stale.push({ matter, freshness });
  }
  const dueOn = (s: StaleMatter) => (s.freshness.state === 'due' ? s.freshness.dueOn : '\uffff');
  return stale.sort((a, b) => (dueOn(a) < dueOn(b) ? -1 : dueOn(a) > dueOn(b) ? 1 : a.matter.title.localeCompare(b.matter.title, 'pl')));
}

/** The matter due for checking soonest, and when: what the lead is told when none is due yet. Null when none is dated. */
export function nextReview(directory: Pick<Directory, 'matters'>): { dueOn: string; matter: Matter } | null {
  let next: { dueOn: string; matter: Matter } | null = null;
  for (const matter of directory.matters) {
    const dueOn = reviewDueOn(matter);
    if (dueOn !== null && (next === null || dueOn < next.dueOn)) next = { dueOn, matter };
  }
  return next;
}

/** The office unit that keeps a matter true: the one it names, else the one it goes to when that is the office's own; none for a matter sent out without an owner. */
export function ownerOf(directory: Pick<Directory, 'units'>, matter: Pick<Matter, 'owner' | 'unit'>): Unit | undefined {
  const unit = directory.units.find((u) => u.id === (matter.owner ?? matter.unit));
  return unit?.kind === 'office' ? unit : undefined;
}

/** Today in the office's calendar (this computer's day), as the directory writes days. */
export function officeToday(now: Date = new Date()): string {
  return format(now, 'yyyy-MM-dd');
}
