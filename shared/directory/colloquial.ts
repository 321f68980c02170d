import { tokens } from './text-folding';

/**
 * The words callers use for what the directory names otherwise: "robota"
 * for praca, "kuroniówka" for zasiłek, "papierek" for zaświadczenie, "L4"
 * for zwolnienie lekarskie. A query word that is one of them (in any of its
 * forms) brings the directory's words into the query beside it; it stays
 * too, as "roboty publiczne" is a matter's own name. Spoken Polish of the
 * office's callers, not phrasings of any one matter: each word callers say
 * (its forms where a vowel drops, /-separated: papierek/papierka), and the
 * directory's words for it.
 */
const SAID_FOR: [said: string, directoryWords: string][] = [
  ['robota/robocie', 'praca'],
  ['fucha', 'praca'],
  ['etat/etacie', 'praca'],
  ['szef', 'pracodawca'],
  ['kasa', 'pieniądze wypłata'],
  ['hajs', 'pieniądze'],
  ['forsa', 'pieniądze'],
  ['kuroniówka', 'zasiłek'],
  ['bezrobocie', 'bezrobotny'],
  ['papierek/papierka', 'zaświadczenie'],
  ['świstek/świstka', 'zaświadczenie'],
  ['kwit', 'zaświadczenie'],
  ['kwitek/kwitka', 'zaświadczenie'],
  ['L4', 'zwolnienie lekarskie'],
  ['elka', 'zwolnienie lekarskie'],
  ['chorobowe', 'zwolnienie lekarskie'],
  ['kurs', 'szkolenie'],
  ['praktyki', 'staż'],
  ['wpłynąć/wpłynęła', 'wypłata'],
  ['przelew', 'wypłata'],
  ['zapisać', 'zarejestrować'],
  ['wypisać', 'wyrejestrować'],
];

const EXPANSIONS: { said: string; adds: string[] }[] = SAID_FOR.flatMap(([forms, words]) => forms.split('/').map((form) => ({ said: tokens(form)[0]!, adds: tokens(words) })));

/** A query's tokens with the directory's words for the colloquial ones added after them. */
export function withDirectoryWords(query: string[]): string[] {
  const out = [...query];
  for (const token of query) {
    // The word itself or a longer form of it ("robot" → "roboty"), never a shorter one: "papiery" are not a "papierek".
    for (const { said, adds } of EXPANSIONS) if (token === said || (said.length >= 4 && token.startsWith(said))) out.push(...adds);
  }
  return [...new Set(out)];
}
