import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { setApi } from '../../renderer/src/api/instance';
import { App } from '../../renderer/src/desk/App';
import { forgetSettingsEdits } from '../../renderer/src/settings/settings-form';
import { i18n } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/desk/app-store';
import { useCallStore } from '../../renderer/src/call/call-store';
import { useDeskStore } from '../../renderer/src/desk/desk-store';
import { draftIdle } from '../../renderer/src/call/draft-writer';
import type { Api } from '../../shared/contract/api';
import { IDLE } from '../../shared/call/call-machine';
import { PreferencesSchema } from '../../shared/settings/preferences';
import { BUILT_IN_CONTENT, BUILT_IN_DIRECTORY, BUILT_IN_GLOSSARY, TEST_PROFILE } from './fixtures';

/**
 * The settings are one form with one save button: every part is checked
 * first, then the parts that changed are saved in order, each through its
 * own call; what was saved and what was not is said once.
 */
const directory = BUILT_IN_DIRECTORY;
const glossary = BUILT_IN_GLOSSARY;
const profile = TEST_PROFILE;
const state = {
  ...BUILT_IN_CONTENT,
  profile,
  shiftToday: true,
  draft: IDLE,
  notices: [],
  journalAlerts: { alerts: [], more: 0 },
};

function fakeApi(overrides: Partial<Api> = {}): Api {
  return {
    getAppState: vi.fn(async () => state),
    saveProfile: vi.fn(async (input) => ({ clerkId: profile.clerkId, ...input }) as typeof profile),
    savePreferences: vi.fn(async (preferences) => ({ preferences: PreferencesSchema.parse(preferences), hotkeyProblems: [] })),
    saveTeamSettings: vi.fn(async ({ teamFolder }) => ({ folder: teamFolder ?? null, pending: 0, reachable: true, lastError: null, localError: null, lastDeliveredAt: null, database: null, conflicts: 0, undeliverable: 0 })),
    saveOfficeFiles: vi.fn(async (files) => ({
      directory,
      glossary,
      officeFiles: { directory: files.directory ?? null, glossary: files.glossary ?? null },
      contentSources: { directory: files.directory ? ('office' as const) : ('built-in' as const), glossary: files.glossary ? ('office' as const) : ('built-in' as const) },
    })),
    getTeamStatus: vi.fn(async () => ({ folder: null, pending: 0, reachable: null, lastError: null, localError: null, lastDeliveredAt: null, database: null, conflicts: 0, undeliverable: 0 })),
    listCallbacks: vi.fn(async () => ({ callbacks: [] })),
    listRecentCalls: vi.fn(async () => ({ calls: [], problems: [], problemCount: 0 })),
    saveDraft: vi.fn(async () => ({ ok: true as const })),
    suspendHotkeys: vi.fn(async () => ({ ok: true as const })),
    notify: vi.fn(async () => ({ shown: false })),
    ...overrides,
  } as Api;
}

const initialApp = useAppStore.getState();
const initialCall = useCallStore.getState();
const initialDesk = useDeskStore.getState();
let toasts: string[] = [];
let unsubscribe: () => void = () => undefined;

beforeEach(() => {
  useAppStore.setState(initialApp, true);
  useCallStore.setState(initialCall, true);
  useDeskStore.setState(initialDesk, true);
  forgetSettingsEdits();
  toasts = [];
  unsubscribe = useAppStore.subscribe((now, before) => {
    if (now.toast && now.toast !== before.toast) toasts.push(now.toast);
  });
});
afterEach(async () => {
  unsubscribe();
  await draftIdle();
  cleanup();
  setApi(null);
  await i18n.changeLanguage('pl');
});

async function openSettings(api: Api) {
  setApi(api);
  render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Ustawienia' }));
  await screen.findByRole('heading', { name: 'Katalog spraw i słowniczek urzędu' });
}

const part = (name: string) => screen.getByRole('region', { name });
const chooseFolder = () => fireEvent.click(screen.getByRole('radio', { name: 'Folder zespołu' }));
const save = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Zapisz ustawienia' })));

