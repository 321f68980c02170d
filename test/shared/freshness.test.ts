import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, type Matter } from '../../shared/directory/directory';
import { matterFreshness, nextReview, officeToday, ownerOf, reviewDueOn, staleMatters } from '../../shared/directory/freshness';

/**
 * Freshness: a matter is due for checking on its review-by day, or a year
 * after it was checked; the lead's list holds exactly the matters due or
 * never dated, the longest overdue first.
 */
const raw = JSON.parse(readFileSync('resources/directory.json', 'utf8')) as { units: Record<string, unknown>[]; matters: Record<string, unknown>[] };
const directory = DirectorySchema.parse(raw);

const day = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** A year after `iso`, counted by hand: the same day next year, the month's last day where that day does not exist (29 February). */
function yearAfter(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

describe('when a matter is due for checking', () => {
  it('a year after its check, where it names no review-by day; on that day, where it does', () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: undefined }), day, (checked, reviewBy, today) => {
        const due = reviewBy ?? yearAfter(checked);
        expect(reviewDueOn({ checked, reviewBy })).toBe(due);
        expect(matterFreshness({ checked, reviewBy }, today)).toEqual({ state: today >= due ? 'due' : 'fresh', dueOn: due });
      }),
    );
  });

  it('29 February checked: due on 28 February a year on; the day itself counts as due', () => {
    expect(reviewDueOn({ checked: '2028-02-29' })).toBe('2029-02-28');
    expect(matterFreshness({ checked: '2026-12-07' }, '2027-12-06').state).toBe('fresh');
    expect(matterFreshness({ checked: '2026-12-07' }, '2027-12-07').state).toBe('due');
  });

  it('a matter nobody dated is neither fresh nor due: it is unknown, whatever the day', () => {
    fc.assert(
      fc.property(day, (today) => {
        expect(matterFreshness({}, today)).toEqual({ state: 'unknown' });
      }),
    );
  });

  it("today is this computer's calendar day, not UTC's", () => {
    const lateEvening = new Date(2026, 11, 31, 23, 30);
    expect(officeToday(lateEvening)).toBe('2026-12-31');
  });
});

describe("the lead's list", () => {
  const matterArb = fc.record({ title: fc.string({ minLength: 1, maxLength: 12 }), checked: fc.option(day, { nil: undefined }), reviewBy: fc.option(day, { nil: undefined }) });

  it('holds exactly the matters due or never dated, overdue longest first, the undated last', () => {
    fc.assert(
      fc.property(fc.array(matterArb, { maxLength: 30 }), day, (specs, today) => {
        const matters = specs.map((s, i) => ({ ...directory.matters[0]!, id: `sprawa-${i}`, ...s }) as Matter);
        const list = staleMatters({ matters }, today);
        const expected = matters.filter((m) => matterFreshness(m, today).state !== 'fresh');
        expect(new Set(list.map((s) => s.matter.id))).toEqual(new Set(expected.map((m) => m.id)));
        const keys = list.map((s) => (s.freshness.state === 'due' ? s.freshness.dueOn : '~'));
        expect(keys).toEqual([...keys].sort());
        for (const s of list) if (s.freshness.state === 'due') expect(s.freshness.dueOn <= today).toBe(true);
      }),
    );
  });

  it('when none is due, the next one due is the soonest dated, and none when nothing is dated', () => {
    fc.assert(
      fc.property(fc.array(matterArb, { maxLength: 30 }), (specs) => {
        const matters = specs.map((s, i) => ({ ...directory.matters[0]!, id: `sprawa-${i}`, ...s }) as Matter);
        const days = matters.map(reviewDueOn).filter((d): d is string => d !== null);
        expect(nextReview({ matters })?.dueOn ?? null).toBe(days.length ? [...days].sort()[0] : null);
      }),
    );
  });

  it('the built-in directory, checked on its day, has nothing due that day and everything due two years on', () => {
    const checked = directory.matters.map((m) => m.checked!).sort()[0]!;
    expect(staleMatters(directory, checked)).toEqual([]);
    expect(staleMatters(directory, yearAfter(yearAfter(checked)))).toHaveLength(directory.matters.length);
  });

  it("the benefit's amount is due before 1 June, when it changes; every matter sent out of the office has one of the office's units keeping it", () => {
    expect(reviewDueOn(directory.matters.find((m) => m.id === 'wysokosc-zasilku')!)).toBe('2027-06-01');
    for (const matter of directory.matters) expect(ownerOf(directory, matter)?.kind, matter.id).toBe('office');
  });
});

describe('owner and review-by day in an office file', () => {
  const withMatter = (changes: Record<string, unknown>) => DirectorySchema.safeParse({ ...raw, matters: [{ ...raw.matters[0], ...changes }, ...raw.matters.slice(1)] });
  const issues = (result: ReturnType<typeof withMatter>) => (result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]));

  it('the owner is one of the office units: an institution outside or an unknown id is refused at that field', () => {
    expect(issues(withMatter({ owner: 'zus' }))).toEqual([['matters.0.owner', 'właścicielem wpisu może być tylko komórka Urzędu, nie „zus”']]);
    expect(issues(withMatter({ owner: 'nie-ma-takiej' }))).toEqual([['matters.0.owner', 'nieznana komórka „nie-ma-takiej”']]);
    expect(issues(withMatter({ owner: 'kancelaria' }))).toEqual([]);
  });

  it('a review-by day before the check, or not a real day, is refused at that field', () => {
    expect(issues(withMatter({ checked: '2026-12-07', reviewBy: '2026-12-06' }))).toEqual([['matters.0.reviewBy', 'termin ponownego sprawdzenia (2026-12-06) jest przed dniem sprawdzenia (2026-12-07)']]);
    expect(issues(withMatter({ reviewBy: '2027-02-30' }))).toEqual([['matters.0.reviewBy', 'taki dzień nie istnieje: 2027-02-30']]);
    // Not also "before the check": a day that does not exist is said once.
    expect(issues(withMatter({ checked: '2026-12-07', reviewBy: '2025-02-29' }))).toEqual([['matters.0.reviewBy', 'taki dzień nie istnieje: 2025-02-29']]);
    expect(issues(withMatter({ checked: '2026-12-07', reviewBy: '2026-12-07' }))).toEqual([]);
  });
});
