/**
 * fast-check generators for the masking and identifier tests: valid Polish
 * identifiers built from their published definitions, the harmless numbers a
 * clerk writes in a note, and Polish words to embed them in.
 */
import fc from 'fast-check';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

// ---- PESEL -----------------------------------------------------------------

/** PESEL month field: the century is encoded by adding 80, 0, 20, 40 or 60. */
export function peselMonth(year: number, month: number): number {
  if (year < 1900) return month + 80;
  if (year < 2000) return month;
  if (year < 2100) return month + 20;
  if (year < 2200) return month + 40;
  return month + 60;
}

/** The first ten digits of a PESEL: YYMMDD with the century in MM, then a 4-digit serial. */
export const peselPrefix = fc
  .tuple(
    fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2299, 11, 31)), noInvalidDate: true }),
    digits(4),
  )
  .map(([date, serial]) => {
    const y = date.getUTCFullYear();
    return pad(y % 100, 2) + pad(peselMonth(y, date.getUTCMonth() + 1), 2) + pad(date.getUTCDate(), 2) + serial;
  });

/**
 * PESEL check digit by the published rule, written here apart from
 * shared/identifiers.ts: a generator that borrowed the product's function
 * would agree with it even if both were wrong.
 */
export function peselCheck(first10: string): number {
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...first10].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);
  return (10 - (sum % 10)) % 10;
}

export const validPesel = peselPrefix.map((first10) => first10 + peselCheck(first10));

// ---- NIP -------------------------------------------------------------------

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** Check digit of a NIP from its first nine digits; null when the sum gives 10 (no valid NIP). */
export function nipCheck(first9: string): number | null {
  const sum = [...first9].reduce((acc, c, i) => acc + Number(c) * NIP_WEIGHTS[i]!, 0) % 11;
  return sum === 10 ? null : sum;
}

export const validNip = digits(9)
  .filter((d) => nipCheck(d) !== null)
  .map((d) => d + nipCheck(d));

/** A valid NIP as written: plain, 3-3-2-2 or 3-2-2-3 with hyphens. */
export const writtenNip = fc.tuple(validNip, fc.constantFrom('plain', '3-3-2-2', '3-2-2-3')).map(([nip, style]) => {
  if (style === '3-3-2-2') return `${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`;
  if (style === '3-2-2-3') return `${nip.slice(0, 3)}-${nip.slice(3, 5)}-${nip.slice(5, 7)}-${nip.slice(7)}`;
  return nip;
});

// ---- NRB / IBAN ------------------------------------------------------------

/** IBAN check digits for a Polish BBAN (24 digits): 98 − (BBAN ‖ "PL00" as digits) mod 97. */
export function nrbCheckDigits(bban: string): string {
  const remainder = BigInt(`${bban}252100`) % 97n;
  return pad(Number(98n - remainder), 2);
}

export const validNrb = digits(24).map((bban) => nrbCheckDigits(bban) + bban);

/** Groups an NRB as people write it: "61 1090 1014 0000 0712 1981 2874". */
export function groupNrb(nrb: string, sep: string): string {
  const groups = [nrb.slice(0, 2)];
  for (let i = 2; i < 26; i += 4) groups.push(nrb.slice(i, i + 4));
  return groups.join(sep);
}

export const writtenNrb = fc
  .tuple(fc.oneof(validNrb, digits(26)), fc.constantFrom('', ' ', '-'), fc.constantFrom('', 'PL', 'PL ', 'pl'))
  .map(([nrb, sep, prefix]) => prefix + groupNrb(nrb, sep));

// ---- phone numbers ---------------------------------------------------------

/**
 * A Polish phone number in one of the written forms: nine digits as 3-3-3
 * or 2-3-2-2, separated by nothing, spaces or hyphens, after no prefix,
 * "+48" / "0048" (with or without a separator) or a bare "48" written
 * together with the number. (A bare "48" followed by a separator is a known
 * gap, tested separately in masking.test.ts.)
 */
export const writtenPhone = fc
  .tuple(
    digits(9),
    fc.constantFrom('3-3-3', '2-3-2-2'),
    fc.constantFrom('', ' ', '-'),
    fc.constantFrom('', '+48', '+48 ', '+48-', '0048', '0048 ', '0048-', '48'),
  )
  .map(([nine, shape, sep, prefix]) => {
    const parts =
      shape === '3-3-3'
        ? [nine.slice(0, 3), nine.slice(3, 6), nine.slice(6)]
        : [nine.slice(0, 2), nine.slice(2, 5), nine.slice(5, 7), nine.slice(7)];
    return { nine, written: prefix + parts.join(sep) };
  });

// ---- e-mail and documents ---------------------------------------------------

const lower = 'abcdefghijklmnopqrstuvwxyz';
const alnum = `${lower}0123456789`;
const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((c) => c.join(''));

