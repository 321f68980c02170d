import { useTranslation } from 'react-i18next';
import { useAppStore } from '../stores/app-store';

/** What happened at start that the person should know (a file set aside, a call restored). */
export function Notices() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice, index) => (
        <div key={`${notice.code}-${index}`} className="banner info" role="status">
          <p>{t(`notices.${notice.code}`, { file: notice.file ?? '' })}</p>
          <button type="button" className="icon-button" aria-label={t('notices.dismiss')} onClick={() => dismiss(index)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
