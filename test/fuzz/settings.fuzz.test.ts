import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileTimestamp } from '../../electron/services/atomic-file';
import { DEFAULT_SETTINGS, parseSettings, SettingsSchema, SettingsStore, type Settings } from '../../electron/services/settings-store';
import { DEFAULT_PREFERENCES } from '../../shared/settings/preferences';
import { anyBytes, anyText, applyJsonMutation, fuzzRuns, getAt, jsonMutation, mutatedJsonText, mutatedText, type Json } from './arbitraries';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('settings');

/**
 * settings.json as a crash, a full disk or a person with Notepad may leave
 * it: reading it never throws; a file that is not whole and valid is set
 * aside untouched and the last good copy (or the defaults) is used.
 */
const FULL: Settings = SettingsSchema.parse({
  schemaVersion: 1,
  profile: { clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10', firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' },
  officeFiles: { directory: '/srv/urzad/katalog.json', glossary: null },
  teamFolder: '/mnt/zespol',
  retentionMonths: 36,
  preferences: { ...DEFAULT_PREFERENCES, language: 'en', largeText: true, longCallMinutes: 7 },
});
/** Team mode on a database instead of a folder. */
const ON_DATABASE: Settings = SettingsSchema.parse({
  ...FULL,
  teamFolder: null,
  teamDatabase: { url: 'postgresql://anna@baza.pup.local/asystent', password: 'tajne', tls: 'verify-full', caFile: null, officeId: 'pup-lodz' },
});
/** A file written before the office files, team mode and preferences existed. */
const OLD = { schemaVersion: 1, profile: FULL.profile };

const validSettings = fc.constantFrom<Json>(DEFAULT_SETTINGS as unknown as Json, FULL as unknown as Json, ON_DATABASE as unknown as Json, OLD as unknown as Json);
const serialize = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

const settingsText: fc.Arbitrary<string> = fc.oneof(
  anyText,
  validSettings.chain((s) => mutatedText(serialize(s))),
  validSettings.chain((s) => mutatedJsonText(s)),
  validSettings.map(serialize),
);

function jsonOf(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

describe('settings.json, parsed', () => {
  it('any text: never throws; settings only when the text is whole JSON the schema takes, and then exactly those', () => {
    fc.assert(
      fc.property(settingsText, (text) => {
        const parsed = parseSettings(text);
        const json = jsonOf(text);
        const expected = json.ok ? SettingsSchema.safeParse(json.value) : null;
        if (!expected?.success) return void expect(parsed).toBeNull();
        expect(parsed).toEqual(expected.data);
        // What the app writes back reads the same again.
        expect(parseSettings(serialize(parsed))).toEqual(parsed);
      }),
      fuzzRuns(12_000),
    );
  });

  it('one field dropped or of the wrong type: a field with a default takes it, anything else refuses the file', () => {
    const defaults: [string, unknown][] = [
      ['["officeFiles"]', DEFAULT_SETTINGS.officeFiles],
      ['["teamFolder"]', null],
      ['["teamDatabase"]', null],
      ['["retentionMonths"]', DEFAULT_SETTINGS.retentionMonths],
      ['["preferences"]', DEFAULT_PREFERENCES],
      ...Object.entries(DEFAULT_PREFERENCES).map(([key, value]): [string, unknown] => [JSON.stringify(['preferences', key]), value]),
    ];
    const byDefault = new Map(defaults);
    const NULLABLE = new Set(['["profile"]', '["officeFiles","directory"]', '["officeFiles","glossary"]', '["teamFolder"]', '["teamDatabase"]', '["teamDatabase","password"]', '["teamDatabase","caFile"]']);
    fc.assert(
      fc.property(validSettings, jsonMutation.filter((m) => m.kind === 'wrong-type' || m.kind === 'delete'), (valid, mutation) => {
        const { doc, path } = applyJsonMutation(valid, mutation);
        const parsed = parseSettings(JSON.stringify(doc));
        if (mutation.kind === 'delete' && byDefault.has(JSON.stringify(path))) {
          expect(parsed).not.toBeNull();
          expect(getAt(parsed as unknown as Json, path)).toEqual(byDefault.get(JSON.stringify(path)));
        } else if (mutation.kind === 'delete' || !NULLABLE.has(JSON.stringify(path))) {
          // Every other field is required and has one type (a nullable one takes null or its type: skipped).
          expect(parsed).toBeNull();
        }
      }),
      fuzzRuns(1_000),
    );
  });
});

describe('settings.json on disk', () => {
  const lastGood = fc.oneof(fc.constant(null), validSettings.map(serialize), settingsText);
  const content = fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: settingsText.map((t) => Buffer.from(t, 'utf8')) },
    { weight: 2, arbitrary: anyBytes.map((b) => Buffer.from(b)) },
  );

  it('a bad file is set aside byte for byte and the last good copy or the defaults are used; the next start is quiet', async () => {
    let clock = Date.UTC(2026, 0, 5, 8, 0, 0);
    await fc.assert(
      fc.asyncProperty(content, lastGood, async (bytes, good) => {
        const dir = mkdtempSync(join(scratch, 'settings-'));
        if (bytes) writeFileSync(join(dir, 'settings.json'), bytes);
        if (good !== null) writeFileSync(join(dir, 'settings.last-good.json'), good);
        const now = new Date((clock += 1_000));
        const loaded = await new SettingsStore(dir).load(now);

        const own = bytes ? parseSettings(bytes.toString('utf8')) : null;
        const fallback = (good !== null ? parseSettings(good) : null) ?? DEFAULT_SETTINGS;
        if (own) {
          expect(loaded).toEqual({ settings: own });
          expect(readFileSync(join(dir, 'settings.json'))).toEqual(bytes);
          return;
        }
        expect(loaded.settings).toEqual(fallback);
        if (bytes) {
          expect(loaded.setAsideAs).toBe(`settings.corrupt-${fileTimestamp(now)}.json`);
          expect(readFileSync(join(dir, loaded.setAsideAs!))).toEqual(bytes);
        } else expect(loaded.setAsideAs).toBeUndefined();
        // The last good copy is put back in place; without one nothing is written until the person saves.
        if (fallback === DEFAULT_SETTINGS) expect(existsSync(join(dir, 'settings.json'))).toBe(false);
        else expect(parseSettings(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual(fallback);

        const again = await new SettingsStore(dir).load(new Date((clock += 1_000)));
        expect(again).toEqual({ settings: fallback });
        expect(readdirSync(dir).filter((n) => n.startsWith('settings.corrupt-'))).toHaveLength(bytes ? 1 : 0);
      }),
      fuzzRuns(300),
    );
  });
});
