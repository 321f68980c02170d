import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { PreferencesSchema } from '../../shared/settings/preferences';
import { useDeskStore } from '../../renderer/src/desk/desk-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { setApi } from '../../renderer/src/api/instance';
import { App } from '../../renderer/src/desk/App';
import { forgetSettingsEdits } from '../../renderer/src/settings/settings-form';
import { i18n } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/desk/app-store';
import { useCallStore } from '../../renderer/src/call/call-store';
import { draftIdle } from '../../renderer/src/call/draft-writer';
import type { Api } from '../../shared/contract/api';
import { IDLE } from '../../shared/call/call-machine';
import { BUILT_IN_CONTENT, BUILT_IN_DIRECTORY, BUILT_IN_GLOSSARY, TEST_PROFILE } from './fixtures';

const directory = BUILT_IN_DIRECTORY;
const glossary = BUILT_IN_GLOSSARY;
const content = BUILT_IN_CONTENT;
const profile = TEST_PROFILE;

function fakeApi(overrides: Partial<Api> = {}): Api {
  return {
    getAppState: vi.fn(async () => ({ profile, ...content, shiftToday: true, draft: IDLE, notices: [], journalAlerts: { alerts: [], more: 0 } })),
    saveProfile: vi.fn(async (input) => ({ clerkId: profile.clerkId, ...input }) as typeof profile),
    windowControl: vi.fn(async () => ({ ok: true as const })),
    suspendHotkeys: vi.fn(async () => ({ ok: true as const })),
    followCall: vi.fn(async () => ({ ok: true as const })),
    savePreferences: vi.fn(async (preferences) => ({ preferences: PreferencesSchema.parse(preferences), hotkeyProblems: [] })),
    saveOfficeFiles: vi.fn(async (files) => ({
      directory,
      glossary,
      officeFiles: { directory: files.directory ?? null, glossary: files.glossary ?? null },
      contentSources: { directory: files.directory ? ('office' as const) : ('built-in' as const), glossary: files.glossary ? ('office' as const) : ('built-in' as const) },
    })),
    openDirectoryEditor: vi.fn(async () => ({ directory: { file: null, hash: null, value: directory, problems: [] }, glossary: { file: null, hash: null, value: glossary, problems: [] } })),
    saveDirectoryEdits: vi.fn(async (edits) => ({
      directory: edits.directory?.value ?? directory,
      glossary: edits.glossary?.value ?? glossary,
      officeFiles: { directory: edits.directory?.file ?? null, glossary: edits.glossary?.file ?? null },
      contentSources: { directory: edits.directory ? ('office' as const) : ('built-in' as const), glossary: edits.glossary ? ('office' as const) : ('built-in' as const) },
      saved: { directory: edits.directory ? { file: edits.directory.file, hash: 'b'.repeat(64) } : null, glossary: edits.glossary ? { file: edits.glossary.file, hash: 'c'.repeat(64) } : null },
      failed: null,
    })),
    exportDirectoryTable: vi.fn(async () => ({ path: null, download: null })),
    importDirectoryTable: vi.fn(async () => ({ name: null, rows: [] })),
    countSearchMiss: vi.fn(async () => ({ ok: true as const })),
    searchMissReport: vi.fn(async ({ month }) => ({ month, clerks: 0, misses: 0, phrases: [] })),
    saveDraft: vi.fn(async () => ({ ok: true as const })),
    saveCall: vi.fn(async ({ call, outcome }) => ({
      id: call.id,
      direction: call.direction,
      startedAt: new Date(call.startedAt).toISOString(),
      durationSec: 1,
      outcome,
      missed: [],
      note: '',
      personalData: call.personalData,
      score: 1,
      ticksAtWrapUp: 0,
      callbackDueAt: null,
      routedTo: null,
      appointmentAt: null,
    })),
    saveShift: vi.fn(async () => ({ ok: true as const })),
    listCallbacks: vi.fn(async () => ({ callbacks: [] })),
    changeCallback: vi.fn(async () => ({ callbacks: [] })),
    notify: vi.fn(async () => ({ shown: false })),
    listRecentCalls: vi.fn(async () => ({ calls: [], problems: [], problemCount: 0 })),
    queryRegister: vi.fn(async ({ offset }) => ({ total: 0, offset, rows: [], summary: null, facets: { clerks: [], units: [], items: [] }, problemCount: 0, unreadable: [], unreadableCount: 0 })),
    listRegisterProblems: vi.fn(async ({ offset }) => ({ listed: 0, count: 0, offset, problems: [] })),
    registerCall: vi.fn(async () => {
      throw new ApiError('bad-input', 'Tej rozmowy nie ma już w rejestrze w tej postaci — odśwież rejestr.', 'registerCallGone');
    }),
    acknowledgeJournalAlerts: vi.fn(async () => ({ alerts: [], more: 0 })),
    exportRegister: vi.fn(async () => ({ path: null, download: null, rows: 0 })),
    saveTeamSettings: vi.fn(async ({ teamFolder }) => ({ folder: teamFolder ?? null, pending: 0, reachable: true, lastError: null, localError: null, lastDeliveredAt: null, database: null, conflicts: 0, undeliverable: 0 })),
    printReport: vi.fn(async () => ({ path: null, printInWindow: false })),
    importRecords: vi.fn(async () => ({ path: null, imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 })),
    applyRetention: vi.fn(async () => ({ removed: [], notRemoved: [] })),
    getTeamStatus: vi.fn(async () => ({ folder: null, pending: 0, reachable: null, lastError: null, localError: null, lastDeliveredAt: null, database: null, conflicts: 0, undeliverable: 0 })),
    ...overrides,
  };
}

