import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incomingGreeting } from '../../shared/greeting';
import { PROFILE_LIMITS, validateProfile } from '../../shared/profile';

const anna = {
  firstName: 'Anna',
  lastName: 'Nowak-Kowalska',
  unit: 'Dział Ewidencji i Świadczeń',
  officeName: 'Powiatowy Urząd Pracy w Łodzi',
};

describe('incomingGreeting (§6 pkt 6)', () => {
  it('names the office, the unit and the clerk by first and last name', () => {
    const greeting = incomingGreeting(anna);
    expect(greeting).toContain('Powiatowy Urząd Pracy w Łodzi');
    expect(greeting).toContain('Dział Ewidencji i Świadczeń');
    expect(greeting).toContain('Anna Nowak-Kowalska');
  });

  it('opens with the office and unit and introduces the clerk after them', () => {
    const greeting = incomingGreeting(anna);
    const office = greeting.indexOf(anna.officeName);
    const unit = greeting.indexOf(anna.unit);
    const name = greeting.indexOf(`${anna.firstName} ${anna.lastName}`);
    expect(office).toBeGreaterThanOrEqual(0);
    expect(office).toBeLessThan(unit);
    expect(unit).toBeLessThan(name);
  });

  it('is a polite, complete sentence: starts with a greeting and ends with an offer of help', () => {
    const greeting = incomingGreeting(anna);
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
          const greeting = incomingGreeting(p);
          expect(greeting).toContain(p.officeName);
          expect(greeting).toContain(p.unit);
          expect(greeting).toContain(`${p.firstName} ${p.lastName}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
