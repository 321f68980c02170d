import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { pl } from '../../renderer/src/i18n/pl';

/** Every key of a message tree, plural forms folded into their base key ("count_few" → "count"). */
function keys(tree: object, prefix = ''): Set<string> {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'object' && value !== null) for (const k of keys(value, `${path}.`)) found.add(k);
    else found.add(path);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.startsWith('pl.') && !d.name.startsWith('en.') ? [join(dir, d.name)] : [],
  );
}

const polish = keys(pl);
const english = keys(en);

describe('translations', () => {

  it('Polish and English have the same keys', () => {
    expect([...polish].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter((k) => !polish.has(k))).toEqual([]);
  });

  it('each plural has the forms its language needs: Polish one, few, many, other; English one, other', () => {
    const plural = (tree: object, forms: string[], prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) => {
        if (typeof value === 'object' && value !== null) return plural(value, forms, `${prefix}${key}.`);
        const base = /^(.*)_(one|few|many|other)$/.exec(key)?.[1];
        if (!base) return [];
        return forms.filter((f) => !(`${base}_${f}` in tree)).map((f) => `${prefix}${base}_${f}`);
      });
    expect(plural(pl, ['one', 'few', 'many', 'other'])).toEqual([]);
    expect(plural(en, ['one', 'other'])).toEqual([]);
  });

  it('every literal key the UI asks for exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('renderer/src')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !polish.has(k))).toEqual([]);
  });
});

describe("the service's errors in the clerk's language", () => {
  it('a keyed error is said in English when English is chosen, in Polish otherwise; an unkeyed one as sent', async () => {
    const { ApiError } = await import('../../renderer/src/api/client');
    const { errorMessage } = await import('../../renderer/src/api/error-message');
    const { i18n } = await import('../../renderer/src/i18n');
    const full = new ApiError('storage', 'Brak uprawnień do zapisu: /x.csv. Wybierz inny folder, np. Dokumenty.', 'exportNoAccess', { path: '/x.csv', code: 'EACCES' });
    try {
      await i18n.changeLanguage('en');
      expect(errorMessage(full, 'net')).toBe('No permission to write: /x.csv. Choose another folder, e.g. Documents.');
      expect(errorMessage(new ApiError('bad-input', 'Coś po polsku'), 'net')).toBe('Coś po polsku');
      expect(errorMessage(new ApiError('network', ''), 'No connection')).toBe('No connection');
    } finally {
      await i18n.changeLanguage('pl');
    }
    expect(errorMessage(full, 'net')).toBe('Brak uprawnień do zapisu: /x.csv. Wybierz inny folder, np. Dokumenty.');
  });

  it('every key the service can send is said in both languages, with the same values named', async () => {
    const { serviceErrorKeys, serviceErrorTemplate } = await import('../../shared/contract/service-errors');
    const all = serviceErrorKeys();
    expect(all.length).toBeGreaterThan(60);
    const missing = all.filter((k) => !polish.has(`serverErrors.${k}`) || !english.has(`serverErrors.${k}`));
    expect(missing).toEqual([]);
    const named = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const { i18n } = await import('../../renderer/src/i18n');
    const differing = all.filter((k) => JSON.stringify(named(i18n.getResource('en', 'translation', `serverErrors.${k}`) as string)) !== JSON.stringify(named(serviceErrorTemplate(k))));
    expect(differing).toEqual([]);
  });
});

