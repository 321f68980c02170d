import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContact, contactsToDrop, ORPHAN_GRACE_MS, tidyPhone, type StoredContact } from '../../shared/callbacks/callback-contact';

const MOBILE = ['45', '50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'];
const LANDLINE = ['12', '22', '32', '42', '44', '46', '52', '58', '61', '71', '81', '91'];

/** Nine digits of a Polish number: a real prefix and seven more. */
const nineDigits = (prefixes: string[]) => fc.tuple(fc.constantFrom(...prefixes), fc.stringMatching(/^\d{7}$/)).map(([p, rest]) => p + rest);
/** How people split nine digits: in threes, as a landline (2-3-2-2), all together, or 3-2-2-2. */
const GROUPINGS = [[3, 3, 3], [2, 3, 2, 2], [9], [3, 2, 2, 2], [2, 7]];
const SEPARATORS = [' ', '-', '.', '/', ' - ', '  ', '\u00a0'];
const PREFIXES = ['', '+48 ', '+48', '0048 ', '(+48) ', '48 ', '+48-', '0'];

function written(digits: string, grouping: number[], sep: string, prefix: string, bracketArea: boolean): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of grouping) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (bracketArea && grouping[0] === 2) parts[0] = `(${parts[0]})`;
  return prefix + parts.join(sep);
}

describe('tidyPhone', () => {
  it('reads a Polish number however it is written: the same nine digits, grouped to be read out', () => {
    fc.assert(
      fc.property(
        fc.oneof(nineDigits(MOBILE), nineDigits(LANDLINE)),
        fc.constantFrom(...GROUPINGS),
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom(...PREFIXES),
        fc.boolean(),
        (digits, grouping, sep, prefix, bracketArea) => {
          const typed = written(digits, grouping, sep, prefix, bracketArea);
          const tidy = tidyPhone(typed);
          expect(tidy, typed).not.toBeNull();
          expect(tidy!.replace(/ /g, ''), typed).toBe(digits);
          const mobile = MOBILE.includes(digits.slice(0, 2));
          expect(tidy, typed).toBe(mobile ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : `${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 7)} ${digits.slice(7)}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['(0-42) 123-45-67', '42 123 45 67'],
    ['+48 (42) 123 45 67', '42 123 45 67'],
    ['600700800', '600 700 800'],
    ['800 123 456', '800 123 456'],
    ['+48 0 600 700 800', '600 700 800'],
    ['+49 30 1234567', '+49 30 1234567'],
    ['0049-30-1234567', '+49 30 1234567'],
    ['(+380) 44 123 4567', '+380 44 123 4567'],
  ])('%s → %s', (typed, tidy) => {
    expect(tidyPhone(typed)).toBe(tidy);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['60070080', 'eight digits'],
    ['6007008001', 'ten digits without a trunk zero'],
    ['012 345 678', 'nine digits starting with 0'],
    ['600 700 80O', 'a letter O for a zero'],
    ['tel. 600 700 800', 'words around it'],
    ['600 700 800 wew. 12', 'an extension'],
    ['<b>600700800</b>', 'markup'],
    ['+12', 'too short with a country code'],
    ['+48 600 700 80', '+48 and eight digits'],
    ['+48 600 700 8000', '+48 and ten digits'],
    ['+4860070080', '+48 and eight digits, together'],
    ['+0 1234567', 'a country code starting with 0'],
    ['+1234567890123456', 'too long with a country code'],
    ['6'.repeat(400), 'absurdly long'],
  ])('refuses %j (%s)', (typed) => {
    expect(tidyPhone(typed)).toBeNull();
  });

  it('never throws, and what it returns is always digits in groups', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (typed) => {
        const tidy = tidyPhone(typed);
        if (tidy !== null) expect(tidy).toMatch(/^\+?\d+(?: \d+)*$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('checkContact', () => {
  const input = (over: Partial<Parameters<typeof checkContact>[0]> = {}) => ({ phone: '600 700 800', name: 'Jan Kowalski', honorific: 'pan' as const, spokenName: null, caseRef: 'CAZ.5410.12.2026', ...over });

  it('tidies what was typed: spaces collapsed, empty optional fields are null', () => {
    expect(checkContact(input({ phone: '+48600700800', name: '  Anna   Nowak-Jeziorańska ', honorific: 'pani', caseRef: '  ' }))).toEqual({
      ok: true,
      contact: { phone: '600 700 800', name: 'Anna Nowak-Jeziorańska', honorific: 'pani', spokenName: null, caseRef: null },
    });
  });

  it.each([
    [{ phone: '' }, 'phone', 'phoneRequired'],
    [{ phone: '12' }, 'phone', 'phoneInvalid'],
    [{ name: 'Jan <script>' }, 'name', 'nameInvalid'],
    [{ name: 'Jan 2 Kowalski' }, 'name', 'nameInvalid'],
    [{ name: 'J'.repeat(121) }, 'name', 'tooLong'],
    [{ caseRef: 'CAZ {x}' }, 'caseRef', 'caseRefInvalid'],
    [{ caseRef: 'CAZ\u202e.5410.77' }, 'caseRef', 'caseRefInvalid'],
    [{ caseRef: 'CAZ\u0000.5410' }, 'caseRef', 'caseRefInvalid'],
    [{ caseRef: 'CAZ\u200b.5410' }, 'caseRef', 'caseRefInvalid'],
    [{ caseRef: 'C'.repeat(61) }, 'caseRef', 'tooLong'],
    [{ spokenName: 'Panem <i>' }, 'spokenName', 'nameInvalid'],
  ] as const)('%j → %s: %s', (over, field, problem) => {
    expect(checkContact(input(over))).toEqual({ ok: false, problems: { [field]: problem } });
  });

  it.each(["Seán O'Neill", 'Jean-Luc de Virion', 'Анна Коваленко', 'Nguyễn Văn An', 'dr Jan Kowalski'])('accepts the name %j', (name) => {
    expect(checkContact(input({ name })).ok).toBe(true);
  });
});

describe('contactsToDrop', () => {
  const NOW = Date.UTC(2026, 11, 7, 12, 0);
  const DAY = 24 * 3600_000;
  const stored = (n: number, dueAt: number, storedAt = dueAt - DAY): StoredContact => ({
    callbackId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    phone: '600 700 800',
    name: null,
    honorific: null,
    spokenName: null,
    caseRef: null,
    dueAt: new Date(dueAt).toISOString(),
    storedAt: new Date(storedAt).toISOString(),
  });

  it('drops a contact the given number of days after its callback was due, not a minute before', () => {
    const justKept = stored(1, NOW - 14 * DAY);
    const justPast = stored(2, NOW - 14 * DAY - 60_000);
    const ids = new Set([justKept.callbackId, justPast.callbackId]);
    expect(contactsToDrop([justKept, justPast], ids, NOW, 14)).toEqual(new Set([justPast.callbackId]));
    expect(contactsToDrop([justKept, justPast], ids, NOW, 30)).toEqual(new Set());
  });

  it('drops the contact of a callback no longer open, but not one written a moment ago (its call is being saved)', () => {
    const closed = stored(1, NOW + DAY, NOW - ORPHAN_GRACE_MS - 1);
    const saving = stored(2, NOW + DAY, NOW - 1000);
    expect(contactsToDrop([closed, saving], new Set(), NOW, 14)).toEqual(new Set([closed.callbackId]));
  });
});
