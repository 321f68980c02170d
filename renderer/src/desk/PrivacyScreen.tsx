import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { KEYS } from '../keys/keys';
import { useDeskStore } from './desk-store';
import { Kbd } from '../ui/Kbd';
import { TitleBarButtons } from './TitleBarButtons';

/**
 * The neutral screen shown instead of everything else when the clerk hides
 * the window's content (F9, or the global hotkey on the desktop): nothing
 * of the call, the note or the register is left on screen — not even the
 * app's title — for someone walking by. The call itself goes on.
 */
export function PrivacyScreen() {
  const { t } = useTranslation();
  const show = useDeskStore((s) => s.toggleHidden);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="privacy-screen">
      {/* The frameless window stays movable and can still go to the tray; nothing else is shown. */}
      <div className="topbar privacy-bar">
        <TitleBarButtons compactToggle={false} />
      </div>
      <button ref={button} type="button" className="button secondary" onClick={show}>
        {t('privacy.show')} <Kbd>{KEYS.hide}</Kbd>
      </button>
    </div>
  );
}
