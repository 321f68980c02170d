import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema, type Directory } from '../../shared/directory/directory';
import { PreferencesSchema } from '../../shared/settings/preferences';
import { findOwnUnit, invitationSentence, routeMatter, routingSentence, siteLine } from '../../shared/directory/routing';
import { greetingFor, ScriptsSchema, type Scripts } from '../../shared/call/scripts';
import {
  confirmPersonSentence,
  isKnownFact,
  officePhoneInUse,
  sensitiveDataOfferSentence,
  someoneElseSentence,
  spokenSentence,
} from '../../shared/call/spoken-sentences';
import { PROFILE, SCRIPTS } from './fixtures';

/**
 * A caller never hears a placeholder. Every sentence the UI can build for
 * the clerk to say — the scripts, the routing and invitation lines for
 * every matter from every desk, the glossary's phrasings — is built here
 * from the shipped content, with the settings empty and filled, and none
 * may hold a placeholder or a value nobody knows.
 */
const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));

/** What an example file leaves to be filled in, and what a template leaves unfilled. */
const PLACEHOLDERS = ['do uzupełnienia', '000', '«', '»', '{', '}', '…', 'Pani / Pana', 'Panią / Pana', 'Pan / Pani'];
/** What a value nobody knows turns into when it is pasted into text. */
const UNKNOWN_VALUES = /\b(undefined|null|NaN)\b|\[object Object\]/g;

function placeholdersIn(sentence: string): string[] {
  return [...PLACEHOLDERS.filter((p) => sentence.toLowerCase().includes(p)), ...(sentence.match(UNKNOWN_VALUES) ?? [])];
}

const SETTINGS = {
  empty: PreferencesSchema.parse({}),
  filled: PreferencesSchema.parse({ officePhone: '+48 42-123-45-67' }),
};

/** Every sentence the UI can build for a call, with the office's number as the settings and the scripts give it. */
function everySentence(scripts: Scripts, officePhoneSetting: string | null, dir: Directory): { where: string; sentence: string | null }[] {
  const officePhone = officePhoneInUse(officePhoneSetting, scripts);
  const said: { where: string; sentence: string | null }[] = [
    { where: 'incomingGreeting', sentence: greetingFor('incoming', scripts, PROFILE) },
    { where: 'outgoingGreeting', sentence: greetingFor('outgoing', scripts, PROFILE) },
    { where: 'confirmPerson (named)', sentence: confirmPersonSentence(scripts, 'Panem Kowalskim') },
    { where: 'confirmPerson (unnamed)', sentence: confirmPersonSentence(scripts, '') },
    { where: 'confirmPerson (spaces)', sentence: confirmPersonSentence(scripts, '   ') },
    { where: 'goodMoment', sentence: spokenSentence(scripts.goodMoment, {}) },
    { where: 'askCallbackTime', sentence: spokenSentence(scripts.askCallbackTime, {}) },
    { where: 'someoneElse', sentence: someoneElseSentence(scripts, PROFILE, officePhone) },
    { where: 'sensitiveDataOffer', sentence: sensitiveDataOfferSentence(scripts, officePhone) },
    { where: 'closing', sentence: spokenSentence(scripts.closing, {}) },
    { where: 'invitation', sentence: invitationSentence() },
  ];
  // Every matter, from every desk: the clerk's own unit, each other unit, and no known unit.
  const desks = [null, ...dir.units.filter((u) => u.kind === 'office')];
  for (const desk of desks) {
    for (const matter of dir.matters) {
      const decision = routeMatter(dir, matter, desk);
      if (decision && decision.kind !== 'own-unit') said.push({ where: `routing ${matter.id} from ${desk?.id ?? '(no unit)'}`, sentence: routingSentence(decision) });
    }
  }
  for (const unit of dir.units) {
    if (unit.kind === 'external') said.push({ where: `routing to ${unit.id}`, sentence: routingSentence({ kind: 'external', unit }) });
    else said.push({ where: `routing to ${unit.id}`, sentence: routingSentence({ kind: 'other-unit', unit }) });
  }
  return said;
}

