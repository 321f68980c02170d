import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../renderer/src/api/instance';
import { SensitiveDataReminder } from '../../renderer/src/call/OutboundSteps';
import { forgetSettingsEdits } from '../../renderer/src/settings/settings-form';
import { SettingsView } from '../../renderer/src/settings/SettingsView';
import { i18n } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/desk/app-store';
import type { Api } from '../../shared/contract/api';
import { DEFAULT_PREFERENCES, PreferencesSchema } from '../../shared/settings/preferences';
import { BUILT_IN_SCRIPTS, TEST_PROFILE } from './fixtures';

/**
 * The office's published number: typed in the settings (a Polish number, or
 * refused in Polish), and said in the outbound reminder only when known.
 */
const scripts = BUILT_IN_SCRIPTS;

function withI18n(node: React.ReactNode) {
  return render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

const profile = TEST_PROFILE;

let savePreferences: ReturnType<typeof vi.fn>;

beforeEach(() => {
  savePreferences = vi.fn(async (preferences: unknown) => ({ preferences: PreferencesSchema.parse(preferences), hotkeyProblems: [] }));
  setApi({ savePreferences, suspendHotkeys: vi.fn(async () => ({ ok: true as const })) } as unknown as Api);
  useAppStore.setState({ preferences: DEFAULT_PREFERENCES, hotkeyProblems: [], scripts, profile });
  forgetSettingsEdits();
});

afterEach(() => {
  cleanup();
  setApi(null);
  useAppStore.setState({ preferences: DEFAULT_PREFERENCES, scripts: null, profile: null });
  forgetSettingsEdits();
});

describe('the office’s number in the settings', () => {
  it('something that is not a Polish number is refused inline, in Polish, and nothing is saved', async () => {
    withI18n(<SettingsView />);
    const field = screen.getByLabelText('Opublikowany numer telefonu Urzędu');
    fireEvent.change(field, { target: { value: '12 34' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz ustawienia' }));
    expect(await screen.findByText(/^Nieprawidłowy numer telefonu Urzędu: potrzeba 9 cyfr/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(savePreferences).not.toHaveBeenCalled();
  });

  it('a number typed any usual way is saved as it is read out', async () => {
    withI18n(<SettingsView />);
    fireEvent.change(screen.getByLabelText('Opublikowany numer telefonu Urzędu'), { target: { value: '+48 42-123-45-67' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz ustawienia' }));
    await waitFor(() => expect(savePreferences).toHaveBeenCalledWith(expect.objectContaining({ officePhone: '42 123 45 67' })));
    await waitFor(() => expect(useAppStore.getState().preferences.officePhone).toBe('42 123 45 67'));
  });
});

describe('the outbound reminder', () => {
  it('without a known number offers the office’s website, never a placeholder', () => {
    const { container } = withI18n(<SensitiveDataReminder />);
    expect(container.textContent).toContain('podany na jego stronie internetowej');
    expect(container.textContent).not.toMatch(/do uzupełnienia|[«»…{}]|000/);
  });

  it('with the number in the settings says it', () => {
    useAppStore.setState({ preferences: { ...DEFAULT_PREFERENCES, officePhone: '42 123 45 67' } });
    const { container } = withI18n(<SensitiveDataReminder />);
    expect(container.textContent).toContain('może oddzwonić na opublikowany numer Urzędu: 42 123 45 67.');
  });
});
