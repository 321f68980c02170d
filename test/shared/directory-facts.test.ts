import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema } from '../../shared/directory/directory';
import { nameRepeatsStreet, routeMatter, siteLine } from '../../shared/directory/routing';

/**
 * The built-in directory's matters say where their words come from and when
 * someone last checked them; its sites say their street once; and the facts
 * the office found wrong stay right.
 */
const raw = JSON.parse(readFileSync('resources/directory.json', 'utf8')) as { matters: Record<string, unknown>[] };
const directory = DirectorySchema.parse(raw);
const matter = (id: string) => directory.matters.find((m) => m.id === id)!;
const today = new Date().toISOString().slice(0, 10);

describe('every built-in matter has a source and a checked date', () => {
  it.each(directory.matters.map((m) => [m.id, m] as const))('%s', (_, m) => {
    expect(m.source?.trim().length ?? 0).toBeGreaterThan(10);
    expect(m.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(m.checked! <= today, `${m.checked} is after ${today}`).toBe(true);
  });

  it('none cites the 2004 act, replaced on 1 June 2025', () => {
    expect(directory.matters.filter((m) => /promocji zatrudnienia/i.test(`${m.source} ${m.hint ?? ''}`)).map((m) => m.id)).toEqual([]);
  });

  it('quotes in the content are Polish („…”), not straight or English ones', () => {
    const text = JSON.stringify(directory);
    expect(text.match(/\\"|[“«»]/g) ?? []).toEqual([]);
  });
});

describe('source and checked in an office’s own file', () => {
  const office = { ...raw, matters: raw.matters.map(({ source: _s, checked: _c, ...rest }) => rest) };

  it('may be left out: a file edited before they existed still loads', () => {
    const parsed = DirectorySchema.safeParse(office);
    expect(parsed.success).toBe(true);
    expect(parsed.data!.matters.every((m) => m.source === undefined && m.checked === undefined)).toBe(true);
  });

  it('a checked date that is not a real day, not RRRR-MM-DD, or not of this century is refused at that field, saying which', () => {
    const said: [string, string][] = [
      ['2026-02-30', 'taki dzień nie istnieje: 2026-02-30'],
      ['2025-02-29', 'taki dzień nie istnieje: 2025-02-29'],
      ['2026-13-01', 'taki dzień nie istnieje: 2026-13-01'],
      ['07.12.2026', 'data w postaci RRRR-MM-DD, np. 2026-12-07'],
      ['2026-12-7', 'data w postaci RRRR-MM-DD, np. 2026-12-07'],
      ['', 'data w postaci RRRR-MM-DD, np. 2026-12-07'],
      ['9999-01-01', 'rok poza zakresem 2000–2100: 9999-01-01'],
      ['0000-01-01', 'rok poza zakresem 2000–2100: 0000-01-01'],
      ['1999-12-31', 'rok poza zakresem 2000–2100: 1999-12-31'],
    ];
    for (const [checked, message] of said) {
      const result = DirectorySchema.safeParse({ ...office, matters: [{ ...office.matters[0], checked }, ...office.matters.slice(1)] });
      expect(result.success, checked).toBe(false);
      expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['matters.0.checked', message]]);
    }
    expect(DirectorySchema.safeParse({ ...office, matters: [{ ...office.matters[0], checked: '2024-02-29' }, ...office.matters.slice(1)] }).success).toBe(true);
  });
});

describe('sites: the street said once', () => {
  it('no built-in site is named after the street of its address, and each is shown with its street once', () => {
    for (const site of directory.sites) {
      expect(nameRepeatsStreet(site.name, site.address), site.id).toBe(false);
      const street = site.address.split(',')[0]!.replace(/^ul\.\s*/, '').split(' ')[0]!;
      expect(siteLine(site).split(street).length - 1, siteLine(site)).toBe(1);
    }
  });

  it('a name that says the street in any form is dropped from what is shown', () => {
    expect(nameRepeatsStreet('Siedziba przy ul. Milionowej', 'ul. Milionowa 91, Łódź')).toBe(true);
    expect(nameRepeatsStreet('Siedziba przy ul. Kilińskiego', 'ul. Kilińskiego 102/102a, Łódź')).toBe(true);
    expect(nameRepeatsStreet('Filia na Piotrkowskiej', 'ul. Piotrkowska 104, Łódź')).toBe(true);
    expect(nameRepeatsStreet('Siedziba Urzędu', 'ul. Milionowa 91, Łódź')).toBe(false);
    expect(siteLine({ name: 'Siedziba przy ul. Milionowej', address: 'ul. Milionowa 91, Łódź' })).toBe('ul. Milionowa 91, Łódź');
    expect(siteLine({ name: 'Siedziba Urzędu', address: 'ul. Milionowa 91, Łódź' })).toBe('Siedziba Urzędu, ul. Milionowa 91, Łódź');
  });
});

describe('the facts the office found wrong', () => {
  it('800 plus (formerly 500 plus) is ZUS’s, not the city’s social-benefits centre’s', () => {
    expect(routeMatter(directory, matter('rodzina-800-plus'), null)).toMatchObject({ kind: 'external', unit: { id: 'zus' } });
    expect(matter('rodzina-800-plus').hint).toMatch(/ZUS/);
    expect(matter('rodzina-800-plus').hint).toMatch(/elektronicznie/);
    const css = directory.units.find((u) => u.id === 'centrum-swiadczen-socjalnych')!;
    expect(css.description).not.toMatch(/800\+/);
    expect(css.description).toMatch(/Nie „800 plus” — to ZUS/);
    expect(matter('swiadczenia-rodzinne').keywords.join(' ')).not.toMatch(/800|500/);
    expect(matter('swiadczenia-rodzinne').title).not.toMatch(/800/);
  });

  it('an appeal: where and by when — to the voivode, through the office, within 14 days — not the legal team', () => {
    const appeal = matter('odwolanie');
    expect(appeal.unit).not.toBe('zespol-radcow-prawnych');
    expect(appeal.hint).toMatch(/Wojewoda Łódzki/);
    expect(appeal.hint).toMatch(/za pośrednictwem Urzędu/);
    expect(appeal.hint).toMatch(/14 dni od jej doręczenia/);
    expect(appeal.source).toMatch(/art\. 129/);
    expect(matter('status-odwolania').unit).toBe('urzad-wojewodzki');
  });

  it('the 2025 act’s terms: contact every 90 days, registration where one lives, IPD not for everyone, no labour-market test', () => {
    expect(matter('kontakt-90-dni').hint).toMatch(/90 dni/);
    expect(matter('rejestracja').hint).toMatch(/miejsca zamieszkania/);
    expect(matter('ipd').hint).toMatch(/120 dni/);
    expect(matter('informacja-starosty').hint).toMatch(/nie musi/);
  });
});
