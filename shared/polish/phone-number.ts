/**
 * A Polish number as it is read out: a landline by its area code
 * ("42 123 45 67"), any other number — mobile, 800, 801 — in threes
 * ("600 123 456"). One rule for the office's number and a callback's.
 */

/** Two-digit prefixes of landline (area-code) numbers. */
const AREA_CODES = new Set([
  '12', '13', '14', '15', '16', '17', '18', '22', '23', '24', '25', '29', '32', '33', '34', '41', '42', '43', '44', '46', '47', '48',
  '52', '54', '55', '56', '58', '59', '61', '62', '63', '65', '67', '68', '71', '74', '75', '76', '77', '81', '82', '83', '84', '85',
  '86', '87', '89', '91', '94', '95',
]);

/** Nine digits (not starting with 0) in the groups they are read in; null when they are not nine such digits. */
export function readOutPolishNumber(digits: string): string | null {
  if (!/^[1-9][0-9]{8}$/.test(digits)) return null;
  return AREA_CODES.has(digits.slice(0, 2))
    ? `${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 7)} ${digits.slice(7)}`
    : `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
