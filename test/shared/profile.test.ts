import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OFFICE_NAME,
  emptyProfileInput,
  PROFILE_ERROR_CODES,
  PROFILE_LIMITS,
  tidyText,
  validateProfile,
  type ProfileErrorCode,
  type ProfileInput,
} from '../../shared/settings/profile';

const valid: ProfileInput = {
  firstName: 'Anna',
  lastName: 'Nowak',
  role: 'pracownik',
  unit: 'Dział Ewidencji i Świadczeń',
  officeName: DEFAULT_OFFICE_NAME,
};

function errorsFor(patch: Record<string, unknown>) {
  const result = validateProfile({ ...valid, ...patch });
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(patch)}`);
  return result.errors;
}

function acceptedValue(patch: Record<string, unknown>) {
  const result = validateProfile({ ...valid, ...patch });
  if (!result.ok) throw new Error(`unexpected errors ${JSON.stringify(result.errors)} for ${JSON.stringify(patch)}`);
  return result.value;
}

describe('validateProfile', () => {
  it('accepts a complete profile and returns it', () => {
    expect(validateProfile(valid)).toEqual({ ok: true, value: valid });
  });

  it('the empty form is not valid: names and unit are required, the default office name is fine', () => {
    expect(validateProfile(emptyProfileInput())).toEqual({
      ok: false,
      errors: { firstName: 'required', lastName: 'required', unit: 'required' },
    });
  });

  it.each(['firstName', 'lastName', 'unit', 'officeName'] as const)('%s: empty or only white space is "required"', (field) => {
    expect(errorsFor({ [field]: '' })).toEqual({ [field]: 'required' });
    expect(errorsFor({ [field]: '   ' })).toEqual({ [field]: 'required' });
    expect(errorsFor({ [field]: ' \t\n ' })).toEqual({ [field]: 'required' });
  });

  it.each(['firstName', 'lastName', 'unit', 'officeName'] as const)('%s: a missing field is "required"', (field) => {
    const input: Record<string, unknown> = { ...valid };
    delete input[field];
    expect(validateProfile(input)).toEqual({ ok: false, errors: { [field]: 'required' } });
  });

  it.each([
    ['firstName', PROFILE_LIMITS.firstName],
    ['lastName', PROFILE_LIMITS.lastName],
    ['unit', PROFILE_LIMITS.unit],
    ['officeName', PROFILE_LIMITS.officeName],
  ] as const)('%s: exactly %i characters are accepted, one more is "tooLong"', (field, limit) => {
    const atLimit = `Ż${'ż'.repeat(limit - 1)}`;
    expect(acceptedValue({ [field]: atLimit })[field]).toBe(atLimit);
    expect(errorsFor({ [field]: `${atLimit}a` })).toEqual({ [field]: 'tooLong' });
  });

  it('counts the length after tidying, so surrounding spaces do not make a name too long', () => {
    const forty = `A${'a'.repeat(PROFILE_LIMITS.firstName - 1)}`;
    expect(acceptedValue({ firstName: `   ${forty}   ` }).firstName).toBe(forty);
  });

  it.each(['firstName', 'lastName'] as const)('%s: a lower-case start, or a single letter, is not a name for the greeting', (field) => {
    expect(errorsFor({ [field]: 'anna' })).toEqual({ [field]: 'lowercase' });
    expect(errorsFor({ [field]: 'X' })).toEqual({ [field]: 'tooShort' });
    expect(acceptedValue({ [field]: 'Ob' })[field]).toBe('Ob');
  });

  it.each(['firstName', 'lastName'] as const)('%s: names with particles and apostrophes are names; markup has its own word', (field) => {
    for (const name of ['de Virion', 'von Trapp', 'van der Berg', 'di Stefano', "O'Neill", 'D’Artagnan', 'Nowak-Kowalska', 'de la Cruz']) expect(acceptedValue({ [field]: name })[field]).toBe(name);
    // A particle alone, or a particle before another lower-case word, is still a typo.
    for (const name of ['de', 'von trapp', 'anna de']) expect(errorsFor({ [field]: name })).toEqual({ [field]: 'lowercase' });
    for (const name of ['<b>Anna</b>', 'Anna<script>', 'Anna & Jan', '{{Anna}}', 'javascript:Anna']) expect(errorsFor({ [field]: name })).toEqual({ [field]: 'markup' });
  });

  it.each(['unit', 'officeName'] as const)('%s: punctuation alone is not a name', (field) => {
    expect(errorsFor({ [field]: '.' })).toEqual({ [field]: 'noLetters' });
    expect(errorsFor({ [field]: '-- 12 --' })).toEqual({ [field]: 'noLetters' });
  });

  it.each(['firstName', 'lastName'] as const)('%s: digits are rejected with "digits"', (field) => {
    expect(errorsFor({ [field]: 'Anna2' })).toEqual({ [field]: 'digits' });
    expect(errorsFor({ [field]: 'J4n' })).toEqual({ [field]: 'digits' });
    expect(errorsFor({ [field]: '007' })).toEqual({ [field]: 'digits' });
  });

  it.each(['Zażółć-Gęślą', "O'Neill", 'D’Arc', 'Anna Maria', 'Nowak-Kowalska', 'Łucja', 'Żaneta', 'Ćwik', 'José', 'Ørsted'])(
    'accepts the name %s',
    (name) => {
      const value = acceptedValue({ firstName: name, lastName: name });
      expect(value.firstName).toBe(name);
      expect(value.lastName).toBe(name);
    },
  );

  it.each(['Anna!', 'Anna_Maria', 'Anna--Maria', '-Anna', 'Anna-', "'Anna", 'Anna.', '@nna', 'Anna/Maria', 'Anna (Ania)'])(
    'rejects the name %s with "invalidChars"',
    (name) => {
      expect(errorsFor({ firstName: name })).toEqual({ firstName: 'invalidChars' });
    },
  );

  it('the unit and the office are free text: digits and punctuation are fine', () => {
    const value = acceptedValue({ unit: 'Referat nr 2 (CAZ), pok. 14', officeName: 'PUP w Łodzi – Filia nr 1' });
    expect(value.unit).toBe('Referat nr 2 (CAZ), pok. 14');
  });

  it.each(['pracownik', 'stazysta'] as const)('accepts the role %s', (role) => {
    expect(acceptedValue({ role }).role).toBe(role);
  });

  it.each(['kierownik', '', 'Pracownik', 'stażysta', null, 1])('rejects the role %j with "required"', (role) => {
    expect(errorsFor({ role })).toEqual({ role: 'required' });
  });

  it('tidies white space in every text field', () => {
    const value = acceptedValue({
      firstName: '  Anna  ',
      lastName: ' Nowak-Kowalska\u00a0',
      unit: '  Dział   Ewidencji\t i  Świadczeń ',
      officeName: '\nPowiatowy  Urząd Pracy w Łodzi ',
    });
    expect(value).toMatchObject({
      firstName: 'Anna',
      lastName: 'Nowak-Kowalska',
      unit: 'Dział Ewidencji i Świadczeń',
      officeName: 'Powiatowy Urząd Pracy w Łodzi',
    });
  });

  it('collapses inner runs of white space in a name ("Anna   Maria" is "Anna Maria")', () => {
    expect(acceptedValue({ firstName: 'Anna \t  Maria' }).firstName).toBe('Anna Maria');
  });

  it('gives every invalid field exactly one code, the first problem in the order required, tooLong, digits, invalidChars', () => {
    const result = validateProfile({
      firstName: `${'A1!'.repeat(20)}`, // too long, with digits and odd characters
      lastName: 'Kowalski3!', // digits and odd characters
      role: 'dyrektor',
      unit: 'x'.repeat(PROFILE_LIMITS.unit + 1),
      officeName: '  ',
    });
    expect(result).toEqual({
      ok: false,
      errors: { firstName: 'tooLong', lastName: 'digits', role: 'required', unit: 'tooLong', officeName: 'required' },
    });
  });

  it('property: errors name only invalid fields, one known code each; valid iff no errors', () => {
    const CODES: readonly ProfileErrorCode[] = PROFILE_ERROR_CODES;
    const text = fc.oneof(
      fc.string({ maxLength: 130 }),
      fc.constantFrom('Anna', 'Zażółć-Gęślą', "O'Neill", '  Anna  ', '', ' ', 'Anna2', 'a'.repeat(41)),
    );
    const field = fc.oneof(text, fc.constant(undefined), fc.integer());
    const role = fc.oneof(fc.constantFrom('pracownik', 'stazysta', 'kierownik', ''), fc.string());
    fc.assert(
      fc.property(fc.record({ firstName: field, lastName: field, role, unit: field, officeName: field }), (input) => {
        const result = validateProfile(input);
        if (result.ok) {
          for (const key of ['firstName', 'lastName', 'unit', 'officeName'] as const) {
            expect(result.value[key]).toBe(tidyText(input[key] as string));
            expect(result.value[key].length).toBeGreaterThan(0);
          }
          return;
        }
        const entries = Object.entries(result.errors);
        expect(entries.length).toBeGreaterThan(0);
        for (const [key, code] of entries) {
          expect(['firstName', 'lastName', 'role', 'unit', 'officeName']).toContain(key);
          expect(CODES).toContain(code);
        }
        // A field's verdict does not depend on the other fields: put each field
        // alone into an otherwise valid profile and it gets the same code (or none).
        for (const key of ['firstName', 'lastName', 'role', 'unit', 'officeName'] as const) {
          const alone = validateProfile({ ...valid, [key]: input[key] });
          const code = result.errors[key];
          if (code) expect(alone).toEqual({ ok: false, errors: { [key]: code } });
          else expect(alone.ok).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tidyText', () => {
  it.each([
    ['  Anna  ', 'Anna'],
    ['Anna   Maria', 'Anna Maria'],
    ['\tAnna\nMaria\r\n', 'Anna Maria'],
    ['Anna\u00a0Maria', 'Anna Maria'],
    ['   ', ''],
    ['Anna', 'Anna'],
  ])('%j → %j', (input, expected) => {
    expect(tidyText(input)).toBe(expected);
  });

  it('is idempotent and leaves no leading, trailing or doubled white space', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const t = tidyText(s);
        expect(tidyText(t)).toBe(t);
        expect(t).not.toMatch(/^\s|\s$|\s\s/u);
      }),
      { numRuns: 1000 },
    );
  });
});
