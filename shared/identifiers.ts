/**
 * Checksums of Polish personal and financial identifiers. Used by masking to
 * tell a PESEL or NIP from an ordinary number, and by tests to generate them.
 */

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];
const ID_CARD_WEIGHTS = [7, 3, 1, 9, 7, 3, 1, 7, 3];

function digitsOf(value: string): number[] {
  return [...value].map((c) => c.charCodeAt(0) - 48);
}

/** PESEL: 11 digits, the last a check digit over the first ten. */
export function isValidPesel(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const d = digitsOf(value);
  const sum = PESEL_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0);
  return (10 - (sum % 10)) % 10 === d[10];
}

export function peselCheckDigit(firstTen: string): number {
  const d = digitsOf(firstTen);
  const sum = PESEL_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0);
  return (10 - (sum % 10)) % 10;
}

/** NIP (tax id): 10 digits, the last equal to the weighted sum mod 11 (never 10). */
export function isValidNip(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const d = digitsOf(value);
  const check = NIP_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0) % 11;
  return check !== 10 && check === d[9];
}

/** NRB (Polish account number, the IBAN without "PL"): 26 digits, IBAN mod 97 = 1. */
export function isValidNrb(value: string): boolean {
  if (!/^\d{26}$/.test(value)) return false;
  // IBAN check: move "PL" + check digits to the end; P=25, L=21.
  const rearranged = value.slice(2) + '2521' + value.slice(0, 2);
  let remainder = 0;
  for (const ch of rearranged) remainder = (remainder * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return remainder === 1;
}

/** Polish ID card (dowód osobisty): three letters, then a check digit and five digits. */
export function isValidIdCard(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[A-Z]{3}\d{6}$/.test(v)) return false;
  const values = [...v].map((c) => (c >= 'A' ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48));
  const sum = values.reduce((acc, val, i) => (i === 3 ? acc : acc + val * ID_CARD_WEIGHTS[i]!), 0);
  return sum % 10 === values[3];
}
