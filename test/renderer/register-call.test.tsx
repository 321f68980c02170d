import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { setApi } from '../../renderer/src/api/instance';
import { RegisterTable } from '../../renderer/src/register/RegisterTable';
import { i18n } from '../../renderer/src/i18n';
import { useRegisterStore } from '../../renderer/src/register/register-store';
import type { Api, ApiOutput } from '../../shared/contract/api';
import type { RegisterCall, RegisterRowView } from '../../shared/register/register-api';

const initialRegister = useRegisterStore.getState();

const rows: RegisterRowView[] = [
  { id: '0190a7c4-8f2e-7a10-9d4b-0123456789a1', clerkName: 'Maria-Magdalena Szczepańska-Wojciechowska', startedAt: '2026-11-20T10:14:00.000Z', direction: 'incoming', durationSec: 185, outcome: 'invited', routedTo: 'Dział Ewidencji i Świadczeń', missed: ['Do rozmówcy nie docierają głosy osób trzecich'], score: 0.88, note: 'x', integrity: '' },
  { id: '0190a7c4-8f2e-7a10-9d4b-0123456789a2', clerkName: 'Beata Lis', startedAt: '2026-11-18T11:40:00.000Z', direction: 'outgoing', durationSec: 20, outcome: 'no-contact', routedTo: null, missed: [], score: null, note: '', integrity: 'Naruszona integralność: Beata Lis' },
  { id: '0190a7c4-8f2e-7a10-9d4b-0123456789a3', clerkName: 'Piotr Wiśniewski', startedAt: '2026-11-02T08:10:00.000Z', direction: 'incoming', durationSec: 40, outcome: 'resolved', routedTo: null, missed: [], score: 1, note: '', integrity: '' },
];

const maria: RegisterCall = {
  id: rows[0]!.id,
  clerkName: rows[0]!.clerkName,
  direction: 'incoming',
  startedAt: '2026-11-20T10:14:00.000Z',
  endedAt: '2026-11-20T10:17:05.000Z',
  durationSec: 185,
  outboundPerson: null,
  goodMoment: null,
  personalData: false,
  trust: 'ok',
  items: [
    { id: 'greeting', label: 'Powitanie: imię i nazwisko, Urząd, komórka', state: 'done', atMs: 12_000, mark: null },
    { id: 'no-third-party-voices', label: 'Do rozmówcy nie docierają głosy osób trzecich', state: 'missed', atMs: null, mark: null },
    { id: 'identity-verified', label: 'Tożsamość potwierdzona przed podaniem danych osobowych', state: 'not-applicable', atMs: null, mark: null },
    { id: 'polite-closing', label: 'Uprzejme zakończenie rozmowy', state: 'done', atMs: 205_000, mark: 'after-end' },
  ],
  outcome: 'invited',
  routedTo: { unitName: 'Dział Ewidencji i Świadczeń', external: false },
  invitation: { appointmentAt: '2026-12-15T09:30:00.000Z' },
  callbackDueAt: null,
  keepsCallback: false,
  note: 'Przyjdzie z decyzją; PESEL [PESEL].',
  greetingWithin30s: true,
  score: 0.88,
  copy: 'team',
  file: 'calls/maria/2026-11.jsonl',
  integrity: { problems: [], conflictWith: null, maskedOnImport: false },
};

const beata: RegisterCall = {
  ...maria,
  id: rows[1]!.id,
  clerkName: 'Beata Lis',
  direction: 'outgoing',
  outboundPerson: 'no-answer',
  items: maria.items.map((i) => ({ ...i, state: 'not-applicable', atMs: null, mark: null })),
  outcome: 'no-contact',
  routedTo: null,
  invitation: null,
  note: '',
  greetingWithin30s: null,
  score: null,
  copy: 'local',
  file: 'calls/beata/2026-11.jsonl',
  integrity: {
    problems: [{ folder: 'local', clerkName: 'Beata Lis', month: '2026-11', file: 'calls/beata/2026-11.jsonl', kind: 'broken-chain', lines: [2], moreLines: 0, fileCount: 1 }],
    conflictWith: 'team',
    maskedOnImport: false,
  },
};

function fakeApi(registerCall: Api['registerCall']): Api {
  const page: ApiOutput<'queryRegister'> = { total: rows.length, offset: 0, rows, summary: null, facets: { clerks: [], units: [], items: [] }, problemCount: 0, unreadable: [], unreadableCount: 0 };
  return { queryRegister: vi.fn(async () => page), listRegisterProblems: vi.fn(), registerCall } as unknown as Api;
}

async function renderTable(registerCall: Api['registerCall']) {
  setApi(fakeApi(registerCall));
  await act(() => useRegisterStore.getState().load(true));
  render(
    <I18nextProvider i18n={i18n}>
      <RegisterTable />
    </I18nextProvider>,
  );
  return within(screen.getByRole('list', { name: /Lista rozmów/ }));
}

const rowButton = (list: ReturnType<typeof within>, name: string) => list.getAllByRole('listitem').find((li: HTMLElement) => li.textContent?.includes(name))!.querySelector('button')!;