describe('no sentence meant to be said carries a placeholder', () => {
  for (const [name, preferences] of Object.entries(SETTINGS)) {
    it(`the scripts, routing and invitation lines from the built-in content, settings ${name}`, () => {
      const said = everySentence(SCRIPTS, preferences.officePhone, directory);
      expect(said.length).toBeGreaterThan(100);
      const problems = said.flatMap(({ where, sentence }) => (sentence === null ? [`${where}: left out`] : placeholdersIn(sentence).map((p) => `${where}: „${p}” in „${sentence}”`)));
      expect(problems).toEqual([]);
    });
  }

  it('with the settings empty no number is said; filled, the number in the settings is', () => {
    const empty = everySentence(SCRIPTS, SETTINGS.empty.officePhone, directory).map((s) => s.sentence!);
    expect(empty.filter((s) => /\d{2} \d{3}/.test(s))).toEqual([]);
    expect(someoneElseSentence(SCRIPTS, PROFILE, null)).toBe('Nazywam się Anna Nowak, Powiatowy Urząd Pracy w Łodzi. Proszę przekazać prośbę o kontakt z Urzędem. Dziękuję, do widzenia.');
    expect(sensitiveDataOfferSentence(SCRIPTS, null)).not.toMatch(/\d/);

    const phone = officePhoneInUse(SETTINGS.filled.officePhone, SCRIPTS);
    expect(phone).toBe('42 123 45 67');
    expect(someoneElseSentence(SCRIPTS, PROFILE, phone)).toBe('Nazywam się Anna Nowak, Powiatowy Urząd Pracy w Łodzi. Proszę przekazać prośbę o kontakt pod numerem 42 123 45 67. Dziękuję, do widzenia.');
    expect(sensitiveDataOfferSentence(SCRIPTS, phone)).toContain('42 123 45 67');
  });

  it('the glossary’s phrasings hold no placeholder either (the de-escalation card’s: test/renderer/spoken-phrasings.test.tsx)', () => {
    const phrasings = glossary.terms.map((t) => ({ where: `glossary ${t.id}`, sentence: t.sayIt }));
    expect(phrasings.flatMap(({ where, sentence }) => placeholdersIn(sentence).map((p) => `${where}: „${p}”`))).toEqual([]);
  });

  it('the shipped scripts name no placeholder as the office’s number: it is not known until someone fills it in', () => {
    expect(SCRIPTS.officePhone).toBeNull();
    expect(officePhoneInUse(null, SCRIPTS)).toBeNull();
  });
});

describe('an office file written with placeholders, as the old example had them', () => {
  // What an office's own directory may still hold: a file that loads must not put its placeholders into a sentence.
  const old = DirectorySchema.parse({
    version: 1,
    sites: [{ id: 'milionowa', name: 'Siedziba przy ul. Milionowej', address: 'ul. Milionowa 91, Łódź', hours: 'godziny — do uzupełnienia' }],
    units: [
      { id: 'dzial-a', name: 'Dział A', kind: 'office', site: 'milionowa', extension: 'wew. 000 (do uzupełnienia)', room: 'pokój — (do uzupełnienia)', hours: 'godziny — do uzupełnienia', description: 'Opis.' },
      { id: 'dzial-b', name: 'Dział B', kind: 'office', site: 'milionowa', extension: '214', description: 'Opis.' },
      { id: 'zus', name: 'ZUS', kind: 'external', phone: '«numer — do uzupełnienia»', hours: 'godziny — do uzupełnienia', description: 'Opis.' },
    ],
    matters: [
      { id: 'sprawa-a', title: 'Sprawa A', unit: 'dzial-a', complex: true, keywords: ['a'] },
      { id: 'sprawa-b', title: 'Sprawa B', unit: 'dzial-b', complex: false, keywords: ['b'] },
      { id: 'sprawa-z', title: 'Sprawa Z', unit: 'zus', complex: false, keywords: ['z'] },
    ],
  });
  const oldScripts = ScriptsSchema.parse({ ...SCRIPTS, officePhone: undefined });

  it('still loads (no source, no checked date), and no sentence built from it says a placeholder', () => {
    const said = everySentence(oldScripts, null, old);
    expect(said.flatMap(({ where, sentence }) => (sentence === null ? [`${where}: left out`] : placeholdersIn(sentence).map((p) => `${where}: „${p}”`)))).toEqual([]);
  });

  it('a known extension is said, an unknown one left out; an institution’s unknown number and hours too', () => {
    const unit = (id: string) => old.units.find((u) => u.id === id)!;
    expect(routingSentence({ kind: 'other-unit', unit: unit('dzial-b') })).toBe('Tą sprawą zajmuje się Dział B. Przełączę rozmowę albo podam numer wewnętrzny: 214.');
    expect(routingSentence({ kind: 'other-unit', unit: unit('dzial-a') })).toBe('Tą sprawą zajmuje się Dział A. Zaraz przełączę rozmowę.');
    expect(routingSentence({ kind: 'external', unit: unit('zus') })).toBe('Tą sprawą zajmuje się ZUS, nie nasz Urząd.');
    expect(routingSentence({ kind: 'external', unit: { ...unit('zus'), phone: '22 560 16 00', hours: 'pon.–pt. 7:00–18:00' } })).toBe(
      'Tą sprawą zajmuje się ZUS, nie nasz Urząd. Numer telefonu: 22 560 16 00. Godziny pracy: pon.–pt. 7:00–18:00.',
    );
    expect(routingSentence({ kind: 'own-unit', unit: unit('dzial-a') })).toBeNull();
    expect(findOwnUnit(old, { unit: 'Dział A' })?.id).toBe('dzial-a');
  });

  it('its site, named after its street, is shown with the street once', () => {
    expect(siteLine(old.sites[0]!)).toBe('ul. Milionowa 91, Łódź');
  });
});

