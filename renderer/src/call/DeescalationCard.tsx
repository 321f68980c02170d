import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { KEYS } from '../keys/keys';
import { useDeskStore } from '../desk/desk-store';
import { Kbd } from '../ui/Kbd';

const STEPS = ['listen', 'name', 'facts', 'options', 'limits', 'close'] as const;

/**
 * For an impulsive caller or client (§6 pkt 5): lower the emotions and still
 * settle the matter. Short, concrete steps, each with a sentence to say.
 * Opened and closed by F6; it sits over the screen, the call goes on under it.
 */
export function DeescalationCard() {
  const { t } = useTranslation();
  const open = useDeskStore((s) => s.deescalationOpen);
  const close = useDeskStore((s) => s.toggleDeescalation);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <section className="card deescalation" role="dialog" aria-modal="false" aria-labelledby="deescalation-title">
      <div className="call-head">
        <h2 id="deescalation-title" ref={heading} tabIndex={-1}>
          {t('deescalation.title')}
        </h2>
        <button type="button" className="button secondary small" onClick={close}>
          {t('deescalation.close')} <Kbd>{KEYS.deescalation}</Kbd>
        </button>
      </div>
      <ol className="deescalation-steps">
        {STEPS.map((step) => (
          <li key={step}>
            <strong>{t(`deescalation.steps.${step}.do`)}</strong>
            <span className="say" lang="pl">
              „{t(`deescalation.steps.${step}.say`)}”
            </span>
          </li>
        ))}
      </ol>
      <p className="muted small">{t('deescalation.never')}</p>
    </section>
  );
}
