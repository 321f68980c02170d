import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { Notices } from '../../renderer/src/desk/Notices';
import { useAppStore } from '../../renderer/src/desk/app-store';
import { i18n } from '../../renderer/src/i18n';
import type { TeamStatus } from '../../shared/settings/team-settings';

/**
 * What the banner says of the team's copy on a database: why copies wait
 * (in the clerk's words, for every trouble the service can send), and that
 * records stayed on this computer because the copy refused them or holds
 * their id with other content.
 */
const status = (change: Partial<TeamStatus>): TeamStatus => ({
  folder: null,
  database: 'anna_nowak@baza.pup.local/asystent · pup-lodz',
  pending: 0,
  reachable: true,
  lastError: null,
  localError: null,
  lastDeliveredAt: null,
  conflicts: 0,
  undeliverable: 0,
  ...change,
});

function shown(team: TeamStatus): string {
  useAppStore.setState({ teamStatus: team, notices: [], draftError: null });
  render(
    <I18nextProvider i18n={i18n}>
      <Notices />
    </I18nextProvider>,
  );
  return screen.queryAllByRole('status').map((s) => s.textContent ?? '').join(' | ');
}

afterEach(() => {
  cleanup();
  useAppStore.setState({ teamStatus: null });
});

describe('the team database in the banner', () => {
  it('says why copies wait, in Polish, for every trouble the service can send — never its code', async () => {
    const { DATABASE_TROUBLES } = await import('../../shared/settings/team-database');
    for (const trouble of DATABASE_TROUBLES) {
      const text = shown(status({ pending: 3, reachable: false, lastError: trouble }));
      expect(text, trouble).toMatch(/^Baza zespołu nie przyjmuje teraz kopii: .+ Na tym komputerze czeka: 3 zapisy\./);
      expect(text, trouble).not.toContain('db-');
      cleanup();
    }
  });

  it('says that records stayed here, counted, when the copy refused them or holds their id otherwise', () => {
    expect(shown(status({ undeliverable: 2, conflicts: 1 }))).toBe(
      'Nie wszystkie zapisy trafiły do kopii zespołu: 1 zapis ma w bazie zespołu inną treść pod tym samym identyfikatorem — został na tym komputerze; zgłoś to kierownikowi. 2 zapisy nie zostały przyjęte przez kopię zespołu — zostały na tym komputerze (w dzienniku); zgłoś to kierownikowi.',
    );
  });

  it('says nothing while every copy arrives', () => {
    expect(shown(status({}))).toBe('');
  });
});