describe('spokenSentence', () => {
  it('fills every field it knows and leaves the sentence out when one is not known', () => {
    expect(spokenSentence('Numer: {phone}.', { phone: ' 42 123 45 67 ' })).toBe('Numer: 42 123 45 67.');
    expect(spokenSentence('Numer: {phone}.', {})).toBeNull();
    expect(spokenSentence('Numer: {phone}.', { phone: null })).toBeNull();
    expect(spokenSentence('Numer: {phone}.', { phone: '   ' })).toBeNull();
    expect(spokenSentence('Bez pól.', {})).toBe('Bez pól.');
  });

  it('takes text left to be filled in for an unknown value, and a template holding such text for no sentence', () => {
    for (const placeholder of ['wew. 000 (do uzupełnienia)', '«opublikowany numer Urzędu — do uzupełnienia»', '…', 'pokój — (Do uzupełnienia)']) {
      expect(isKnownFact(placeholder), placeholder).toBe(false);
      expect(spokenSentence('Numer: {phone}.', { phone: placeholder }), placeholder).toBeNull();
    }
    expect(spokenSentence('Czy rozmawiam z Panią / Panem …?', {})).toBeNull();
    expect(isKnownFact('19524')).toBe(true);
    expect(isKnownFact('1000')).toBe(true);
  });

  it('a field name that is an object’s own property elsewhere is not a value', () => {
    expect(spokenSentence('{toString} {constructor}', {})).toBeNull();
  });
});

describe('the office’s number: one source of truth', () => {
  const inFile = ScriptsSchema.parse({ ...SCRIPTS, officePhone: '42 600 00 01' });

  it('the settings win; the scripts file is used when the settings are empty; neither: unknown', () => {
    expect(officePhoneInUse('42 123 45 67', inFile)).toBe('42 123 45 67');
    expect(officePhoneInUse(null, inFile)).toBe('42 600 00 01');
    expect(officePhoneInUse('', inFile)).toBe('42 600 00 01');
    expect(officePhoneInUse(undefined, SCRIPTS)).toBeNull();
  });

  it('a scripts file with a placeholder, or anything not a number, as the office’s number is refused at that field', () => {
    const result = ScriptsSchema.safeParse({ ...SCRIPTS, officePhone: '«opublikowany numer Urzędu — do uzupełnienia»' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['officePhone']);
    expect(ScriptsSchema.parse({ ...SCRIPTS, officePhone: '+48421234567' }).officePhone).toBe('42 123 45 67');
    const { officePhone: _absent, ...withoutPhone } = SCRIPTS;
    expect(ScriptsSchema.parse(withoutPhone).officePhone).toBeNull();
  });

  it('a script with text left to fill in is refused, naming the script', () => {
    const result = ScriptsSchema.safeParse({ ...SCRIPTS, confirmPersonUnnamed: 'Czy rozmawiam z Panią / Panem …?' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['confirmPersonUnnamed']);
    expect(result.error!.issues[0]!.message).toMatch(/^tekst do uzupełnienia/);
  });

  it('the sentences said without a number may not ask for one', () => {
    const result = ScriptsSchema.safeParse({ ...SCRIPTS, someoneElseWithoutPhone: 'Nazywam się {firstName} {lastName}, {officeName}. Proszę oddzwonić pod {officePhone}.' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['someoneElseWithoutPhone']);
  });

  it('a scripts file from before these sentences existed still loads, with sentences that need no number', () => {
    const { someoneElseWithoutPhone: _a, sensitiveDataOfferWithoutPhone: _b, ...older } = SCRIPTS;
    const scripts = ScriptsSchema.parse(older);
    expect(someoneElseSentence(scripts, PROFILE, null)).toMatch(/^Nazywam się Anna Nowak, Powiatowy Urząd Pracy w Łodzi\. Proszę przekazać prośbę o kontakt z Urzędem\./);
    expect(sensitiveDataOfferSentence(scripts, null)).not.toBeNull();
  });
});
