import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterCall } from '../../../shared/register/register-api';
import { errorMessage } from '../api/error-message';
import { openRegisterCall } from './register-store';
import { formatDateTime, formatDuration } from '../ui/format';
import { Kbd } from '../ui/Kbd';
import { registerProblemText } from './RegisterProblemText';

const time = new Intl.DateTimeFormat('pl-PL', { timeStyle: 'short' });

/**
 * One call of the register, opened: every checklist item with its state and
 * the time it was ticked, the outcome, routing, invitation and callback, the
 * note as stored (masked), the score, and whether its record is intact.
 * A modal dialog over the list (the browser's own: focus stays inside, the
 * page behind is inert); Esc or "Zamknij" closes it and the list gives the
 * focus back to the row it was opened from.
 */
export function RegisterCallDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [call, setCall] = useState<RegisterCall | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    heading.current?.focus();
  }, []);

  useEffect(() => {
    let current = true;
    openRegisterCall(id)
      .then((opened) => current && setCall(opened))
      .catch((error: unknown) => current && setProblem(errorMessage(error, t('errors.network'))));
    return () => {
      current = false;
    };
  }, [id, t]);

  return (
    <dialog
      ref={dialog}
      className="card register-call-dialog"
      aria-labelledby={titleId}
      aria-busy={!call && !problem}
      // Esc is the dialog's: the window's own keys (Esc in a wrap-up) must not see it too.
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="call-head register-call-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {call ? t('register.call.title', { when: formatDateTime(call.startedAt) }) : t('register.call.loading')}
        </h2>
        <button type="button" className="button secondary small" onClick={onClose}>
          {t('register.call.close')} <Kbd>Esc</Kbd>
        </button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {t('register.call.failed', { message: problem })}
        </p>
      )}
      {call && <CallDetail call={call} />}
    </dialog>
  );
}

function CallDetail({ call }: { call: RegisterCall }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean | null) => (value === null ? t('register.call.notApplicable') : value ? t('register.call.yes') : t('register.call.no'));
  const person = { right: t('register.call.personRight'), 'someone-else': t('register.call.personSomeoneElse'), 'no-answer': t('register.call.personNoAnswer') };
  const facts: [string, ReactNode][] = [
    [t('register.call.clerk'), call.clerkName],
    [t('register.call.when'), t('register.call.whenValue', { start: formatDateTime(call.startedAt), end: time.format(new Date(call.endedAt)) })],
    [t('register.call.direction'), t(`direction.${call.direction}`)],
    [t('register.call.duration'), formatDuration(call.durationSec * 1000)],
    ...(call.direction === 'outgoing'
      ? ([
          [t('register.call.person'), call.outboundPerson ? person[call.outboundPerson] : t('register.call.personUnknown')],
          ...(call.goodMoment === null ? [] : [[t('register.call.goodMoment'), yesNo(call.goodMoment)] as [string, ReactNode]]),
        ] as [string, ReactNode][])
      : []),
    [t('register.call.outcome'), <span className="outcome-badge">{t(`outcomes.${call.outcome}`)}</span>],
    [
      t('register.call.routedTo'),
      call.routedTo
        ? call.routedTo.external
          ? t('register.call.external', { unit: call.routedTo.unitName })
          : call.routedTo.unitName
        : // The outcome chosen in the wrap-up, without the routing card: routed, but where was not noted.
          call.outcome === 'routed'
          ? t('register.call.routedUnnamed')
          : t('register.call.none'),
    ],
    [
      t('register.call.invitation'),
      call.invitation?.appointmentAt
        ? t('register.call.invitationAt', { when: formatDateTime(call.invitation.appointmentAt) })
        : call.invitation || call.outcome === 'invited'
          ? t('register.call.invitationNoDate')
          : t('register.call.none'),
    ],
    [t('register.call.callback'), call.callbackDueAt ? t('register.call.callbackDue', { when: formatDateTime(call.callbackDueAt) }) : t('register.call.none')],
    ...(call.keepsCallback ? [[t('register.call.keepsCallback'), t('register.call.yes')] as [string, ReactNode]] : []),
    [t('register.call.personalData'), yesNo(call.personalData)],
    [t('register.call.greeting'), yesNo(call.greetingWithin30s)],
    [t('register.call.score'), call.score === null ? t('register.call.notApplicable') : t('register.call.scoreValue', { percent: Math.round(call.score * 100) })],
  ];
  const { problems, conflictWith, maskedOnImport } = call.integrity;
  const intact = problems.length === 0 && conflictWith === null;
  const copyWords = { local: t('register.call.copy.local'), team: t('register.call.copy.team'), import: t('register.call.copy.import'), database: t('register.call.copy.database') };

  return (
    <div className="register-call">
      <section aria-label={t('register.call.facts')}>
        <dl className="register-call-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby={`${call.id}-checklist`}>
        <h3 id={`${call.id}-checklist`}>{t('register.call.checklist')}</h3>
        {call.trust !== 'ok' && <p className="small warning-text">{call.trust === 'recomputed' ? t('register.call.recomputed') : t('register.call.unknownChecklist')}</p>}
        <ul className="register-call-items">
          {call.items.map((item) => (
            <li key={item.id} className={`item-${item.state}`}>
              <span className="item-mark" aria-hidden="true">
                {item.state === 'done' ? '✓' : item.state === 'missed' ? '✗' : '–'}
              </span>
              <span className="item-label">{item.label}</span>
              <span className="item-state">
                {item.state === 'done' ? t('register.call.done') : item.state === 'missed' ? t('register.call.missed') : t('register.call.itemNotApplicable')}
                {item.atMs !== null && <> · {t('register.call.tickAt', { time: formatDuration(item.atMs) })}</>}
                {item.mark && (
                  <>
                    {' · '}
                    <span className="tick-mark">{item.mark === 'after-end' ? t('register.call.afterEnd') : t('register.call.lateBurst')}</span>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby={`${call.id}-note`}>
        <h3 id={`${call.id}-note`}>{t('register.call.note')}</h3>
        {call.note ? <p className="register-call-note">{call.note}</p> : <p className="muted small">{t('register.call.noNote')}</p>}
      </section>

      <section aria-labelledby={`${call.id}-integrity`} className={`register-call-integrity ${intact ? 'intact' : 'damaged'}`}>
        <h3 id={`${call.id}-integrity`}>{t('register.call.integrity')}</h3>
        {intact ? (
          <p>
            <strong>{t('register.call.intact')}</strong> — {t('register.call.intactDetail', { file: call.file })}
          </p>
        ) : (
          <>
            {problems.length > 0 && (
              <>
                <p>
                  <strong>{t('register.call.damaged')}</strong>
                </p>
                <ul>
                  {problems.map((p) => (
                    <li key={`${p.kind}:${p.file}`}>{registerProblemText(p, t)}</li>
                  ))}
                </ul>
              </>
            )}
            {conflictWith && <p>{t('register.call.conflict', { other: copyWords[conflictWith] })}</p>}
          </>
        )}
        {maskedOnImport && <p className="small">{t('register.call.maskedOnImport')}</p>}
        <p className="muted small">{t('register.call.readFrom', { file: call.file, folder: t(`register.folder.${call.copy}`) })}</p>
      </section>
    </div>
  );
}
