import { useTranslation } from 'react-i18next';
import { windowControl } from './desk-store';
import { settingsActions } from '../settings/settings-store';
import { isDesktop } from '../api/platform';
import { useAppStore } from './app-store';

/**
 * The overlay's own title-bar buttons, on the desktop only: it has no system
 * frame. Compact or full view, minimise, hide to the tray. (A browser tab
 * has its own, and room for the full view.)
 */
export function TitleBarButtons({ compactToggle = true }: { compactToggle?: boolean }) {
  const { t } = useTranslation();
  const preferences = useAppStore((s) => s.preferences);
  const profile = useAppStore((s) => s.profile);
  const desktop = isDesktop();

  async function toggleCompact() {
    const next = { ...preferences, compact: !preferences.compact };
    useAppStore.getState().preferencesSaved(next, []); // the view changes at once; the window follows when saved
    try {
      const saved = await settingsActions.savePreferences(next);
      useAppStore.getState().preferencesSaved(saved.preferences, saved.hotkeyProblems);
    } catch {
      useAppStore.getState().preferencesSaved(preferences, []);
    }
  }

  return (
    <div className="titlebar-buttons">
      {profile && desktop && compactToggle && (
        <button type="button" className="icon-button" aria-pressed={!preferences.compact} onClick={() => void toggleCompact()}>
          {preferences.compact ? t('window.expand') : t('window.compact')}
        </button>
      )}
      {desktop && (
        <>
          <button type="button" className="icon-button" aria-label={t('window.minimize')} title={t('window.minimize')} onClick={() => windowControl('minimize')}>
            ‒
          </button>
          <button type="button" className="icon-button" aria-label={t('window.hide')} title={t('window.hide')} onClick={() => windowControl('hide')}>
            ×
          </button>
        </>
      )}
    </div>
  );
}
