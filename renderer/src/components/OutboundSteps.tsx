import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveCall } from '../../../shared/call-machine';
import { fillTemplate } from '../../../shared/scripts';
import { KEYS } from '../hooks/keys';
import { useAppStore } from '../stores/app-store';
import { useCallStore } from '../stores/call-store';
import { CallbackPicker } from './CallbackPicker';
import { Kbd } from './Kbd';

/**
 * The outbound script, one question at a time (§6 pkt 6). The name the clerk
 * may type lives only in this component's state: it is never sent, stored or
 * written anywhere, and is gone when the call ends.
 */
export function OutboundSteps({ call }: { call: ActiveCall }) {
  const { t } = useTranslation();
  const id = useId();
  const scripts = useAppStore((s) => s.scripts);
  const profile = useAppStore((s) => s.profile);
  const dispatch = useCallStore((s) => s.dispatch);
  const [person, setPerson] = useState('');
  const firstAction = useRef<HTMLButtonElement>(null);
  const step = call.outbound?.step;

  // Focus lands on the answer the clerk is most likely to give next.
  useEffect(() => firstAction.current?.focus({ preventScroll: true }), [step]);

  if (!scripts || !profile || !call.outbound || !step) return null;
  const answer = (value: 'right' | 'someone-else' | 'no-answer') => dispatch({ type: 'answer-person', answer: value, at: Date.now() });
  const moment = (good: boolean) => dispatch({ type: 'answer-good-moment', good, at: Date.now() });
  const values = { ...profile, officePhone: scripts.officePhone, person: person.trim() };

  return (
    <section className="card outbound" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('outbound.title')}
      </h3>
      {step === 'confirm-person' && (
        <>
          <p className="script-line">{person.trim() ? fillTemplate(scripts.confirmPerson, values) : scripts.confirmPersonUnnamed}</p>
          <div className="field">
            <label htmlFor={`${id}-person`}>{t('outbound.personLabel')}</label>
            <input id={`${id}-person`} value={person} autoComplete="off" spellCheck={false} onChange={(e) => setPerson(e.target.value)} />
          </div>
          <div className="answer-row">
            <button ref={firstAction} type="button" className="button primary" aria-keyshortcuts={KEYS.personRight} onClick={() => answer('right')}>
              {t('outbound.right')} <Kbd>{KEYS.personRight}</Kbd>
            </button>
            <button type="button" className="button secondary" aria-keyshortcuts={KEYS.personSomeoneElse} onClick={() => answer('someone-else')}>
              {t('outbound.someoneElse')} <Kbd>{KEYS.personSomeoneElse}</Kbd>
            </button>
            <button type="button" className="button secondary" aria-keyshortcuts={KEYS.personNoAnswer} onClick={() => answer('no-answer')}>
              {t('outbound.noAnswer')} <Kbd>{KEYS.personNoAnswer}</Kbd>
            </button>
          </div>
        </>
      )}
      {step === 'someone-else' && (
        <>
          <p className="script-line">{fillTemplate(scripts.someoneElse, values)}</p>
          <p className="warning-line">{t('outbound.someoneElseHint')}</p>
          <div className="answer-row">
            <button ref={firstAction} type="button" className="button secondary" aria-keyshortcuts={KEYS.personRight} onClick={() => answer('right')}>
              {t('outbound.itIsThem')} <Kbd>{KEYS.personRight}</Kbd>
            </button>
          </div>
        </>
      )}
      {step === 'no-answer' && (
        <>
          <p className="script-line">{scripts.noAnswer}</p>
          <CallbackPicker plan={call.callback} onChange={(plan) => dispatch({ type: 'set-callback', plan })} />
        </>
      )}
      {step === 'good-moment' && (
        <>
          <p className="script-line">{scripts.goodMoment}</p>
          <div className="answer-row">
            <button ref={firstAction} type="button" className="button primary" aria-keyshortcuts={KEYS.momentGood} onClick={() => moment(true)}>
              {t('outbound.yes')} <Kbd>{KEYS.momentGood}</Kbd>
            </button>
            <button type="button" className="button secondary" aria-keyshortcuts={KEYS.momentBad} onClick={() => moment(false)}>
              {t('outbound.noCallback')} <Kbd>{KEYS.momentBad}</Kbd>
            </button>
          </div>
        </>
      )}
      {step === 'callback' && (
        <>
          <p className="script-line">{scripts.askCallbackTime}</p>
          <CallbackPicker plan={call.callback} onChange={(plan) => dispatch({ type: 'set-callback', plan })} />
        </>
      )}
      {step === 'talk' && <p className="muted small">{t('outbound.talk')}</p>}
    </section>
  );
}

/** Throughout an outbound call: what never to ask for, and what to offer instead. */
export function SensitiveDataReminder() {
  const { t } = useTranslation();
  const scripts = useAppStore((s) => s.scripts);
  if (!scripts) return null;
  return (
    <aside className="reminder" aria-label={t('outbound.reminderTitle')}>
      <p>
        <strong>{scripts.sensitiveDataReminder}</strong>
      </p>
      <p className="small">{fillTemplate(scripts.sensitiveDataOffer, { officePhone: scripts.officePhone })}</p>
    </aside>
  );
}