const initialApp = useAppStore.getState();
const initialCall = useCallStore.getState();
const initialDesk = useDeskStore.getState();

beforeEach(() => {
  useAppStore.setState(initialApp, true);
  useCallStore.setState(initialCall, true);
  useDeskStore.setState(initialDesk, true);
  forgetSettingsEdits();
});
afterEach(async () => {
  await draftIdle();
  cleanup();
  setApi(null);
});

function renderApp(api: Api) {
  setApi(api);
  return render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
}

describe('App', () => {
  it('first run: only the profile form, and invalid input is explained without calling the API', async () => {
    const api = fakeApi({ getAppState: vi.fn(async () => ({ profile: null, ...content, shiftToday: false, draft: IDLE, notices: [], journalAlerts: { alerts: [], more: 0 } })) });
    renderApp(api);
    await screen.findByRole('heading', { name: 'Profil pracownika' });
    expect(screen.queryByRole('navigation')).toBeNull();
    fireEvent.change(screen.getByLabelText('Imię'), { target: { value: 'Jan3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz profil' }));
    expect(await screen.findByText('Nie może zawierać cyfr.')).toBeTruthy();
    expect(screen.getAllByText('To pole jest wymagane.')).toHaveLength(2); // last name, unit
    expect(api.saveProfile).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Imię').getAttribute('aria-invalid')).toBe('true');
  });

  it('a started call shows the greeting from the profile and ticks items by number key', async () => {
    const api = fakeApi();
    renderApp(api);
    fireEvent.click(await screen.findByRole('button', { name: /Połączenie przychodzące/ }));
    const greeting = screen.getByRole('region', { name: 'Powitanie' });
    expect(greeting.textContent).toContain('Anna Nowak');
    expect(greeting.textContent).toContain('Referat Pośrednictwa Pracy');

    fireEvent.keyDown(window, { key: '1' });
    const first = screen.getByRole('checkbox', { name: /Powitanie: imię i nazwisko/ }) as HTMLInputElement;
    expect(first.checked).toBe(true);
    await waitFor(() => expect(api.saveDraft).toHaveBeenCalled());
  });

  it('the identity item applies only once the call touches personal data', async () => {
    renderApp(fakeApi());
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    fireEvent.keyDown(window, { key: 'F2' });
    const row = () => screen.getByRole('checkbox', { name: /Tożsamość potwierdzona/ }).closest('li')!;
    await waitFor(() => expect(within(row()).getByText('nie dotyczy')).toBeTruthy());
    fireEvent.keyDown(window, { key: 'd' });
    expect(within(row()).queryByText('nie dotyczy')).toBeNull();
  });

  it('a failed save keeps the call in the wrap-up with the reason, and a retry saves it', async () => {
    const saveCall = vi
      .fn<Api['saveCall']>()
      .mockRejectedValueOnce(new ApiError('storage', 'Brak miejsca na dysku.'))
      .mockImplementation(fakeApi().saveCall);
    renderApp(fakeApi({ saveCall }));
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    fireEvent.keyDown(window, { key: 'F2' });
    await screen.findByRole('region', { name: 'Powitanie' });
    fireEvent.keyDown(window, { key: 'F4' });
    await screen.findByRole('button', { name: /Zapisz rozmowę/ });
    await act(async () => fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wybierz wynik rozmowy.');
    expect(saveCall).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: '3' });
    expect((screen.getByRole('radio', { name: /Zaproszenie do Urzędu/ }) as HTMLInputElement).checked).toBe(true);

    await act(async () => fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true }));
    expect((await screen.findByRole('alert')).textContent).toBe('Nie zapisano: Brak miejsca na dysku.');
    expect(useCallStore.getState().state.phase).toBe('wrap-up');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: /Zapisz rozmowę/ })));
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    expect(saveCall).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Rozmowa zapisana w dzienniku.')).toBeTruthy();
  });

  it('the wrap-up shows the note as it will be stored, with identifiers masked', async () => {
    renderApp(fakeApi());
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    fireEvent.keyDown(window, { key: 'F2' });
    await screen.findByRole('region', { name: 'Powitanie' });
    fireEvent.keyDown(window, { key: 'F4' });
    fireEvent.change(await screen.findByLabelText('Notatka (opcjonalnie)'), { target: { value: 'Nr rachunku PL61 1090 1014 0000 0712 1981 2874' } });
    expect(screen.getByTestId('stored-note').textContent).toBe('Nr rachunku [nr rachunku]');
    expect(screen.getByText('Ukryto: nr rachunku')).toBeTruthy();
  });

  it('says so when the service cannot be reached, and retries', async () => {
    const getAppState = vi.fn<Api['getAppState']>().mockRejectedValueOnce(new ApiError('network', 'x')).mockImplementation(fakeApi().getAppState);
    renderApp(fakeApi({ getAppState }));
    fireEvent.click(await screen.findByRole('button', { name: 'Spróbuj ponownie' }));
    expect(await screen.findByRole('button', { name: /Połączenie przychodzące/ })).toBeTruthy();
  });

  it('warns while the call in progress cannot be written to disk, and clears the warning once it can', async () => {
    const saveDraft = vi
      .fn<Api['saveDraft']>()
      .mockRejectedValueOnce(new ApiError('storage', 'Brak miejsca na dysku.'))
      .mockResolvedValue({ ok: true });
    renderApp(fakeApi({ saveDraft }));
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    fireEvent.keyDown(window, { key: 'F2' });
    expect((await screen.findByRole('alert')).textContent).toContain('Brak miejsca na dysku.');
    await draftIdle();
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});

