import { useTranslation } from 'react-i18next';
import { useCallStore } from '../call/call-store';

/**
 * During a call made for a callback: whom to call and on what number, and
 * what was agreed — so the clerk dials and greets without going back to the
 * list. After a restart mid-call the call store takes it up again from the
 * open callbacks.
 */
export function CallbackInUse({ callbackOf }: { callbackOf: string }) {
  const { t } = useTranslation();
  const callback = useCallStore((s) => (s.callback?.id === callbackOf ? s.callback : null));
  if (!callback) return null;
  const contact = callback.contact;
  return (
    <section className="callback-in-use banner info" aria-label={t('callbacks.inCall')}>
      <p>
        <strong>{t('callbacks.inCall')}:</strong> {contact?.name ?? t('callbacks.noName')}
        {contact && (
          <>
            {' · '}
            <span className="nowrap" data-testid="callback-in-use-phone">
              {contact.phone}
            </span>
          </>
        )}
        {contact?.caseRef && <> · {contact.caseRef}</>}
      </p>
      {callback.reference && <p className="small">{t('callbacks.inCallAgreed', { reference: callback.reference })}</p>}
    </section>
  );
}
