import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, normaliseOfficePhone, OFFICE_PHONE_PROBLEM, PreferencesSchema } from '../../shared/settings/preferences';

/** The office's published number in the settings: a Polish number, kept as it is read out, or nothing. */
describe('the office’s phone number in the settings', () => {
  it.each([
    ['42 123 45 67', '42 123 45 67'],
    ['421234567', '42 123 45 67'],
    ['+48 42 123 45 67', '42 123 45 67'],
    ['+48421234567', '42 123 45 67'],
    ['42-123-45-67', '42 123 45 67'],
    [' 42 123 45 67 ', '42 123 45 67'],
    ['600 123 456', '600 123 456'],
    ['600-123-456', '600 123 456'],
    ['+48 600123456', '600 123 456'],
    ['800 100 100', '800 100 100'],
  ])('%s is kept as %s', (typed, kept) => {
    expect(normaliseOfficePhone(typed)).toBe(kept);
    expect(PreferencesSchema.parse({ officePhone: typed }).officePhone).toBe(kept);
    // What is kept reads the same again.
    expect(normaliseOfficePhone(kept)).toBe(kept);
  });

  it.each(['42 123 45 6', '42 123 45 678', '042 123 45 67', '0048 42 123 45 67', '48 42 123 45 67', '19524', 'tel. 42 123 45 67', '42/123/45/67', '(42) 123 45 67', '«opublikowany numer Urzędu — do uzupełnienia»', '+48', '++48 421234567', '42 123 45 67 wew. 12'])(
    '%s is refused, with a Polish message',
    (typed) => {
      expect(normaliseOfficePhone(typed)).toBeNull();
      const result = PreferencesSchema.safeParse({ officePhone: typed });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['officePhone', OFFICE_PHONE_PROBLEM]]);
      expect(OFFICE_PHONE_PROBLEM).toMatch(/^Nieprawidłowy numer telefonu Urzędu: potrzeba 9 cyfr/);
    },
  );

  it('empty, spaces only or absent: not known', () => {
    expect(DEFAULT_PREFERENCES.officePhone).toBeNull();
    expect(PreferencesSchema.parse({ officePhone: '' }).officePhone).toBeNull();
    expect(PreferencesSchema.parse({ officePhone: '   ' }).officePhone).toBeNull();
    expect(PreferencesSchema.parse({ officePhone: null }).officePhone).toBeNull();
    expect(PreferencesSchema.parse({}).officePhone).toBeNull();
  });

  it('a value of another type is refused', () => {
    expect(PreferencesSchema.safeParse({ officePhone: 421234567 }).success).toBe(false);
  });
});
