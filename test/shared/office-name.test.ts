import { describe, expect, it } from 'vitest';
import { officeNameGenitive } from '../../shared/polish/office-name';
import { greetingFor } from '../../shared/call/scripts';
import { SCRIPTS } from './fixtures';

describe('officeNameGenitive', () => {
  it.each([
    ['Powiatowy Urząd Pracy w Łodzi', 'Powiatowego Urzędu Pracy w Łodzi'],
    ['Miejski Urząd Pracy w Lublinie', 'Miejskiego Urzędu Pracy w Lublinie'],
    ['Wojewódzki Urząd Pracy w Łodzi', 'Wojewódzkiego Urzędu Pracy w Łodzi'],
    ['Urząd Pracy m.st. Warszawy', 'Urzędu Pracy m.st. Warszawy'],
    ['Powiatowy urząd pracy w Zgierzu', 'Powiatowego urzędu pracy w Zgierzu'],
    ['  Powiatowy Urząd Pracy   ', 'Powiatowego Urzędu Pracy'],
  ])('%s → %s', (name, genitive) => {
    expect(officeNameGenitive(name)).toBe(genitive);
  });

  it.each(['PUP Łódź', 'Centrum Aktywizacji Zawodowej', 'Urząd Pracowniczy', 'Powiatowa Urząd Pracy', 'Urząd Miasta Łodzi', ''])('does not guess at %j', (name) => {
    expect(officeNameGenitive(name)).toBeNull();
  });
});

describe('the outbound greeting', () => {
  const clerk = { firstName: 'Ewa', lastName: 'Zielińska', unit: 'Centrum Aktywizacji Zawodowej' };

  it('says "dzwonię z" and the office in the genitive', () => {
    expect(greetingFor('outgoing', SCRIPTS, { ...clerk, officeName: 'Powiatowy Urząd Pracy w Łodzi' })).toBe(
      'Dzień dobry, nazywam się Ewa Zielińska, dzwonię z Powiatowego Urzędu Pracy w Łodzi, Centrum Aktywizacji Zawodowej.',
    );
  });

  it('names an office whose name does not decline as it is, without "dzwonię z"', () => {
    expect(greetingFor('outgoing', SCRIPTS, { ...clerk, officeName: 'PUP Łódź' })).toBe('Dzień dobry, nazywam się Ewa Zielińska, PUP Łódź, Centrum Aktywizacji Zawodowej.');
  });

  it('the incoming greeting is unchanged', () => {
    expect(greetingFor('incoming', SCRIPTS, { ...clerk, officeName: 'Powiatowy Urząd Pracy w Łodzi' })).toBe(
      'Dzień dobry, Powiatowy Urząd Pracy w Łodzi, Centrum Aktywizacji Zawodowej. Nazywam się Ewa Zielińska. W czym mogę pomóc?',
    );
  });
});
