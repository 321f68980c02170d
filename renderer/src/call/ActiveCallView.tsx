import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { callStage, elapsedMs, type ActiveCall } from '../../../shared/call/call-machine';
import { longCallHintDue } from '../../../shared/directory/routing';
import { greetingFor } from '../../../shared/call/scripts';
import { KEYS } from '../keys/keys';
import { useNow } from '../ui/use-now';
import { useStickyHeight } from '../ui/use-sticky-height';
import { officePhoneInUse } from '../../../shared/call/spoken-sentences';
import { useAppStore } from '../desk/app-store';
import { useCallStore } from './call-store';
import { CallTimer } from './CallTimer';
import { inNextFrame } from './frames';
import { Checklist, UntickNotice } from './Checklist';
import { Kbd } from '../ui/Kbd';
import { CallbackInUse } from '../callbacks/CallbackInUse';
import { outboundQuestion, OutboundSteps, SensitiveDataReminder } from './OutboundSteps';
import { SearchPanel } from '../search/SearchPanel';

/** The search keeps to itself: the call changing (a tick, the call starting) does not render it again. */
const CallSearch = memo(SearchPanel);

/**
 * The screen of the call in progress. It is also made ready before a call,
 * off the page, for a call yet to come (`live` false, see ReadyCallView): the
 * key that starts the call then only fills it in and puts it on the page.
 */
export function ActiveCallView({ call, live = true }: { call: ActiveCall; live?: boolean }) {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const scripts = useAppStore((s) => s.scripts);
  const dispatch = useCallStore((s) => s.dispatch);
  const greetingRef = useRef<HTMLElement>(null);
  const person = useCallStore((s) => s.person);
  const officePhoneSetting = useAppStore((s) => s.preferences.officePhone);
  const guideRef = useStickyHeight('--guide-h');
  const stage = callStage(call);
  const outgoing = call.direction === 'outgoing';
  const officePhone = scripts ? officePhoneInUse(officePhoneSetting, scripts) : null;

  // Focus starts on the greeting, the first thing to say, so a screen reader
  // reads it out (the outbound script then takes focus for its first answer).
  // Both the focus and the scroll position need the page's layout: asked for
  // in the key's own task they would compute it there, ahead of the frame,
  // so they are done in that frame, before it is drawn. A key pressed in
  // between that moved the focus itself (/, F6) keeps it where it put it.
  useEffect(() => {
    if (!live) return;
    const before = document.activeElement;
    return inNextFrame(() => {
      const now = document.activeElement;
      if (!outgoing && (now === before || now === null || now === document.body)) greetingRef.current?.focus({ preventScroll: true });
      if (window.scrollY > 0) window.scrollTo({ top: 0 });
    });
  }, [live, outgoing]);

  if (!profile || !scripts) return null;
  const greeting = (
    <section
      ref={greetingRef}
      tabIndex={-1}
      className={`card greeting${stage === 'greeting' ? ' current' : ' said'}`}
      role="region"
      aria-label={t('call.greeting')}
    >
      <span className="label">{stage === 'greeting' ? t('call.greetingStage') : t('call.greeting')}</span>
      <p className="greeting-text">{greetingFor(call.direction, scripts, profile)}</p>
    </section>
  );
  // Once the greeting is said, what to say now is the script's current question.
  const question = stage === 'greeting' ? null : outboundQuestion(call, scripts, profile, person, officePhone);
  return (
    <section className="call" aria-labelledby="call-title">
      {/* What to say now and the time stay in view while the checklist scrolls under them. */}
      <div className="call-guide" ref={guideRef} data-testid="call-guide">
        <div className="call-head">
          <h2 id="call-title">{t(outgoing ? 'call.outgoing' : 'call.incoming')}</h2>
          <CallTimer call={call} label={t('call.timer')} live={live} />
        </div>
        {stage === 'greeting' && greeting}
        {question && (
          <p className="guide-line">
            <span className="label">{t('call.askNow')}</span> {question}
          </p>
        )}
        <UntickNotice />
      </div>
      {stage !== 'greeting' && greeting}

      {call.callbackOf && <CallbackInUse callbackOf={call.callbackOf} />}
      {outgoing && <OutboundSteps call={call} questionAbove={question !== null} />}
      {outgoing && <SensitiveDataReminder />}
      <LongCallHint call={call} />
      <CallSearch inCall />

      <div className="card personal-data">
        <label className="switch">
          <input
            type="checkbox"
            checked={call.personalData}
            aria-keyshortcuts={KEYS.personalData}
            onChange={(e) => dispatch({ type: 'set-personal-data', value: e.target.checked })}
          />
          <span>{t('call.personalData')}</span>
          <Kbd>{KEYS.personalData}</Kbd>
        </label>
        {call.personalData && <p className="muted small">{t('call.personalDataHint')}</p>}
      </div>

      <div className="card">
        <Checklist call={call} />
      </div>

      <aside className="card closing" aria-label={t('call.closing')}>
        <span className="label">{t('call.closing')}</span>
        <p>{scripts.closing}</p>
      </aside>

      <div className="actions sticky">
        <button
          type="button"
          className="button danger big"
          aria-keyshortcuts={KEYS.endCall}
          onClick={() => dispatch({ type: 'end', at: Date.now() })}
        >
          {t('call.end')} <Kbd>{KEYS.endCall}</Kbd>
        </button>
      </div>
    </section>
  );
}

/** A gentle reminder on a long call (§6 pkt 6): a complex matter is better settled at the office. */
function LongCallHint({ call }: { call: ActiveCall }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const minutes = useAppStore((s) => s.preferences.longCallMinutes);
  if (!longCallHintDue(elapsedMs(call, now), minutes * 60_000) || call.invitation) return null;
  return (
    <p className="banner info long-call" role="status">
      {t('complex.longCall', { minutes })}
    </p>
  );
}
