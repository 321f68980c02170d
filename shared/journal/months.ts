/**
 * Months as the journal names them: `YYYY-MM`, in local time (a call saved at
 * 23:30 on the last day of a month is in that month, as the clerk sees it).
 * The one place month arithmetic is done.
 */

/** A month as text: four-digit year, a month 01–12. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month `date` is in. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The month `n` months before the one `now` is in (a negative `n`: after). */
export function monthsBefore(now: Date, n: number): string {
  // The first of the month: stepping back from the 31st never skips a shorter month.
  return monthOf(new Date(now.getFullYear(), now.getMonth() - n, 1));
}

/** This month and the `count - 1` before it, newest first. */
export function lastMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthsBefore(now, i));
}
