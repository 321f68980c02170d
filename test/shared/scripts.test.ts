import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillTemplate, greetingFor, ScriptsSchema } from '../../shared/call/scripts';
import { SCRIPTS } from './fixtures';
import { PROFILE_LIMITS, validateProfile } from '../../shared/settings/profile';

const anna = {
  firstName: 'Anna',
  lastName: 'Nowak-Kowalska',
  unit: 'Dział Ewidencji i Świadczeń',
  officeName: 'Powiatowy Urząd Pracy w Łodzi',
};

describe('incomingGreeting (§6 pkt 6)', () => {
  it('names the office, the unit and the clerk by first and last name', () => {
    const greeting = greetingFor('incoming', SCRIPTS, anna);
    expect(greeting).toContain('Powiatowy Urząd Pracy w Łodzi');
    expect(greeting).toContain('Dział Ewidencji i Świadczeń');
    expect(greeting).toContain('Anna Nowak-Kowalska');
  });

  it('opens with the office and unit and introduces the clerk after them', () => {
    const greeting = greetingFor('incoming', SCRIPTS, anna);
    const office = greeting.indexOf(anna.officeName);
    const unit = greeting.indexOf(anna.unit);
    const name = greeting.indexOf(`${anna.firstName} ${anna.lastName}`);
    expect(office).toBeGreaterThanOrEqual(0);
    expect(office).toBeLessThan(unit);
    expect(unit).toBeLessThan(name);
  });

  it('is a polite, complete sentence: starts with a greeting and ends with an offer of help', () => {
    const greeting = greetingFor('incoming', SCRIPTS, anna);
    expect(greeting).toMatch(/^Dzień dobry/);
    expect(greeting).toMatch(/\?$/);
  });

  it('property: every field of any valid profile appears whole in the greeting', () => {
    const name = fc
      .array(fc.constantFrom('Anna', 'Zażółć', 'Gęślą', "O'Neill", 'Łucja', 'Jan', 'Maria'), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join('-'));
    const freeText = fc.string({ minLength: 1, maxLength: PROFILE_LIMITS.unit }).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(
        name,
        name,
        freeText,
        freeText,
        (firstName, lastName, unit, officeName) => {
          const checked = validateProfile({ firstName, lastName, role: 'pracownik', unit, officeName });
          fc.pre(checked.ok);
          if (!checked.ok) return;
          const p = checked.value;
          const greeting = greetingFor('incoming', SCRIPTS, p);
          expect(greeting).toContain(p.officeName);
          expect(greeting).toContain(p.unit);
          expect(greeting).toContain(`${p.firstName} ${p.lastName}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('outgoing greeting (§6 pkt 6)', () => {
  it('names the clerk, the office and the unit', () => {
    const greeting = greetingFor('outgoing', SCRIPTS, anna);
    // The office after "dzwonię z", in the genitive (office-name.test.ts has the forms).
    for (const fact of [anna.firstName, anna.lastName, 'dzwonię z Powiatowego Urzędu Pracy w Łodzi', anna.unit]) expect(greeting).toContain(fact);
    expect(greeting).not.toBe(greetingFor('incoming', SCRIPTS, anna));
  });
});

describe('ScriptsSchema', () => {
  it('rejects a greeting that leaves out a fact the standard requires, naming it', () => {
    const result = ScriptsSchema.safeParse({ ...SCRIPTS, incomingGreeting: 'Dzień dobry, {officeName}. Mówi {firstName}.' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(['incomingGreeting: brak wymaganego pola {lastName}', 'incomingGreeting: brak wymaganego pola {unit}']);
  });

  it('rejects an unknown placeholder', () => {
    const result = ScriptsSchema.safeParse({ ...SCRIPTS, closing: 'Do widzenia, {client}.' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^nieznane pole \{client\}/);
  });

  it('rejects a missing script', () => {
    const { closing: _closing, ...rest } = SCRIPTS;
    expect(ScriptsSchema.safeParse(rest).success).toBe(false);
  });
});

describe('fillTemplate', () => {
  it('fills known facts and shows a missing one as an ellipsis', () => {
    expect(fillTemplate('Czy rozmawiam z {person}?', { person: 'Panem Kowalskim' })).toBe('Czy rozmawiam z Panem Kowalskim?');
    expect(fillTemplate('Czy rozmawiam z {person}?', {})).toBe('Czy rozmawiam z …?');
  });
});