describe('what an import says it did', () => {
  it('property: every count and every shown line is said, each skipped line with its own reason, in both languages, with nothing left unfilled', async () => {
    const fc = (await import('fast-check')).default;
    const { IMPORT_REJECT_REASONS } = await import('../../shared/register/register-api');
    const { importSummary } = await import('../../renderer/src/register/import-summary');
    const { i18n } = await import('../../renderer/src/i18n');
    const count = fc.integer({ min: 0, max: 200_000 });
    const result = fc
      .record({
        imported: count,
        otherRecords: count,
        duplicates: count,
        conflicts: count,
        masked: count,
        rejected: fc.uniqueArray(fc.record({ line: fc.integer({ min: 1, max: 10_000_000 }), reason: fc.constantFrom(...IMPORT_REJECT_REASONS) }), { selector: (r) => r.line, maxLength: 20 }),
        extra: fc.integer({ min: 0, max: 5000 }),
      })
      .map(({ extra, ...r }) => ({ ...r, path: 'eksport.jsonl', rejectedCount: r.rejected.length + (r.rejected.length === 20 ? extra : 0) }));
    try {
      for (const language of ['pl', 'en']) {
        await i18n.changeLanguage(language);
        fc.assert(
          fc.property(result, (r) => {
            const said = importSummary(r, i18n.t);
            expect(said).not.toMatch(/\{\{|undefined|NaN|register\.import/);
            expect(said.startsWith('eksport.jsonl: ')).toBe(true);
            for (const n of [r.imported, r.otherRecords, r.duplicates, r.conflicts, r.masked, r.rejectedCount]) if (n > 0) expect(said).toContain(String(n));
            for (const { line, reason } of r.rejected) {
              const because = i18n.t(`register.import.reasons.${reason}`);
              const group = said.split(/, (?=wiersz|line|i \d|and \d)/).find((g) => g.endsWith(because) || g.includes(`${because},`) || g.includes(`${because}.`))!;
              expect(group).toMatch(new RegExp(`\\b${line}\\b`));
            }
          }),
          { numRuns: 200 },
        );
      }
    } finally {
      await i18n.changeLanguage('pl');
    }
  });

  it('a day’s checks filed with the calls are said, not passed over as if nothing came in', async () => {
    const { importSummary } = await import('../../renderer/src/register/import-summary');
    const { i18n } = await import('../../renderer/src/i18n');
    const none = { path: 'a.jsonl', imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
    expect(importSummary({ ...none, otherRecords: 2 }, i18n.t)).toBe('a.jsonl: zaimportowano 0 rozmów oraz 2 inne zapisy (listy gotowości do dyżuru, notatki o usunięciu starych miesięcy).');
    expect(importSummary({ ...none, imported: 1, rejectedCount: 3, rejected: [{ line: 2, reason: 'in-future' }, { line: 4, reason: 'not-json' }, { line: 9, reason: 'in-future' }] }, i18n.t)).toBe(
      'a.jsonl: zaimportowano 1 rozmowę; pominięto 3 wiersze: wiersze 2, 9 — data zapisu w przyszłości (przestawiony zegar komputera pracownika), wiersz 4 — to nie jest JSON.',
    );
  });
});

describe('keys the UI builds at run time', () => {
  it('exist for every value they can be built from, in both languages — and no new kind of built key goes unchecked', async () => {
    const { MASK_TOKENS } = await import('../../shared/masking/masking');
    const { OUTCOMES } = await import('../../shared/call/outcomes');
    const { JOURNAL_PROBLEM_KINDS } = await import('../../shared/journal/api-problems');
    const { JOURNAL_ALERT_KINDS } = await import('../../shared/journal/journal-alerts');
    const { FOLDER_KINDS, REGISTER_PROBLEM_KINDS, IMPORT_REJECT_REASONS } = await import('../../shared/register/register-api');
    const { QUICK_RANGES, SORT_KEYS } = await import('../../shared/register/register');
    const { ROLES } = await import('../../shared/settings/profile');
    const { CONTACT_PROBLEMS, HONORIFICS } = await import('../../shared/callbacks/callback-contact');
    type CallbackStatus = import('../../shared/callbacks/callbacks').CallbackStatus;
    type CallbackTimeProblem = import('../../shared/callbacks/callbacks').CallbackTimeProblem;
    type QuickCallbackChoice = import('../../shared/callbacks/callbacks').QuickCallbackChoice;
    type WrapUpProblem = import('../../shared/call/wrap-up').WrapUpProblem;
    const timeProblems: CallbackTimeProblem[] = ['required', 'invalid', 'past', 'too-far'];
    const { serviceErrorKeys } = await import('../../shared/contract/service-errors');
    const { wrapUpProblemKey } = await import('../../shared/call/wrap-up');
    const { DATABASE_TROUBLES, TLS_MODES } = await import('../../shared/settings/team-database');
    const { TEAM_FIELD_PROBLEMS, TEAM_TARGETS } = await import('../../renderer/src/settings/team-form-values');
    const { ENTRY_KINDS } = await import('../../shared/directory/directory-edits');
    const { TABLES } = await import('../../shared/directory/directory-tables');
    const { EntryChangeSchema } = await import('../../shared/directory/change-log');
    const { MatterSchema, UnitSchema, SiteSchema, GlossaryTermSchema } = await import('../../shared/directory/directory');
    type SearchKind = import('../../shared/directory/search').SearchKind;
    const wrapUpProblems = ['outcome-required', 'appointment-past', ...timeProblems.map((p) => `callback-${p}` as const), ...CONTACT_PROBLEMS.map((p) => `contact-${p}` as const)] satisfies WrapUpProblem[];
    // Each family: the values the domain can hand the template (the types keep these lists whole: a value added there fails to compile here).
    const families: Record<string, readonly string[]> = {
      'masked.': Object.keys(MASK_TOKENS),
      'outcomes.': OUTCOMES,
      'history.problem.': JOURNAL_PROBLEM_KINDS,
      'register.problem.': REGISTER_PROBLEM_KINDS.filter((k) => k !== 'conflict'),
      'register.folder.': FOLDER_KINDS,
      'journalAlerts.kind.': JOURNAL_ALERT_KINDS,
      'journalAlerts.copy.': ['local', 'team'],
      'direction.': ['incoming', 'outgoing'],
      'register.import.reasons.': IMPORT_REJECT_REASONS,
      'register.range.': QUICK_RANGES,
      'register.sort.': SORT_KEYS.flatMap((k) => [`${k}-asc`, `${k}-desc`]),
      'profile.roles.': ROLES,
      'callbacks.': ['upcoming', 'due', 'overdue'] satisfies CallbackStatus[],
      'serverErrors.callbackTime.': timeProblems,
      'serverErrors.': [...serviceErrorKeys(), ...wrapUpProblems.map(wrapUpProblemKey)],
      'callback.quick.': ['in-1h', 'this-afternoon', 'next-morning'] satisfies QuickCallbackChoice[],
      'contact.problems.': CONTACT_PROBLEMS,
      'contact.honorifics.': HONORIFICS,
      'team.targets.': TEAM_TARGETS,
      'team.targetHints.': TEAM_TARGETS,
      'team.db.tlsModes.': TLS_MODES,
      'team.db.tlsHints.': TLS_MODES,
      'team.errors.': TEAM_FIELD_PROBLEMS,
      'serverErrors.teamDatabase.': DATABASE_TROUBLES,
      'editor.kinds.': ENTRY_KINDS,
      'editor.add.': ENTRY_KINDS,
      'editor.remove.': ENTRY_KINDS,
      'editor.new.': ENTRY_KINDS,
      'editor.tryIt.kind.': [...(['matter', 'unit', 'term'] satisfies SearchKind[]), 'external'],
      'editor.change.': EntryChangeSchema.shape.change.options,
      'editor.file.': ['directory', 'glossary'],
      'editor.builtIn.': ['directory', 'glossary'],
      'editor.newFile.': ['directory', 'glossary'],
      'editor.fileWhat.': ['directory', 'glossary'],
      'editor.pathPlaceholder.': ['directory', 'glossary'],
      'editor.tables.export.': TABLES,
      // Every field a directory or glossary entry has: the form labels each, and a problem names its field.
      'editor.fields.': [...new Set([...Object.keys(MatterSchema.shape), ...Object.keys(UnitSchema.shape), ...Object.keys(SiteSchema.shape), ...Object.keys(GlossaryTermSchema.shape)])].filter((f) => f !== 'kind'),
    };
    // Built from a component's own fixed list (its form fields, its views, its notice codes): checked where that list is.
    const local = ['deescalation.steps.', 'nav.', 'notices.', 'notices.using.', 'officeFiles.', 'officeFiles.errors.', 'officeFiles.source.', 'preferences.', 'preferences.actions.', 'preferences.errors.hotkey.', 'preferences.languages.', 'profile.', 'profile.errors.', 'search.kind.'];
    for (const [language, keys] of [['pl', polish], ['en', english]] as const) {
      const missing = Object.entries(families).flatMap(([prefix, values]) => values.map((v) => `${prefix}${v}`).filter((k) => !keys.has(k)));
      expect(missing, language).toEqual([]);
    }
    const built = new Set<string>();
    for (const file of sourceFiles('renderer/src')) for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(`([a-zA-Z0-9_.]+)\$\{/g)) built.add(m[1]!);
    expect([...built].filter((prefix) => !(prefix in families) && !local.includes(prefix))).toEqual([]);
  });
});
