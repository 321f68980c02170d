import { describe, expect, it } from 'vitest';
import { maskIdentifiers } from '../../shared/masking';

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