describe("Settings: the office's own files", () => {
  async function openSettings(api: Api) {
    renderApp(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Ustawienia' }));
    return screen.findByRole('heading', { name: 'Katalog spraw i słowniczek urzędu' });
  }

  it('a path that is not a full path to a .json file is explained at the field, and nothing is sent', async () => {
    const api = fakeApi();
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Plik katalogu spraw i komórek (.json)'), { target: { value: 'katalog.json' } });
    fireEvent.change(screen.getByLabelText('Plik słowniczka pojęć (.json)'), { target: { value: '/srv/pup/slowniczek.txt' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz ustawienia' }));
    expect(await screen.findByText(/Podaj pełną ścieżkę/)).toBeTruthy();
    expect(screen.getByText('To musi być plik .json.')).toBeTruthy();
    expect(api.saveOfficeFiles).not.toHaveBeenCalled();
  });

  it("the service's problems are listed line by line and the built-in directory stays in use", async () => {
    const problems = ['/srv/pup/katalog.json:12:7 matters.3.unit nieznana komórka', '/srv/pup/katalog.json:40:3 matters.9.keywords lista nie może być pusta'];
    const api = fakeApi({ saveOfficeFiles: vi.fn(async () => Promise.reject(new ApiError('bad-input', problems.join('\n')))) });
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Plik katalogu spraw i komórek (.json)'), { target: { value: '/srv/pup/katalog.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz ustawienia' }));
    const section = screen.getByRole('region', { name: 'Katalog spraw i słowniczek urzędu' });
    const alert = await within(section).findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(problems);
    expect(screen.getAllByText(/W użyciu: przykład wbudowany/)).toHaveLength(2);
  });

  it('files that check out are used by the search at once', async () => {
    const office = { ...directory, matters: [...directory.matters, { ...directory.matters[0]!, id: 'karta-rodziny', title: 'Karta dużej rodziny', keywords: ['karta dużej rodziny'] }] };
    const api = fakeApi({
      windowControl: vi.fn(async () => ({ ok: true as const })),
    suspendHotkeys: vi.fn(async () => ({ ok: true as const })),
    followCall: vi.fn(async () => ({ ok: true as const })),
    savePreferences: vi.fn(async (preferences) => ({ preferences: PreferencesSchema.parse(preferences), hotkeyProblems: [] })),
    saveOfficeFiles: vi.fn(async (files) => ({
        directory: office,
        glossary,
        officeFiles: { directory: files.directory ?? null, glossary: null },
        contentSources: { directory: 'office' as const, glossary: 'built-in' as const },
      })),
    });
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Plik katalogu spraw i komórek (.json)'), { target: { value: '  /srv/pup/katalog.json ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz ustawienia' }));
    expect(await screen.findByText(/W użyciu: plik urzędu \(44 sprawy\)/)).toBeTruthy();
    expect(api.saveOfficeFiles).toHaveBeenCalledWith({ directory: '/srv/pup/katalog.json', glossary: null });
    expect(screen.getByRole('status').textContent).toMatch(/Wyszukiwarka zna teraz 44 sprawy i 42 pojęcia/);
    expect(useAppStore.getState().searchIndex?.entries.some((e) => e.hit.id === 'karta-rodziny')).toBe(true);
  });

  it('a broken office file at start-up is named with its place, and what is used instead', async () => {
    const notice = { code: 'office-directory-invalid' as const, file: '/srv/pup/katalog.json', detail: '/srv/pup/katalog.json:3:1 (JSON) błąd składni JSON: ValueExpected', more: 2, using: 'last-good' as const };
    renderApp(fakeApi({ getAppState: vi.fn(async () => ({ profile, ...content, shiftToday: true, draft: IDLE, notices: [notice], journalAlerts: { alerts: [], more: 0 } })) }));
    const banner = await screen.findByText(/Katalog spraw urzędu \/srv\/pup\/katalog\.json jest błędny/);
    expect(banner.textContent).toBe(
      'Katalog spraw urzędu /srv/pup/katalog.json jest błędny: /srv/pup/katalog.json:3:1 (JSON) błąd składni JSON: ValueExpected (i 2 dalsze problemy). Do czasu poprawienia używana jest ostatnia dobra kopia tego pliku.',
    );
  });
});

describe('Polish plural forms', () => {
  it('1 rozmowa, 2–4 rozmowy, 5–21 rozmów, 22 rozmowy, 112 rozmów', () => {
    const say = (count: number) => i18n.t('register.count', { count });
    expect([1, 2, 4, 5, 12, 21, 22, 25, 112, 0].map(say)).toEqual([
      '1 rozmowa',
      '2 rozmowy',
      '4 rozmowy',
      '5 rozmów',
      '12 rozmów',
      '21 rozmów',
      '22 rozmowy',
      '25 rozmów',
      '112 rozmów',
      '0 rozmów',
    ]);
  });
});

describe('on the desktop (the preload gives window.api and window.shell)', () => {
  let listener: ((command: string) => void) | null = null;
  beforeEach(() => {
    Object.assign(window, { api: {}, shell: { onCommand: (l: (command: string) => void) => (listener = l) } });
  });
  afterEach(() => {
    delete (window as { api?: unknown }).api;
    delete (window as { shell?: unknown }).shell;
  });

  it('the frameless window has its own buttons, opens compact, and a hotkey or the tray can start a call and hide everything', async () => {
    const api = fakeApi();
    const { container } = renderApp(api);
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    expect(container.querySelector('.app.compact')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Minimalizuj' }));
    expect(api.windowControl).toHaveBeenCalledWith({ action: 'minimize' });
    fireEvent.click(screen.getByRole('button', { name: 'Pełny widok' }));
    await waitFor(() => expect(container.querySelector('.app.compact')).toBeNull());
    expect(api.savePreferences).toHaveBeenCalledWith(expect.objectContaining({ compact: false }));

    expect(listener).not.toBeNull();
    act(() => listener!('start-incoming'));
    expect(await screen.findByRole('region', { name: 'Powitanie' })).toBeTruthy();
    await waitFor(() => expect(api.followCall).toHaveBeenLastCalledWith({ startedAt: expect.any(Number) }));
    act(() => listener!('toggle-privacy'));
    expect(screen.queryByRole('region', { name: 'Powitanie' })).toBeNull();
    expect(screen.getByRole('button', { name: /Pokaż okno/ })).toBeTruthy();
    act(() => listener!('toggle-privacy'));
    act(() => listener!('end-call'));
    expect(await screen.findByRole('heading', { name: 'Podsumowanie rozmowy' })).toBeTruthy();
  });
});
