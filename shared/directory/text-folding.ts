/**
 * Turning what a caller says into comparable tokens: lower case, no
 * diacritics (callers type "zasilek"), Polish endings trimmed ("zasiłku",
 * "zasiłkiem" → zasilk), and words too common to tell matters apart dropped.
 */

const STOPWORDS = new Set(
  (
    'a i o u w z ze na do od po za przez przy dla oraz albo lub czy to ten ta te tego jest sa byl byla bylo ' +
    'mi mnie mam ma mial miala moj moja moje sie jak co ktory ktora ktore juz jeszcze tylko bardzo tez ' +
    'chce chcialbym chcialabym prosze pan pani panstwo dzien dobry dzwonie sprawie mojej moim moja jakie jaki ' +
    // What a caller says on the way to the point: hesitation, address, linking words of speech.
    'no bo ze zeby znaczy jakby wie widzi halo slychac tak yyy eee aha wiec ja ty on ona my wy oni ten tam tu tutaj teraz ' +
    'sobie przepraszam witam slucham dobrze jakis jakas jakies cos czegos takiej takie taki tez wlasnie powiem mowie pytam zapytac'
  ).split(' '),
);

// Longest first, so "ami" wins over "i". Endings are in folded form (no diacritics).
// Verbal nouns and infinitives meet at the same stem: "założenie" / "założyć" → zaloz.
const ENDINGS = [
  'aniem', 'eniem', 'owie', 'ania', 'enia', 'aniu', 'eniu', 'anie', 'enie',
  'ami', 'ach', 'owi', 'iem', 'ego', 'emu', 'ymi', 'ych', 'iej',
  'yc', 'ic', 'ac', 'ec', 'ow', 'om', 'em', 'ej', 'ym', 'ie',
  'a', 'e', 'i', 'o', 'u', 'y',
];
const MIN_STEM = 3;

export function fold(text: string): string {
  return text
    .normalize('NFKD') // compatibility forms too: full-width and styled letters become plain ones
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function stem(word: string): string {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/** The searchable tokens of a text: folded, stop words out, endings trimmed. */
export function tokens(text: string): string[] {
  // "L-4" and "L 4" are the sick note "L4", not a letter and a number.
  const folded = fold(text).replace(/(^| )l 4(?= |$)/g, '$1l4');
  if (!folded) return [];
  return folded
    .split(' ')
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/**
 * How well two tokens match, 0–1: the same stem; one a prefix of the other
 * (the mobile e of "zasilek" / "zasilk", a longer form); or one slip of the
 * keyboard (an extra, missing, wrong or swapped letter) in a longer word.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  if (shorter.length >= 4 && longer.startsWith(shorter)) return 0.9;
  if (shorter.length >= 5 && commonPrefix(a, b) >= longer.length - 2 && commonPrefix(a, b) >= shorter.length - 1) return 0.85;
  if (shorter.length >= 5 && editDistanceAtMostOne(a, b)) return 0.75;
  return 0;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Damerau–Levenshtein distance ≤ 1, in linear time. */
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return Math.abs(a.length - b.length) <= 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
