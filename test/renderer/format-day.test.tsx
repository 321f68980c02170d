import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../renderer/src/ui/format';

describe('a directory day as the clerk reads it', () => {
  it('is written out in Polish, the same in any time zone', () => {
    expect(formatDay('2027-06-01')).toBe('1 czerwca 2027 r.');
    expect(formatDay('2021-01-10')).toBe('10 stycznia 2021 r.');
  });

  it('never throws: a day no calendar has is shown as written (a screen is not taken down by one date)', () => {
    expect(formatDay('10000-01-01')).toBe('10000-01-01');
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof formatDay(text)).toBe('string');
      }),
    );
  });
});
