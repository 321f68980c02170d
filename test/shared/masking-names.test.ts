import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../shared/masking/data/first-names-pl';
import { isPlainProse, MASK_TOKENS, maskIdentifiers } from '../../shared/masking/masking';
import { findNames } from '../../shared/masking/masking-names';
import { firstNameForms, foldWord } from '../../shared/masking/name-forms';
import { draftText, storedCallbackReference, storedNote, storedUnitName } from '../../shared/masking/stored-text';
import { validPesel } from './arbitraries';

/**
 * No client's name is stored: "Pan Jan Kowalski dzwonił" is kept as "Pan
 * [nazwisko] dzwonił". The inputs are generated as a class — every case form
 * of "Pan"/"Pani" with names of the shipped list, double surnames, particles,
 * casings — and what must stay (units, institutions, streets named after
 * people, places, sentence starts, function titles) is a list read back
 * verbatim.
 */
const NAME = MASK_TOKENS.name;
const mask = (text: string) => maskIdentifiers(text).text;

const HONORIFICS = [
  'Pan', 'Pana', 'Panu', 'Panem', 'Panie', 'Pani', 'Panią', 'Panowie', 'Panów', 'Panom', 'Panami', 'Panach',
  'Państwo', 'Państwa', 'Państwu', 'Państwem', 'Panna', 'Panny', 'pan', 'pana', 'panu', 'panem', 'panie', 'pani',
  'panią', 'państwo', 'państwa', 'p.', 'P.', 'PAN', 'PANI',
];

const SURNAMES = [
  'Kowalski', 'Kowalska', 'Nowak', 'Wiśniewska', 'Wójcik', 'Kowalczyk', 'Kamińskiego', 'Lewandowską', 'Zieliński',
  'Woźniak', 'Dąbrowskiej', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowska', 'Grabowski', 'Pawlak', 'Walczak',
  'Stępień', 'Sikora', 'Duda', 'Zając', 'Wieczorek', 'Król', 'Wilk', 'Lis', 'Bąk', 'Szulc', 'Baran', 'Adamczyk',
  'Melnyk', 'Szewczenko', 'Bondarenko', 'Kowalczuk', 'Brzęczyszczykiewicz', 'Mickiewiczowa',
  // Surnames that are also adjectives of places, or places and weekdays: after "Pan"/"Pani" they are names.
  'Brzeziński', 'Mazowiecki', 'Słowacki', 'Krakowska', 'Kalisz', 'Piątek', 'Niedziela', 'Czech',
];
const COMPOUND_SURNAMES = ['Nowak-Jeziorańska', 'Kowalska-Wiśniewska', 'Skłodowska-Curie', "O'Neill", "D'Angelo", 'de Virion', 'von Trapp', 'van der Berg'];

/** Every name a honorific may be followed by: a surname, a first name and a surname, two first names, a compound. */
const NAMES_AFTER_HONORIFIC = [
  ...SURNAMES,
  ...COMPOUND_SURNAMES.filter((s) => /^\p{Lu}/u.test(s)),
  ...['Jan Kowalski', 'Anna Nowak', 'Anna Maria Nowak-Jeziorańska', 'Jan de Virion', 'Anna van der Berg', 'Piotr von Trapp',
    'Łukasz Wiśniewski', 'Lukasz Zielinski', 'J. Kowalski', 'Oksana Melnyk', 'Mykoła Bondarenko', 'Jerzy', 'Janie', 'Anno'],
];

const upper = (s: string) => s.toUpperCase();

