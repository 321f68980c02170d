import { describe, expect, it } from 'vitest';
import { maskIdentifiers } from '../../shared/masking/masking';

/**
 * Masking stays linear: no pattern may backtrack catastrophically on long
 * runs of digits, separators, dots or "@". Notes hold ~1,000 characters, but
 * 100 kB of adversarial input must take about as long as 100 kB of plain text.
 * The bound is relative to plain text timed in the same test (the machine may
 * be busy), and generous: a quadratic pattern takes thousands of times longer.
 */
const SIZE = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

function fastest(text: string): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    maskIdentifiers(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const ADVERSARIAL = [
  '1', '1 ', '1  ', '1-', '1 - ', '1.', '1/', '1,', '1:', '12.', '12.03.24 ', '10:00-', '2023/2024 ', '1 234 ', '1 234 zł ',
  '+', '+4', '+48 ', '0 ', '(42) ', '(0-42)', '(+48) ', '4405140135', '44051401359 ', '600 700 800 ', 'PL 1', 'ABC 123 ',
  'a', 'a@', '@', 'a.', 'a . ', 'a kropka ', 'a (at) ', 'a at b ', 'x@y.pl ', 'a.b.c.d.e.f.g.h.i.j.k@', 'CAZ.1.',
  '\u200B1', '\u0661 ', '\u{1D7CF}', 'ﬁ', 'e\u0301', '\n',
  // Separators of any kind, invisible characters that are not Cf, lists, documents with gaps, spaced dots.
  '1\u0301 / ', '4\u3164', '1\uFE0F', '1 -- ', '1    ', '1 2 3 ', '1, 2, ', '1 500 2 500 ', '12.03 ', 'ABA nr 1 ', 'AB , 1 ', 'a @ b. ', 'a@@', 'a małpa wp ',
];

describe('maskIdentifiers: linear time', () => {
  it('masks 100 kB of adversarial input in time comparable to 100 kB of plain text', () => {
    const plain = fastest(fill('Klient pytał o zasiłek dla bezrobotnych, wniosek złożony w pokoju 12, oddzwonię jutro. '));
    const bound = 40 * Math.max(plain, 1);
    for (const unit of ADVERSARIAL) {
      const took = fastest(fill(unit));
      expect(took, `${JSON.stringify(unit)} took ${took.toFixed(1)} ms, plain text ${plain.toFixed(1)} ms`).toBeLessThan(bound);
    }
  });
});

/**
 * The worst a note can be: 1,000 characters (what a clerk can type) of digits
 * with combining marks and invisible characters after each, separators of
 * every kind, walls of document letters, amounts, "@". Notes are masked per
 * row when the register shows a page and for every record of an import, so
 * such a note must cost about what a plain one does (here: a few times, about
 * half a millisecond; the bound is generous against a busy machine).
 */
const NOTE = 1_000;
const note = (unit: string) => unit.repeat(Math.ceil(NOTE / unit.length)).slice(0, NOTE);

function fastestOf(text: string, times: number): number {
  let best = Infinity;
  for (let k = 0; k < times; k++) {
    const started = performance.now();
    maskIdentifiers(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const ADVERSARIAL_NOTES = [
  '4\u0301', '1\u0301 / ', '4\u0301\u0301 / 5\u0301. 6\u0301, 7\u0301\uFE0F-', '1\uFE0F\u20E3 -- ', '4\u3164\u034F5 . ', '1\u0301\u0301\u0301\u0301',
  '12 / 34. 56, 78: 90 -- 1_2|3    4\t', '1 2 3 ', '48 ', '1a', '12:', '(42) ', '+48 ', '0 ', '1, ', '44 051 ', '1 500 2 500 ', '12.03 ',
  '100 200 300 ', 'ABA 30 00 00 ', 'AB , 1 ', 'a.b @ c. d ', 'jan małpa wp pl ', '@', 'x@y, ', '\u200B1\u00AD',
];

describe('maskIdentifiers: a 1,000-character note of adversarial text', () => {
  it('costs a few times a plain 1,000-character note, whatever it holds', () => {
    const plain = fastestOf(note('Klient pytał o zasiłek dla bezrobotnych, wniosek złożony w pokoju 12, oddzwonię jutro. '), 30);
    const bound = 25 * Math.max(plain, 0.05);
    for (const unit of ADVERSARIAL_NOTES) {
      const took = fastestOf(note(unit), 30);
      expect(took, `${JSON.stringify(unit)} took ${took.toFixed(3)} ms, a plain note ${plain.toFixed(3)} ms`).toBeLessThan(bound);
    }
  });
});

describe('linear time: names', () => {
  it('a 100,000-character note of names, honorifics, initials, particles and joiners takes about as long as plain text', () => {
    const plain = fastest(fill('Klient pytał o zasiłek dla bezrobotnych, wniosek złożony w pokoju 12, oddzwonię jutro. '));
    const bound = 40 * Math.max(plain, 1);
    const units = [
      'Pan ', 'Pan Jan ', 'Pani Anna Nowak-Jeziorańska ', 'J. ', 'A.', 'Jan-', "O'", 'ul. ', 'ul. Jana ', 'de ', 'de van ', 'Kowalski ',
      'Pan Dyrektor ', 'p. ', 'Aaaa', 'a-', "a'", 'ZUS ', 'Łódź ', 'Mają ', 'pan jan ', 'X ', 'Ą',
    ];
    for (const unit of units) {
      const took = fastest(fill(unit));
      expect(took, `${JSON.stringify(unit)} took ${took.toFixed(1)} ms, plain text ${plain.toFixed(1)} ms`).toBeLessThan(bound);
    }
  });
});