describe('settings: one form, one save button', () => {
  it('changes in two parts are both saved by the one button, with one toast', async () => {
    const api = fakeApi();
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Komórka organizacyjna'), { target: { value: 'Centrum Aktywizacji Zawodowej' } });
    chooseFolder();
    fireEvent.change(screen.getByLabelText('Ścieżka folderu zespołu'), { target: { value: '\\\\serwer\\rozmowy' } });
    // Each changed part says so until it is saved.
    expect(within(part('Profil pracownika')).getByText('niezapisane zmiany')).toBeTruthy();
    expect(within(part('Zespół i przechowywanie zapisów')).getByText('niezapisane zmiany')).toBeTruthy();
    expect(within(part('Ustawienia aplikacji')).queryByText('niezapisane zmiany')).toBeNull();
    expect(screen.getAllByRole('button', { name: /Zapisz/ })).toHaveLength(1);

    await save();
    await waitFor(() => expect(toasts).toEqual(['Zapisano ustawienia. Tryb zespołu włączony.']));
    expect(api.saveProfile).toHaveBeenCalledWith({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Centrum Aktywizacji Zawodowej', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
    expect(api.saveTeamSettings).toHaveBeenCalledWith({ teamFolder: '\\\\serwer\\rozmowy', teamDatabase: null, retentionMonths: 24 });
    // In order, and only the parts that changed.
    expect((api.saveProfile as ReturnType<typeof vi.fn>).mock.invocationCallOrder[0]).toBeLessThan((api.saveTeamSettings as ReturnType<typeof vi.fn>).mock.invocationCallOrder[0]!);
    expect(api.savePreferences).not.toHaveBeenCalled();
    expect(api.saveOfficeFiles).not.toHaveBeenCalled();
    // Still in the settings, with what was saved in the fields and nothing marked.
    expect(useAppStore.getState().profile?.unit).toBe('Centrum Aktywizacji Zawodowej');
    expect(useAppStore.getState().team.teamFolder).toBe('\\\\serwer\\rozmowy');
    expect((screen.getByLabelText('Komórka organizacyjna') as HTMLInputElement).value).toBe('Centrum Aktywizacji Zawodowej');
    expect(screen.queryByText('niezapisane zmiany')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an invalid field in one part: nothing is saved, the error is at the field, and the focus goes there', async () => {
    const api = fakeApi();
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Komórka organizacyjna'), { target: { value: 'Centrum Aktywizacji Zawodowej' } });
    const days = screen.getByLabelText('Dane kontaktowe oddzwonień usuwać po (dniach od terminu)');
    fireEvent.change(days, { target: { value: '91' } });
    chooseFolder();
    fireEvent.change(screen.getByLabelText('Ścieżka folderu zespołu'), { target: { value: 'rozmowy' } });

    await save();
    expect(within(part('Ustawienia aplikacji')).getByText('Podaj liczbę dni od 1 do 90.')).toBeTruthy();
    expect(within(part('Zespół i przechowywanie zapisów')).getByText(/Podaj pełną ścieżkę/)).toBeTruthy();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(days); // the first invalid field of the form
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Nic nie zapisano — popraw zaznaczone pola. Do poprawienia: Ustawienia aplikacji, Zespół i przechowywanie zapisów.');
    expect(api.saveProfile).not.toHaveBeenCalled();
    expect(api.savePreferences).not.toHaveBeenCalled();
    expect(api.saveTeamSettings).not.toHaveBeenCalled();
    expect(toasts).toEqual([]);

    // Corrected, the same button saves every changed part, the new number of days among them.
    fireEvent.change(days, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Tylko ten komputer' }));
    await save();
    await waitFor(() => expect(toasts).toEqual(['Zapisano ustawienia.']));
    expect(api.savePreferences).toHaveBeenCalledWith(expect.objectContaining({ callbackContactDays: 30 }));
    expect(api.saveProfile).toHaveBeenCalledTimes(1);
    expect(api.saveTeamSettings).not.toHaveBeenCalled(); // emptied again: no change
  });

  it('a profile error in the first part takes the focus, and the profile says so with its own messages', async () => {
    await openSettings(fakeApi());
    fireEvent.change(screen.getByLabelText('Imię'), { target: { value: 'Jan3' } });
    fireEvent.change(screen.getByLabelText('Ostrzeżenie o kliencie przy stanowisku po (min)'), { target: { value: '0' } });
    await save();
    expect(screen.getByText('Nie może zawierać cyfr.')).toBeTruthy();
    expect(screen.getByText('Podaj liczbę minut od 1 do 30.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Imię'));
    expect(screen.getByRole('alert').textContent).toMatch(/Do poprawienia: Profil pracownika, Ustawienia aplikacji\.$/);
  });

  it('a team folder that does not answer: the profile change is saved, the team part says why it was not, and the form says which', async () => {
    const saveTeamSettings = vi.fn(async () => Promise.reject(new ApiError('storage', 'Folder \\\\serwer\\rozmowy nie odpowiada.')));
    const api = fakeApi({ saveTeamSettings });
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Nazwisko'), { target: { value: 'Nowak-Kowalska' } });
    chooseFolder();
    fireEvent.change(screen.getByLabelText('Ścieżka folderu zespołu'), { target: { value: '\\\\serwer\\rozmowy' } });
    await save();

    await waitFor(() => expect(saveTeamSettings).toHaveBeenCalled());
    const team = part('Zespół i przechowywanie zapisów');
    expect((await within(team).findByRole('alert')).textContent).toBe('Nie zapisano: Folder \\\\serwer\\rozmowy nie odpowiada.');
    expect(api.saveProfile).toHaveBeenCalledWith(expect.objectContaining({ lastName: 'Nowak-Kowalska' }));
    expect(useAppStore.getState().profile?.lastName).toBe('Nowak-Kowalska');
    expect(useAppStore.getState().team.teamFolder).toBeNull();
    const form = screen.getByRole('form', { name: 'Ustawienia' });
    const summary = within(form)
      .getAllByRole('alert')
      .find((a) => !team.contains(a))!;
    expect(summary.textContent).toBe('Zapisano: Profil pracownika. Nie zapisano: Zespół i przechowywanie zapisów — przyczyna jest podana w tej części.');
    expect(toasts).toEqual([]);
    // What was not saved is still there, and still marked; the saved part is not.
    expect((screen.getByLabelText('Ścieżka folderu zespołu') as HTMLInputElement).value).toBe('\\\\serwer\\rozmowy');
    expect(within(team).getByText('niezapisane zmiany')).toBeTruthy();
    expect(within(part('Profil pracownika')).queryByText('niezapisane zmiany')).toBeNull();
  });

  it('nothing changed: says so and calls nothing', async () => {
    const api = fakeApi();
    await openSettings(api);
    // Typed and put back: no change.
    fireEvent.change(screen.getByLabelText('Imię'), { target: { value: 'Ania' } });
    fireEvent.change(screen.getByLabelText('Imię'), { target: { value: 'Anna ' } });
    await save();
    expect(screen.getByText('Brak zmian do zapisania.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    for (const call of [api.saveProfile, api.savePreferences, api.saveTeamSettings, api.saveOfficeFiles]) expect(call).not.toHaveBeenCalled();
    expect(toasts).toEqual([]);
  });

  it('Ctrl+Enter in a field saves too; a language chosen is the toast’s language', async () => {
    const api = fakeApi();
    await openSettings(api);
    fireEvent.change(screen.getByLabelText('Język'), { target: { value: 'en' } });
    await act(async () => fireEvent.keyDown(screen.getByLabelText('Język'), { key: 'Enter', ctrlKey: true }));
    await waitFor(() => expect(toasts).toEqual(['Settings saved.']));
    expect(api.savePreferences).toHaveBeenCalledWith(expect.objectContaining({ language: 'en' }));
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeTruthy();
  });

  it('leaving with changes keeps them and says so; Anuluj drops them and returns to the call view', async () => {
    await openSettings(fakeApi());
    fireEvent.change(screen.getByLabelText('Opublikowany numer telefonu Urzędu'), { target: { value: '42 123 45 67' } });
    fireEvent.click(screen.getByRole('button', { name: 'Historia' }));
    await waitFor(() => expect(toasts).toEqual(['Zmiany w Ustawieniach nie są zapisane — czekają tam na zapisanie albo anulowanie.']));

    fireEvent.click(screen.getByRole('button', { name: 'Ustawienia' }));
    const phone = (await screen.findByLabelText('Opublikowany numer telefonu Urzędu')) as HTMLInputElement;
    expect(phone.value).toBe('42 123 45 67');
    expect(within(part('Ustawienia aplikacji')).getByText('niezapisane zmiany')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Anuluj' }));
    await screen.findByRole('button', { name: /Połączenie przychodzące/ });
    expect(toasts).toHaveLength(1); // cancelled: nothing more to say
    fireEvent.click(screen.getByRole('button', { name: 'Ustawienia' }));
    expect(((await screen.findByLabelText('Opublikowany numer telefonu Urzędu')) as HTMLInputElement).value).toBe('');
    expect(screen.queryByText('niezapisane zmiany')).toBeNull();
  });

  it('the first run shows the profile alone, saved by „Zapisz profil”, and opens the app', async () => {
    const api = fakeApi({ getAppState: vi.fn(async () => ({ ...state, profile: null, shiftToday: false })) });
    setApi(api);
    render(
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>,
    );
    await screen.findByRole('heading', { name: 'Profil pracownika' });
    expect(screen.queryByRole('heading', { name: 'Ustawienia aplikacji' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Anuluj' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Imię'), { target: { value: 'Ewa' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Zapisz profil' })));
    expect(screen.getByRole('alert').textContent).toBe('Popraw zaznaczone pola — profil nie został zapisany.');
    expect(document.activeElement).toBe(screen.getByLabelText('Nazwisko'));
    fireEvent.change(screen.getByLabelText('Nazwisko'), { target: { value: 'Zielińska' } });
    fireEvent.change(screen.getByLabelText('Komórka organizacyjna'), { target: { value: 'Centrum Aktywizacji Zawodowej' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Zapisz profil' })));
    expect(await screen.findByRole('heading', { name: 'Gotowość do dyżuru' })).toBeTruthy();
    expect(toasts).toEqual(['Profil zapisany.']);
  });
});
