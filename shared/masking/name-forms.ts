/**
 * The case forms of Polish first names (and of the nouns and adjectives the
 * name rules must tell apart from names), made by rule from the dictionary
 * form: "Jan" → Jana, Janowi, Janem, Janie; "Anna" → Anny, Annie, Annę, Anną,
 * Anno. The rules are the usual Polish endings with their consonant changes
 * (t → cie, d → dzie, r → rze, ł → le, k → ce, g → dze) and the fleeting "e"
 * (Marek → Marka, Paweł → Pawła, Kacper → Kacpra). A rule may make a form no
 * one uses ("Kacpera" beside "Kacpra"): a form that is no word costs nothing,
 * a real form missing leaks a name. Plural forms are not made: notes name one
 * person at a time, and plurals ("Janowie") are rare in them.
 */

const POLISH_LETTERS: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };
const PLAIN = /^[a-z]*$/;

/**
 * A word as the lists are matched: lower case, no diacritics ("Łukasz" and
 * "Lukasz" alike: notes are often typed without Polish letters).
 */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  let out = '';
  for (const ch of lower) out += POLISH_LETTERS[ch] ?? ch;
  return PLAIN.test(out) ? out : out.normalize('NFD').replace(/\p{M}/gu, '');
}

// A consonant's dative and locative ending, in the order the endings are tried (two letters first).
const SOFT_OR_HARDENED = /(?:sz|cz|rz|dz|dż|ż|c|j|l)$/;

/** Locative/vocative of a masculine noun (and dative/locative of a feminine one): "Piotr" → "Piotrze". */
function locative(stem: string, soft: string): string {
  if (/(?:k|g|ch|i)$/.test(stem) || SOFT_OR_HARDENED.test(stem)) return stem + soft;
  if (stem.endsWith('st')) return stem.slice(0, -2) + 'ście';
  if (stem.endsWith('r')) return stem + 'ze';
  if (stem.endsWith('t')) return stem.slice(0, -1) + 'cie';
  if (stem.endsWith('d')) return stem.slice(0, -1) + 'dzie';
  if (stem.endsWith('ł')) return stem.slice(0, -1) + 'le';
  return stem + 'ie';
}

const VOWEL = '[aeiouyąęó]';
const SOFTENED: Record<string, string> = { ś: 'si', ć: 'ci', ń: 'ni', ź: 'zi' };
const SOFTENED_LETTER: Record<string, string> = { c: 'ć', s: 'ś', n: 'ń', z: 'ź' };

/** Forms of a noun ending in "-a": feminine names, and "Kuba", "Mykoła", "starosta". */
export function feminineForms(word: string): string[] {
  const stem = word.slice(0, -1);
  const forms = [word, stem + 'ę', stem + 'ą', stem + 'o'];
  if (stem.endsWith('i')) forms.push(stem, stem + 'i', stem + 'u'); // Kasia: Kasi, Kasiu; Maria: Marii
  else if (new RegExp(`${VOWEL}j$`).test(stem)) forms.push(stem.slice(0, -1) + 'i'); // Maja: Mai
  else if (stem.endsWith('j')) forms.push(stem + 'i'); // Alicja: Alicji
  else if (stem.endsWith('l')) forms.push(stem + 'i', stem + 'u'); // Urszula: Urszuli; Ola: Olu
  else if (stem.endsWith('k')) forms.push(stem + 'i', stem.slice(0, -1) + 'ce'); // Agnieszka: Agnieszki, Agnieszce
  else if (stem.endsWith('g')) forms.push(stem + 'i', stem.slice(0, -1) + 'dze'); // Kinga: Kingi, Kindze
  else if (stem.endsWith('ch')) forms.push(stem + 'y', stem.slice(0, -2) + 'sze');
  else if (SOFT_OR_HARDENED.test(stem)) forms.push(stem + 'y'); // Natasza: Nataszy
  else forms.push(stem + 'y', locative(stem, 'u')); // Anna: Anny, Annie; Marta: Marty, Marcie
  return forms;
}

/**
 * The stems a masculine noun's other cases are made from: "Marek" → mark,
 * "Paweł" → pawł, "Kacper" → kacper and kacpr (Kacpra; but Oliwer, Oliwera).
 */
function masculineStems(word: string): string[] {
  const soft = word.match(/^(.*)([śćńź])$/);
  if (soft) return [soft[1]! + SOFTENED[soft[2]!]!]; // Adaś: Adasia, Adasiowi, Adasiem, Adasiu
  const iek = word.match(/^(.*)([csnz])iek$/);
  if (iek) return [iek[1]! + SOFTENED_LETTER[iek[2]!]! + 'k']; // Maciek: Maćka; Rysiek: Ryśka
  if (/niec$/.test(word)) return [word.slice(0, -4) + 'ńc']; // Wawrzyniec: Wawrzyńca
  if (/[^aeiouyąęó]e[kł]$/.test(word)) return [word.slice(0, -2) + word.slice(-1)]; // Marek: Marka; Paweł: Pawła
  if (/[^aeiouyąęó]er$/.test(word)) return [word, word.slice(0, -2) + 'r']; // Kacper: Kacpra; Oliwer: Oliwera
  return [word];
}

/** Forms of a masculine noun ending in a consonant: "Jan", "Paweł", "dyrektor". */
function consonantForms(word: string): string[] {
  const forms = [word];
  for (const stem of masculineStems(word)) {
    const velar = /(?:k|g)$/.test(stem);
    // The locative of a soft stem ends in "u" (Andrzeju, Tomaszu); of a velar too (Marku, Henryku).
    forms.push(stem + 'a', stem + 'owi', stem + (velar ? 'iem' : 'em'), locative(stem, 'u'));
  }
  return forms;
}

/** Forms of a masculine name, whatever its ending: "Jerzy" → Jerzego, "Antoni" → Antoniego, "Bruno" → Bruna. */
export function masculineForms(word: string): string[] {
  if (word.endsWith('a')) return feminineForms(word);
  if (word.endsWith('i')) return [word, word + 'ego', word + 'emu', word + 'm'];
  if (word.endsWith('y')) {
    const stem = word.slice(0, -1);
    return [word, stem + 'ego', stem + 'emu', stem + 'ym'];
  }
  if (word.endsWith('o')) return [word, ...consonantForms(word.slice(0, -1)).slice(1)];
  return consonantForms(word);
}

/** Every form of a first name, lower case with diacritics. Women's names not ending in "-a" do not decline. */
export function firstNameForms(name: string, gender: 'male' | 'female'): string[] {
  const word = name.toLowerCase();
  if (gender === 'male') return masculineForms(word);
  return word.endsWith('a') ? feminineForms(word) : [word];
}

/**
 * Forms of an adjective from its stem ("wojewódzk" → wojewódzki, wojewódzka,
 * wojewódzkiego…; "powiatow" → powiatowy…): after "k" and "g" the endings
 * take "i".
 */
export function adjectiveForms(stem: string): string[] {
  const endings = /[kg]$/.test(stem)
    ? ['i', 'a', 'ie', 'iego', 'iej', 'iemu', 'im', 'ą', 'ich', 'imi']
    : ['y', 'a', 'e', 'ego', 'ej', 'emu', 'ym', 'ą', 'ych', 'ymi'];
  return endings.map((e) => stem + e);
}
