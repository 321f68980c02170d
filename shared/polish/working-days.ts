import { addDays, isWeekend } from 'date-fns';

/**
 * Polish public holidays (dni ustawowo wolne od pracy), when the office is
 * closed: the fixed dates, and Easter Monday and Corpus Christi, which move
 * with Easter. 24 December is a holiday from 2025.
 */
const FIXED: [month: number, day: number][] = [
  [1, 1],
  [1, 6],
  [5, 1],
  [5, 3],
  [8, 15],
  [11, 1],
  [11, 11],
  [12, 25],
  [12, 26],
];

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function isPublicHoliday(date: Date): boolean {
  const month = date.getMonth() + 1;
  const day = date.getDate();
  if (FIXED.some(([m, d]) => m === month && d === day)) return true;
  if (month === 12 && day === 24 && date.getFullYear() >= 2025) return true;
  const easter = easterSunday(date.getFullYear());
  return sameDay(date, addDays(easter, 1)) || sameDay(date, addDays(easter, 60));
}

export function isWorkingDay(date: Date): boolean {
  return !isWeekend(date) && !isPublicHoliday(date);
}

/** The first working day after `date` (same time of day). */
export function nextWorkingDay(date: Date): Date {
  let next = addDays(date, 1);
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}
