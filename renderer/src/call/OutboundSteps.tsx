import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveCall } from '../../../shared/call/call-machine';
import type { Profile } from '../../../shared/settings/profile';
import type { Scripts } from '../../../shared/call/scripts';
import { confirmPersonSentence, officePhoneInUse, sensitiveDataOfferSentence, someoneElseSentence } from '../../../shared/call/spoken-sentences';
import { KEYS } from '../keys/keys';
import { useAppStore } from '../desk/app-store';
import { useCallStore, type PersonAsked } from './call-store';
import { CallbackPicker } from '../callbacks/CallbackPicker';
import { Kbd } from '../ui/Kbd';
import { SpokenName, spokenForm } from './SpokenName';

/**
 * The outbound script, one question at a time (§6 pkt 6). The name the clerk
 * may type is held in memory only (the call store's `person`): it is never
 * sent, stored or written anywhere, and is gone when the next call starts.
 */
/**
 * The line the outbound script has the clerk say now, or null when there is
 * none to say (talking, nobody answering). The guide at the top of the call
 * keeps it in view.
 */
export function outboundQuestion(call: ActiveCall, scripts: Scripts, profile: Profile, person: PersonAsked, officePhone: string | null): string | null {
  switch (call.outbound?.step) {
    case 'confirm-person':
      return confirmPersonSentence(scripts, spokenForm(person.name, person.honorific, person.spokenName)?.phrase ?? '');
    case 'good-moment':
      return scripts.goodMoment;
    case 'someone-else':
      return someoneElseSentence(scripts, profile, officePhone);
    case 'callback':
      return scripts.askCallbackTime;
    default:
      return null;
  }
}

/** @param questionAbove the current question is shown in the call's guide: the card holds only the answers */
export function OutboundSteps({ call, questionAbove = false }: { call: ActiveCall; questionAbove?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const scripts = useAppStore((s) => s.scripts);
  const profile = useAppStore((s) => s.profile);
  const officePhoneSetting = useAppStore((s) => s.preferences.officePhone);
  const dispatch = useCallStore((s) => s.dispatch);
  const person = useCallStore((s) => s.person);
  const setPerson = useCallStore((s) => s.setPerson);
  const firstAction = useRef<HTMLButtonElement>(null);
  const step = call.outbound?.step;

  // Focus lands on the answer the clerk is most likely to give next.
  useEffect(() => firstAction.current?.focus({ preventScroll: true }), [step]);


  if (!scripts || !profile || !call.outbound || !step) return null;
  const answer = (value: 'right' | 'someone-else' | 'no-answer') => dispatch({ type: 'answer-person', answer: value, at: Date.now() });
  const moment = (good: boolean) => dispatch({ type: 'answer-good-moment', good, at: Date.now() });
  // Said only with what is known: no number, no sentence that needs one (spoken-sentences.ts).
  const officePhone = officePhoneInUse(officePhoneSetting, scripts);

  return (
    <section className="card outbound" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('outbound.title')}
      </h3>
      {step === 'confirm-person' && (
        <>
          {!questionAbove && <p className="script-line">{outboundQuestion(call, scripts, profile, person, officePhone)}</p>}
          <div className="field">
            <label htmlFor={`${id}-person`}>{t('outbound.personLabel')}</label>
            <input id={`${id}-person`} value={person.name} autoComplete="off" spellCheck={false} onChange={(e) => setPerson({ name: e.target.value, spokenName: null })} />
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
          {/* After the answers: from the name, Tab goes on to "Tak, to ta osoba". */}
          {person.name.trim() && (
            <SpokenName
              name={person.name}
              honorific={person.honorific}
              spokenName={person.spokenName}
              onHonorific={(honorific) => setPerson({ honorific, spokenName: null })}
              onSpokenName={(spokenName) => setPerson({ spokenName })}
              sentenceShown
            />
          )}
        </>
      )}
      {step === 'someone-else' && (
        <>
          {!questionAbove && <p className="script-line">{outboundQuestion(call, scripts, profile, person, officePhone)}</p>}
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
          {!questionAbove && <p className="script-line">{scripts.goodMoment}</p>}
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
          {!questionAbove && <p className="script-line">{scripts.askCallbackTime}</p>}
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
  const officePhoneSetting = useAppStore((s) => s.preferences.officePhone);
  if (!scripts) return null;
  const offer = sensitiveDataOfferSentence(scripts, officePhoneInUse(officePhoneSetting, scripts));
  return (
    <aside className="reminder" aria-label={t('outbound.reminderTitle')}>
      <p>
        <strong>{scripts.sensitiveDataReminder}</strong>
      </p>
      {offer && <p className="small">{offer}</p>}
    </aside>
  );
}