/** Realistic addresses: "jan.kowalski@pup.lodz.pl", "a_b-1@urzad-pracy.gov.pl". */
export const emailAddress = fc
  .tuple(
    fc.array(chars(alnum, 1, 10), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('.', '_', '-', '+'),
    fc.array(chars(alnum, 1, 10), { minLength: 1, maxLength: 3 }),
    chars(lower, 2, 6),
  )
  .map(([local, joiner, labels, tld]) => `${local.join(joiner)}@${labels.join('.')}.${tld}`);

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Check digit of a Polish ID card (dowód osobisty) from its three letters and
 * the five digits after the check position: letters count A=10 … Z=35, the
 * weights are 7 3 1 · 7 3 1 7 3, the check digit is the sum mod 10.
 */
export function idCardCheck(letters: string, serial5: string): number {
  const values = [...letters].map((c) => c.charCodeAt(0) - 55).concat([...serial5].map(Number));
  const weights = [7, 3, 1, 7, 3, 1, 7, 3];
  return values.reduce((acc, v, i) => acc + v * weights[i]!, 0) % 10;
}

/** A valid ID card number, "ABC123456": letters, check digit, five digits. */
export const validIdCard = fc.tuple(chars(upper, 3, 3), digits(5)).map(([letters, serial]) => `${letters}${idCardCheck(letters, serial)}${serial}`);

/**
 * A valid ID card number as clerks write it: in capitals together, with a
 * space or a hyphen after the letters, or together in any case. (Lower case
 * with a space is left alone on purpose — "nie 123456" is a sentence — see
 * masking.test.ts.)
 */
export const writtenIdCard = fc
  .tuple(validIdCard, fc.constantFrom('', ' ', '-', 'lower', 'Mixed'))
  .map(([id, style]) => {
    if (style === 'lower') return id.toLowerCase();
    if (style === 'Mixed') return id[0] + id.slice(1, 3).toLowerCase() + id.slice(3);
    return id.slice(0, 3) + style + id.slice(3);
  });

/** Passport "AB1234567" / "AB 1234567". */
export const passportNumber = fc.tuple(chars(upper, 2, 2), digits(7), fc.constantFrom('', ' ')).map(([letters, d, space]) => letters + space + d);

/** An ID card or passport number as written. */
export const documentNumber = fc.oneof(writtenIdCard, passportNumber);

// ---- harmless numbers --------------------------------------------------------

const someDate = fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(2999, 11, 31)), noInvalidDate: true });

/** Numbers in a note that are no identifier and must survive masking untouched. */
export const harmlessNumber = fc.oneof(
  someDate.map((d) => `${pad(d.getUTCDate(), 2)}.${pad(d.getUTCMonth() + 1, 2)}.${d.getUTCFullYear()}`),
  someDate.map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m, s]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`),
  fc.integer({ min: 1, max: 600 }).map((n) => `${n} min`),
  fc.integer({ min: 1, max: 99_999 }).map((n) => `${n} s`),
  fc.integer({ min: 0, max: 999_999 }).map((n) => `${n} zł`),
  // "1 500,00 zł": thousands separated by a space, grosze after a comma.
  fc
    .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([zl, gr]) => `${zl.toLocaleString('en-US').replace(/,/g, ' ')},${pad(gr, 2)} zł`),
  fc.integer({ min: 0, max: 999_999 }).map(String),
);

// ---- Polish text -------------------------------------------------------------

/** Words without digits, "@" or runs of capitals, so they cannot form an identifier themselves. */
export const POLISH_WORDS = [
  'Klient', 'pytał', 'o', 'zasiłek', 'dla', 'bezrobotnych', 'wniosek', 'złożony', 'w', 'pokoju',
  'oddzwonię', 'jutro', 'proszę', 'przesłać', 'zaświadczenie', 'Zażółć', 'gęślą', 'jaźń', 'żółw',
  'źdźbło', 'Łódź', 'urząd', 'stażysta', 'wizyta', 'termin', 'sprawa', 'numer', 'konta', 'tel.',
  'Pesel', 'dowód', 'rozmowa', 'trwała', 'kwota', 'dnia', 'godz.', 'ok.', 'rok', 'Świadczenie',
];

export const polishText = fc
  .array(fc.constantFrom(...POLISH_WORDS), { minLength: 0, maxLength: 8 })
  .map((words) => words.join(' '));

/** Text before an identifier, ending so that the identifier starts a new token. */
export const textBefore = fc
  .tuple(polishText, fc.constantFrom(' ', ': ', ' (', ', ', ' - '))
  .map(([text, sep]) => (text ? text + sep : ''));

/** Text after an identifier, starting with a separator or punctuation. */
export const textAfter = fc
  .tuple(fc.constantFrom(' ', '. ', ', ', ')', '; ', ' - '), polishText)
  .map(([sep, text]) => (text ? sep + text : ''));