describe('after an honorific in any case form, the capitalised words are masked, the honorific is kept', () => {
  it('every honorific × every name × as typed and in capitals', () => {
    let cases = 0;
    for (const honorific of HONORIFICS) {
      for (const name of NAMES_AFTER_HONORIFIC) {
        for (const written of [name, upper(name)]) {
          expect(mask(`${honorific} ${written} dzwonił w sprawie zasiłku.`), `${honorific} ${written}`).toBe(`${honorific} ${NAME} dzwonił w sprawie zasiłku.`);
          expect(mask(`Rozmawiałam z ${honorific} ${written}, oddzwoni.`), `${honorific} ${written}`).toBe(`Rozmawiałam z ${honorific} ${NAME}, oddzwoni.`);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(1_000);
  });

  it('past a function title, which is kept ("Pan Dyrektor Kowalski", "Pani dr Nowak")', () => {
    const titles = ['Dyrektor', 'Kierownik', 'Prezes', 'Naczelnik', 'Doradca', 'Inspektor', 'Mecenas', 'Dr', 'dr', 'dr.', 'mgr inż.', 'Kierowniczka', 'Starosta', 'Sędzia'];
    for (const honorific of ['Pan', 'Pani', 'Panem', 'Panią', 'pani', 'p.']) {
      for (const title of titles) {
        for (const name of ['Kowalski', 'Anna Nowak', 'Nowak-Jeziorańska']) {
          expect(mask(`${honorific} ${title} ${name} prosi o pismo`)).toBe(`${honorific} ${title} ${NAME} prosi o pismo`);
        }
      }
    }
  });

  it('an adjective after "Pan"/"Pani" is a surname, unless an office or the state follows', () => {
    expect(mask('Pan Polski dzwonił')).toBe(`Pan ${NAME} dzwonił`);
    expect(mask('Pani Anna Polska dzwoniła')).toBe(`Pani ${NAME} dzwoniła`);
    expect(mask('Pan Główny Księgowy dzwonił')).toBe('Pan Główny Księgowy dzwonił');
    expect(mask('Pani Powiatowego Urzędu Pracy')).toBe('Pani Powiatowego Urzędu Pracy');
    expect(mask('Państwo Polskie')).toBe('Państwo Polskie');
  });

  it('a first name typed in lower case after a honorific ("pan jan kowalski")', () => {
    expect(mask('pan jan kowalski dzwonił')).toBe(`pan ${NAME} dzwonił`);
    expect(mask('rozmowa z panią anną')).toBe(`rozmowa z panią ${NAME}`);
    expect(mask('pani ewa nowak-jeziorańska')).toBe(`pani ${NAME}`);
    expect(mask('pan kowalski prosi')).toBe(`pan ${NAME} prosi`);
  });

  it('a word after a lower-case honorific that is an everyday word stays ("pan mieszka w Zgierzu")', () => {
    for (const note of ['pan mieszka w Zgierzu', 'pani ma zaległość', 'pan idzie na staż', 'pani inna niż ostatnio', 'państwo mają dzieci', 'pani prosi o kontakt', 'pan dzwonił wczoraj', 'pani ani razu nie przyszła']) {
      expect(mask(note)).toBe(note);
    }
  });

  it('a preposition after the honorific: the unit is named, not a person ("pani z Działu Ewidencji")', () => {
    for (const note of ['pani z Działu Ewidencji oddzwoni', 'Pan z Urzędu Skarbowego', 'pani od Staży', 'pan ze Zgierza', 'Pani w Kancelarii przyjęła pismo', 'Państwo z MOPS-u']) {
      expect(mask(note)).toBe(note);
    }
  });
});

describe('a first name from the shipped list, in every case form, is masked with the surname after it', () => {
  const everyForm = [
    ...MALE_FIRST_NAMES.flatMap((n) => firstNameForms(n, 'male').map((f) => [n, f] as const)),
    ...FEMALE_FIRST_NAMES.flatMap((n) => firstNameForms(n, 'female').map((f) => [n, f] as const)),
  ];
  const capitalised = (f: string) => f[0]!.toUpperCase() + f.slice(1);

  it('the list holds at least 400 names, each once, the source named', () => {
    expect(MALE_FIRST_NAMES.length).toBeGreaterThanOrEqual(200);
    expect(FEMALE_FIRST_NAMES.length).toBeGreaterThanOrEqual(200);
    const all = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES];
    expect(new Set(all).size).toBe(all.length);
    const header = readFileSync('shared/masking/data/first-names-pl.ts', 'utf8').slice(0, 1_000);
    for (const said of ['Lista imion występujących w rejestrze PESEL', 'dane.gov.pl', 'selection']) expect(header).toContain(said);
  });

  it('the forms the brief names are made by rule', () => {
    expect(firstNameForms('Jan', 'male')).toEqual(expect.arrayContaining(['jan', 'jana', 'janowi', 'janem', 'janie']));
    expect(firstNameForms('Anna', 'female')).toEqual(expect.arrayContaining(['anna', 'anny', 'annie', 'annę', 'anną']));
    expect(firstNameForms('Paweł', 'male')).toEqual(expect.arrayContaining(['pawła', 'pawłowi', 'pawłem', 'pawle']));
    expect(firstNameForms('Marek', 'male')).toEqual(expect.arrayContaining(['marka', 'markowi', 'markiem', 'marku']));
    expect(firstNameForms('Agnieszka', 'female')).toEqual(expect.arrayContaining(['agnieszki', 'agnieszce', 'agnieszkę', 'agnieszką']));
    expect(firstNameForms('Małgorzata', 'female')).toEqual(expect.arrayContaining(['małgorzaty', 'małgorzacie']));
    expect(firstNameForms('Jerzy', 'male')).toEqual(expect.arrayContaining(['jerzego', 'jerzemu', 'jerzym']));
    expect(firstNameForms('Maria', 'female')).toEqual(expect.arrayContaining(['marii', 'marię', 'marią']));
  });

  it(`every form of every name (${everyForm.length}), with a surname, mid-sentence: masked`, () => {
    for (const [name, form] of everyForm) {
      const typed = capitalised(form);
      expect(mask(`rozmawiałam z ${typed} Nowak o zasiłku`), `${name}: ${typed}`).toBe(`rozmawiałam z ${NAME} o zasiłku`);
      expect(mask(`rozmawiałam z ${typed} Nowak-Jeziorańską`), `${name}: ${typed}`).toBe(`rozmawiałam z ${NAME}`);
    }
  });

  // Typed without Polish letters, these forms are other words: "Czeska" the adjective (Cześka, of Czesiek), "Kasie" of "kasa" (Kasię).
  const FOLDED_COLLISIONS = new Set(['Czeska', 'Kasie']);

  it('every form of every name alone, mid-sentence, typed with or without Polish letters: masked', () => {
    for (const [name, form] of everyForm) {
      for (const typed of [capitalised(form), capitalised(foldWord(form))].filter((t) => !FOLDED_COLLISIONS.has(t))) {
        expect(mask(`oddzwoni ${typed} w sprawie stażu`), `${name}: ${typed}`).toBe(`oddzwoni ${NAME} w sprawie stażu`);
      }
    }
  });

  it('a surname before the first name, official style ("Kowalska Anna"); a verb or a noun before it stays', () => {
    expect(mask('Kowalska Anna prosi o kontakt')).toBe(`${NAME} prosi o kontakt`);
    expect(mask('Nowak Jan, ur. w Zgierzu')).toBe(`${NAME}, ur. w Zgierzu`);
    expect(mask('Dzwoniła Anna Nowak')).toBe(`Dzwoniła ${NAME}`);
    expect(mask('Klient Jan Kowalski prosi')).toBe(`Klient ${NAME} prosi`);
    expect(mask('Wniosek Jana Kowalskiego przekazany')).toBe(`Wniosek ${NAME} przekazany`);
  });

  it('a surname shaped like one ("-ski", "-cka", "-wicz"), or an initial and a surname, without a first name', () => {
    expect(mask('dzwoniła Kowalska w sprawie stażu')).toBe(`dzwoniła ${NAME} w sprawie stażu`);
    expect(mask('rozmawiałam z Zawadzkim')).toBe(`rozmawiałam z ${NAME}`);
    expect(mask('skarga na Brzęczyszczykiewicza')).toBe(`skarga na ${NAME}`);
    expect(mask('dzwonił J. Kowalski')).toBe(`dzwonił ${NAME}`);
    expect(mask('Przekazano A. Nowak do decyzji')).toBe(`Przekazano ${NAME} do decyzji`);
  });

  it('everyday words that are also names stay alone at a sentence start, are names with a surname', () => {
    for (const note of ['Mają problem z ZUS.', 'Mieszka w Zgierzu.', 'Inna sprawa: zaświadczenie.', 'Pole nr 5 puste.', 'Róża.', 'Idzie na staż.', 'Życie zawodowe.']) {
      expect(mask(note)).toBe(note);
    }
    expect(mask('Róża Nowak dzwoniła')).toBe(`${NAME} dzwoniła`);
    expect(mask('Pani Róża dzwoniła')).toBe(`Pani ${NAME} dzwoniła`);
    expect(mask('rozmawiałam z Mają')).toBe(`rozmawiałam z ${NAME}`);
  });
});

// ---- what is no name ------------------------------------------------------------------

type Directory = { sites: { name: string; address: string }[]; units: { name: string }[] };
const DIRECTORY = JSON.parse(readFileSync('resources/directory.json', 'utf8')) as Directory;

const NOT_NAMES = [
  // Every unit and institution of the directory shipped, every site.
  ...DIRECTORY.units.map((u) => u.name),
  ...DIRECTORY.sites.flatMap((s) => [s.name, s.address]),
  // Units and institutions as clerks write them.
  'Dział Ewidencji i Świadczeń', 'Centrum Aktywizacji Zawodowej', 'Referat ds. Cudzoziemców', 'ZUS', 'MOPS', 'KRUS', 'NFZ',
  'Urząd Wojewódzki', 'Łódzki Urząd Wojewódzki', 'Wojewódzki Urząd Pracy', 'Powiatowy Urząd Pracy w Łodzi', 'Krajowy Fundusz Szkoleniowy',
  'Zielona Linia', 'Urząd Skarbowy', 'Inspektor Ochrony Danych', 'Zespół Radców Prawnych', 'Dział Finansowo-Księgowy', 'Kancelaria',
  'Państwowa Inspekcja Pracy', 'Miejski Ośrodek Pomocy Społecznej', 'Szkoła Podstawowa nr 5', 'Unia Europejska', 'Państwo Polskie',
  // Streets, also those named after people.
  'ul. Piotrkowska', 'ul. Milionowa 91', 'al. Kościuszki', 'ul. Marii Skłodowskiej-Curie', 'pl. Wolności', 'ul. Jana Pawła II',
  'ul. Jana Pawła II 12 m. 4', 'ul. 3 Maja', 'ul. 28 Pułku Strzelców Kaniowskich', 'al. Marszałka Józefa Piłsudskiego', 'ul. gen. Józefa Hallera',
  'ul Kilińskiego', 'ulica Anny Jagiellonki', 'os. Teofilów', 'al. Adama Mickiewicza', 'ul. ks. Ignacego Skorupki', 'ul. Pana Tadeusza',
  'ul. św. Jerzego', 'rondo Romana Dmowskiego',
  // Patrons in institutions' names.
  'Szpital im. Jana Pawła II', 'Szkoła Podstawowa im. Marii Konopnickiej', 'Liceum im. Mikołaja Kopernika', 'kościół św. Anny',
  // Places.
  'Łódź', 'Zgierz', 'Warszawa', 'Pabianice', 'Bałuty', 'Widzew', 'Polesie', 'Śródmieście', 'Górna', 'Piotrków Trybunalski',
  'Tomaszów Mazowiecki', 'Zduńska Wola', 'Aleksandrów Łódzki', 'mieszka w Łodzi', 'przeprowadzka do Zgierza', 'wyjazd z Polski',
  'praca w Niemczech', 'obywatel Ukrainy',
  // Months and weekdays at a sentence start; a date.
  'Wtorek odpada.', 'Poniedziałek rano.', 'Środa po 10.', 'Styczeń.', 'Marzec, kwiecień.', 'Piątek.', 'Do 3 Maja.', 'Niedziela wolna.',
  // Sentence starts that are no name.
  'Klient prosi o zaświadczenie.', 'Zasiłek wypłacony.', 'Proszę oddzwonić.', 'Klientka pyta o staż.', 'Wniosek złożony.',
  'Dzwonił w sprawie bonu.', 'Oddzwoni jutro.', 'Sprawa do Kancelarii.', 'Polski paszport.', 'Troska o dokumenty.',
  // Function titles after an honorific.
  'Pan Dyrektor', 'Pani Kierownik', 'Pani Prezes', 'Pan Naczelnik', 'Pani Dyrektor Powiatowego Urzędu Pracy',
  'Pani Kierownik Działu Ewidencji i Świadczeń', 'Pan Starosta', 'Pani Doradca Zawodowy', 'Pani Inspektor Ochrony Danych',
  'Państwa Członkowskie UE', 'Pan Bóg', 'Pan Główny Księgowy',
  // Abbreviations, places with their adjectives, offices with their districts.
  'Firma Budimex S.A.', 'Rawa Mazowiecka', 'Urząd Skarbowy Łódź-Polesie', 'Sąd Rejonowy dla Łodzi-Śródmieścia', 'Uniwersytet Łódzki',
];

describe('what is no name is kept verbatim', () => {
  it(`the list is long enough (${NOT_NAMES.length} entries)`, () => {
    expect(NOT_NAMES.length).toBeGreaterThanOrEqual(60);
  });

  it('alone, after a sentence, and inside one', () => {
    for (const text of NOT_NAMES) {
      expect(mask(text), text).toBe(text);
      expect(findNames(text), text).toEqual([]);
      expect(mask(`Skierowano: ${text}`), text).toBe(`Skierowano: ${text}`);
      expect(mask(`Klient zasiłek. ${text} oddzwoni.`), text).toBe(`Klient zasiłek. ${text} oddzwoni.`);
    }
  });

  it('a unit’s name stored as the record holds it is unchanged', () => {
    for (const unit of DIRECTORY.units) expect(storedUnitName(unit.name).text).toBe(unit.name);
  });
});

// ---- masking puts it together -----------------------------------------------------------

describe('every place that masks a note masks names', () => {
  const note = 'Pan Jan Kowalski, PESEL 44051401359, dzwonił; rozmawiałam z Anną Nowak z Działu Ewidencji.';
  const masked = `Pan ${NAME}, PESEL [PESEL], dzwonił; rozmawiałam z ${NAME} z Działu Ewidencji.`;

  it('maskIdentifiers counts names as their own kind', () => {
    expect(maskIdentifiers(note)).toEqual({ text: masked, counts: { name: 2, pesel: 1 } });
  });

  it('the stored note, the callback reference, the draft', () => {
    expect(storedNote(note).text).toBe(masked);
    expect(storedCallbackReference('oddzwonić do p. Nowak').text).toBe(`oddzwonić do p. ${NAME}`);
    expect(draftText(note)).toBe(masked);
    expect(draftText('Pani Anna Kowal')).toBe(`Pani ${NAME}`);
  });

  it('prose with a name is not prose the shortcut may keep as it is', () => {
    expect(isPlainProse('Pan Kowalski dzwonił')).toBe(false);
    expect(isPlainProse('Ja\uFEFFn dzwonił')).toBe(false);
    expect(isPlainProse('Klient dzwonił w sprawie zasiłku')).toBe(true);
  });

  it('identifiers go first: a name next to them, an address with a name in it', () => {
    expect(mask('Jan Kowalski 44051401359')).toBe(`${NAME} [PESEL]`);
    expect(mask('jan.kowalski@wp.pl, Pan Nowak')).toBe(`[e-mail], Pan ${NAME}`);
    expect(mask('Pan ABC123456')).not.toContain('ABC');
  });

  it('a line break ends a name: the next line’s first word is no surname', () => {
    expect(mask('Rozmowa z panem\nKlient prosi o pismo')).toBe('Rozmowa z panem\nKlient prosi o pismo');
    expect(mask('Anna Nowak\nDział Ewidencji')).toBe(`${NAME}\nDział Ewidencji`);
  });

  it('invisible characters and full-width letters do not hide a name', () => {
    expect(mask('Pan Ko\u200Bwalski')).toBe(`Pan ${NAME}`);
    expect(mask('Ｊａｎ Kowalski dzwonił')).toBe(`${NAME} dzwonił`);
  });
});

// ---- properties ---------------------------------------------------------------------

const TOKENS = Object.values(MASK_TOKENS);
const WORDS = [
  'klient', 'dzwonił', 'w', 'sprawie', 'zasiłku', 'z', 'do', 'oddzwoni', 'jutro', 'Klient', 'Zasiłek', 'Proszę', 'Dział', 'Ewidencji',
  'Urząd', 'Wojewódzki', 'ul.', 'al.', 'im.', 'Piotrkowska', 'Jana', 'Pawła', 'II', 'Pan', 'Pani', 'pan', 'pani', 'p.', 'Dyrektor',
  'Kierownik', 'Jan', 'Anna', 'Anną', 'Kowalski', 'Nowak', 'Nowak-Jeziorańska', "O'Neill", 'de', 'van', 'der', 'J.', 'Łodzi', 'Zgierz',
  'Wtorek', 'Piątek', 'Maja', 'Mają', 'Róża', '3', 'PESEL', 'ZUS', 'mieszka', 'idzie', ...TOKENS,
];
const GLUE = [' ', ' ', ' ', ', ', '. ', '\n', '-', "'", '', '  ', ': ', '; '];
const note = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { maxLength: 24 }).map((parts) => parts.map(([w, g]) => w + g).join(''));

describe('properties', () => {
  it('never throws, on any text at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(() => findNames(text)).not.toThrow();
        expect(() => maskIdentifiers(text)).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });

  it('masking is idempotent: masking masked text changes nothing', () => {
    fc.assert(
      fc.property(note, (text) => {
        const once = mask(text);
        expect(mask(once), JSON.stringify(text)).toBe(once);
        expect(findNames(once), JSON.stringify(text)).toEqual([]);
      }),
      { numRuns: 3_000 },
    );
  });

  it('the tokens identifier masking left are untouched, and never taken for part of a name', () => {
    fc.assert(
      fc.property(note, fc.constantFrom(...HONORIFICS), fc.constantFrom(...TOKENS), (text, honorific, token) => {
        const input = `${text} ${honorific} ${token} ${text}`;
        const output = mask(input);
        const count = (s: string, t: string) => s.split(t).length - 1;
        for (const t of TOKENS) if (t !== NAME) expect(count(output, t), JSON.stringify(input)).toBe(count(input, t));
        expect(output).toContain(`${honorific} ${token}`);
      }),
      { numRuns: 1_000 },
    );
  });

  it('never grows a name back: a name after an honorific is in no output, wherever it stands', () => {
    const name = fc.tuple(fc.constantFrom(...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES), fc.constantFrom(...SURNAMES, ...COMPOUND_SURNAMES.filter((s) => /^\p{Lu}/u.test(s))));
    fc.assert(
      fc.property(note, fc.constantFrom(...HONORIFICS), name, note, fc.boolean(), (before, honorific, [first, surname], after, withFirst) => {
        // After "ul.", "al.", "im." comes a street's or a patron's name, kept whatever it is ("ul. Pana Tadeusza").
        fc.pre(!/(?:^|[^\p{L}])(?:ul|al|pl|os|im|św)\.?\s*(?:\d{1,3}\.?\s*)?$/iu.test(before));
        const typed = withFirst ? `${first} ${surname}` : surname;
        const output = mask(`${before} ${honorific} ${typed} ${after}`);
        // Only what the note holds nowhere else: the words around may hold a name of their own, glued to a lower-case word.
        const parts = typed.split(/[\s-]+/).filter((p) => !before.includes(p) && !after.includes(p));
        for (const part of parts) expect(output.split(/[^\p{L}'’]+/u), JSON.stringify({ before, typed, after, output })).not.toContain(part);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a text with no capital letter and no honorific is unchanged', () => {
    const lower = WORDS.filter((w) => w === w.toLowerCase() && !['pan', 'pani', 'p.'].includes(w) && !TOKENS.includes(w));
    const lowerNote = fc
      .array(fc.tuple(fc.constantFrom(...lower, 'jan', 'anna', 'kowalski', 'nowak', 'maja', 'ewa'), fc.constantFrom(...GLUE)), { maxLength: 30 })
      .map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(lowerNote, (text) => {
        expect(findNames(text)).toEqual([]);
        if (!/\d/.test(text)) expect(mask(text)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a PESEL beside a name is masked as a PESEL, the name as a name', () => {
    fc.assert(
      fc.property(validPesel, fc.constantFrom(...HONORIFICS), (pesel, honorific) => {
        expect(mask(`${honorific} Jan Kowalski ${pesel}`)).toBe(`${honorific} ${NAME} [PESEL]`);
      }),
      { numRuns: 300 },
    );
  });
});