beforeAll(() => {
  // jsdom has no modal dialogs: opened is opened.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  // …and no layout: the list's scroller is given a window's size, so the virtualiser has rows to show.
  for (const [property, size] of [['clientHeight', 480], ['clientWidth', 440]] as const) {
    Object.defineProperty(HTMLElement.prototype, property, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('register-scroller') ? size : 0;
      },
    });
  }
});
afterAll(() => {
  delete (HTMLElement.prototype as Partial<Record<'clientHeight' | 'clientWidth', number>>).clientHeight;
  delete (HTMLElement.prototype as Partial<Record<'clientHeight' | 'clientWidth', number>>).clientWidth;
});
beforeEach(() => useRegisterStore.setState(initialRegister, true));
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('the register: a row opened', () => {
  it('each row is one button; one of them takes Tab, the arrows, Home and End move it; names are whole', async () => {
    const list = await renderTable(vi.fn());
    const buttons = list.getAllByRole('button');
    expect(buttons).toHaveLength(3);
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    expect(buttons[0]!.textContent).toContain('Maria-Magdalena Szczepańska-Wojciechowska');
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(list.getAllByRole('button')[1]));
    expect(list.getAllByRole('button').map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(list.getAllByRole('button')[2]));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' }); // past the end: stays
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(list.getAllByRole('button')[0]));
  });

  it('opened: the facts, every item with its state, time and marks, the note, an intact record; Esc closes and the row has the focus again', async () => {
    const registerCall = vi.fn(async () => maria);
    const list = await renderTable(registerCall);
    const row = rowButton(list, 'Szczepańska');
    row.focus();
    fireEvent.click(row);
    const dialog = await screen.findByRole('dialog', { name: /^Rozmowa \d/ });
    expect(registerCall).toHaveBeenCalledWith({ id: maria.id });
    const text = dialog.textContent!;
    expect(text).toContain('PracownikMaria-Magdalena Szczepańska-Wojciechowska');
    expect(text).toContain('Czas trwania3:05');
    expect(text).toContain('WynikZaproszenie do Urzędu');
    expect(text).toContain('Przekierowano doDział Ewidencji i Świadczeń');
    expect(text).toMatch(/Zaproszenie do Urzęduwizyta 15\.12\.2026, \d\d:30/);
    expect(text).toContain('Oddzwonienienie');
    expect(text).toContain('Powitanie w 30 stak');
    expect(text).toContain('Zgodność ze standardem88%');
    const item = (label: string) => within(dialog).getAllByRole('listitem').find((li) => li.textContent!.includes(label))!.textContent!;
    expect(item('Powitanie:')).toContain('wykonano · zaznaczono po 0:12 od początku');
    expect(item('Do rozmówcy')).toContain('pominięto');
    expect(item('Tożsamość')).toContain('nie dotyczy tej rozmowy');
    expect(item('Uprzejme')).toContain('zaznaczono po 3:25 od początku · zaznaczono po zakończeniu rozmowy');
    expect(text).toContain('Przyjdzie z decyzją; PESEL [PESEL].');
    expect(within(dialog).getByRole('region', { name: 'Integralność zapisu' }).textContent).toBe(
      'Integralność zapisuZapis nienaruszony — Łańcuch sum kontrolnych pliku calls/maria/2026-11.jsonl się zgadza.Odczytano z: calls/maria/2026-11.jsonl (w folderze zespołu)',
    );

    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(rowButton(list, 'Szczepańska')));
  });

  it('a call nobody answered: nothing applies, no score ("nie dotyczy"); a broken file and a conflicting copy are said; "Zamknij" closes', async () => {
    const list = await renderTable(vi.fn(async () => beata));
    fireEvent.click(rowButton(list, 'Beata Lis'));
    const dialog = await screen.findByRole('dialog', { name: /^Rozmowa \d/ });
    const text = dialog.textContent!;
    expect(text).toContain('Kto odebrałnikt nie odebrał');
    expect(text).toContain('Powitanie w 30 snie dotyczy');
    expect(text).toContain('Zgodność ze standardemnie dotyczy');
    expect(text).toContain('Bez notatki.');
    const integrity = within(dialog).getByRole('region', { name: 'Integralność zapisu' }).textContent!;
    expect(integrity).toContain('Zapis do wyjaśnienia');
    expect(integrity).toContain('Beata Lis, 2026-11: przerwany łańcuch zapisów — wiersz 2 (calls/beata/2026-11.jsonl)');
    expect(integrity).toContain('Ta sama rozmowa jest też w folderze zespołu z inną treścią.');
    expect(integrity).not.toContain('Zapis nienaruszony');
    fireEvent.click(within(dialog).getByRole('button', { name: /Zamknij/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(rowButton(list, 'Beata Lis')));
  });

  it('an outcome chosen in the wrap-up alone is not contradicted: routed with no unit noted, invited with no date', async () => {
    for (const [outcome, said] of [
      ['routed', /Przekierowano dotak, bez wskazania komórki/],
      ['invited', /Zaproszenie do Urzędutak, bez umówionego terminu/],
    ] as const) {
      const list = await renderTable(vi.fn(async () => ({ ...maria, outcome, routedTo: null, invitation: null })));
      fireEvent.click(rowButton(list, 'Szczepańska'));
      const dialog = await screen.findByRole('dialog', { name: /^Rozmowa \d/ });
      expect(dialog.textContent).toMatch(said);
      cleanup();
    }
  });

  it('a call the register no longer holds as it was: said in the dialog, which still closes', async () => {
    const list = await renderTable(
      vi.fn(async () => {
        throw new ApiError('bad-input', 'Tej rozmowy nie ma już w rejestrze w tej postaci — odśwież rejestr.', 'registerCallGone');
      }),
    );
    fireEvent.click(rowButton(list, 'Piotr'));
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Nie udało się wczytać rozmowy: Tej rozmowy nie ma już w rejestrze w tej postaci — odśwież rejestr.');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
