import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/instance';
import { useAppStore } from '../stores/app-store';

/** What happened at start that the person should know (a file set aside, a call restored). */
export function Notices() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const draftError = useAppStore((s) => s.draftError);
  if (notices.length === 0 && draftError === null) return null;
  return (
    <div className="notices">
      {draftError !== null && (
        <div className="banner warning" role="alert">
          <p>{t('notices.draftWriteFailed', { message: errorMessage(draftError, t('errors.network')) })}</p>
        </div>
      )}
      {notices.map((notice, index) => (
        <div key={`${notice.code}-${index}`} className="banner info" role="status">
          <p>
            {t(`notices.${notice.code}`, {
              file: notice.file ?? '',
              detail: notice.detail ?? '',
              more: notice.more ? t('notices.moreProblems', { count: notice.more }) : '',
              using: notice.using ? t(`notices.using.${notice.using}`) : '',
            })}
          </p>
          <button type="button" className="icon-button" aria-label={t('notices.dismiss')} onClick={() => dismiss(index)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
