import { describe, expect, it } from 'vitest';
import { quickCallbackTimes } from '../../shared/callbacks/callbacks';
import { easterSunday, isPublicHoliday, nextWorkingDay } from '../../shared/polish/working-days';

describe('Polish working days', () => {
  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
  ])('Easter Sunday %i is %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual(new Date(year, month - 1, day));
  });

  it('knows the fixed holidays, the movable ones and Christmas Eve from 2025', () => {
    expect(isPublicHoliday(new Date(2026, 10, 11))).toBe(true); // Independence Day
    expect(isPublicHoliday(new Date(2026, 3, 6))).toBe(true); // Easter Monday
    expect(isPublicHoliday(new Date(2026, 5, 4))).toBe(true); // Corpus Christi
    expect(isPublicHoliday(new Date(2024, 11, 24))).toBe(false);
    expect(isPublicHoliday(new Date(2025, 11, 24))).toBe(true);
    expect(isPublicHoliday(new Date(2026, 10, 12))).toBe(false);
  });

  it('the next working day skips weekends and holidays together', () => {
    expect(nextWorkingDay(new Date(2026, 10, 10, 15))).toEqual(new Date(2026, 10, 12, 15)); // Tue → Thu (11 Nov)
    expect(nextWorkingDay(new Date(2026, 11, 23, 9))).toEqual(new Date(2026, 11, 28, 9)); // Wed → Mon after Christmas
  });

  it('"next working day, 9:00" never lands on a holiday', () => {
    const next = quickCallbackTimes(new Date(2026, 10, 10, 15)).find((c) => c.choice === 'next-morning')!;
    expect(next.at).toEqual(new Date(2026, 10, 12, 9, 0));
  });

  it('no "this afternoon" on a holiday', () => {
    expect(quickCallbackTimes(new Date(2026, 10, 11, 10)).map((c) => c.choice)).toEqual(['in-1h', 'next-morning']);
  });
});
