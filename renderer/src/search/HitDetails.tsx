import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/directory/directory';
import { appointmentTimeProblem, findOwnUnit, invitationSentence, routeMatter, routingSentence, siteLine } from '../../../shared/directory/routing';
import type { SearchHit } from '../../../shared/directory/search';
import { useAppStore } from '../desk/app-store';
import { useCallStore } from '../call/call-store';
import { MatterFreshness } from './MatterFreshness';

interface Props {
  hit: SearchHit;
  inCall: boolean;
  onClose(): void;
}

/** What a chosen search hit means for the call: where to route, whether to invite in, what a term means. */
export function HitDetails({ hit, inCall, onClose }: Props) {
  const { t } = useTranslation();
  const directory = useAppStore((s) => s.directory);
  const glossary = useAppStore((s) => s.glossary);
  const profile = useAppStore((s) => s.profile);
  if (!directory || !glossary || !profile) return null;

  let body: React.ReactNode = null;
  if (hit.kind === 'term') {
    const term = glossary.terms.find((x) => x.id === hit.id);
    if (term) {
      body = (
        <>
          <p>{term.explanation}</p>
          <p className="say">
            <span className="label">{t('term.say')}</span>„{term.sayIt}”
          </p>
        </>
      );
    }
  } else if (hit.kind === 'unit') {
    const unit = directory.units.find((u) => u.id === hit.id);
    if (unit) body = <UnitFacts unit={unit} />;
  } else {
    const matter = directory.matters.find((m) => m.id === hit.id);
    const decision = matter ? routeMatter(directory, matter, findOwnUnit(directory, profile)) : null;
    if (matter && decision) {
      body = (
        <>
          {decision.kind === 'own-unit' ? (
            <p className="own-unit">{t('routing.ownUnit')}</p>
          ) : (
            <RoutingCard unit={decision.unit} external={decision.kind === 'external'} inCall={inCall} />
          )}
          {matter.hint && <p className="muted small">{matter.hint}</p>}
          <MatterFreshness matter={matter} />
          {matter.complex && <ComplexHint matterId={matter.id} documents={matter.documents} unit={decision.unit} inCall={inCall} />}
        </>
      );
    }
  }
  return (
    <div className="hit-details" role="region" aria-label={hit.title}>
      <div className="hit-details-head">
        <span className={`kind-badge ${hit.kind}`}>{t(`search.kind.${hit.kind}`)}</span>
        <h3>{hit.title}</h3>
        <button type="button" className="icon-button" aria-label={t('search.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {body}
    </div>
  );
}

/** Where a unit is and how to reach it; its description too when the unit itself was looked up. */
function UnitFacts({ unit, describe = true }: { unit: Unit; describe?: boolean }) {
  const { t } = useTranslation();
  const directory = useAppStore((s) => s.directory);
  const site = directory?.sites.find((s) => s.id === unit.site);
  const facts: [string, string | undefined][] = [
    [t('routing.extension'), unit.extension],
    [t('routing.phone'), unit.phone],
    [t('routing.room'), unit.room],
    [t('routing.site'), site ? siteLine(site) : undefined],
    [t('routing.hours'), unit.hours],
  ];
  return (
    <>
      {describe && <p className="small">{unit.description}</p>}
      <dl className="facts">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}

function RoutingCard({ unit, external, inCall }: { unit: Unit; external: boolean; inCall: boolean }) {
  const { t } = useTranslation();
  const dispatch = useCallStore((s) => s.dispatch);
  const routedTo = useCallStore((s) => (s.state.phase === 'idle' ? null : s.state.call.routedTo));
  return (
    <div className="routing-card">
      <p>
        <strong>{unit.name}</strong> {external && <span className="tag">{t('routing.external')}</span>}
      </p>
      <p className="say">
        <span className="label">{t('routing.say')}</span>„{routingSentence({ kind: external ? 'external' : 'other-unit', unit })}”
      </p>
      {inCall &&
        (routedTo?.unitId === unit.id ? (
          <p className="done-line" role="status">
            {t('routing.routedDone', { unit: unit.name })}
          </p>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => dispatch({ type: 'route', unit: { id: unit.id, name: unit.name, external }, at: Date.now() })}
          >
            {t('routing.routed')}
          </button>
        ))}
      {/* The button right under what to say; the unit's remit is left out: the matter chosen already says why. */}
      <UnitFacts unit={unit} describe={false} />
    </div>
  );
}

function ComplexHint({ matterId, documents, unit, inCall }: { matterId: string; documents: string[]; unit: Unit; inCall: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const directory = useAppStore((s) => s.directory);
  const dispatch = useCallStore((s) => s.dispatch);
  // Noted for this matter's card only: another matter's card offers its own invitation.
  const invited = useCallStore((s) => {
    const invitation = s.state.phase === 'idle' ? null : s.state.call.invitation;
    return invitation && (invitation.matterId === undefined || invitation.matterId === matterId) ? invitation : null;
  });
  const [when, setWhen] = useState('');
  const [problem, setProblem] = useState(false);
  const site = directory?.sites.find((s) => s.id === unit.site) ?? directory?.sites[0];
  return (
    <div className="complex-hint" role="note">
      <p className="complex-title">{t('complex.title')}</p>
      <p className="say">
        <span className="label">{t('routing.say')}</span>„{invitationSentence()}”
      </p>
      {site && (
        <p className="small">
          <strong>{t('complex.where')}:</strong> {siteLine(site)}
          {site.hours && ` (${site.hours})`}
        </p>
      )}
      {documents.length > 0 && (
        <>
          <p className="small">
            <strong>{t('complex.bring')}:</strong>
          </p>
          <ul className="small">
            {documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      )}
      {inCall &&
        (invited ? (
          <p className="done-line" role="status">
            {t('complex.invitedDone')}
          </p>
        ) : (
          <div className="invite-row">
            <div className="field">
              <label htmlFor={`${id}-when`}>{t('complex.appointment')}</label>
              <input
                id={`${id}-when`}
                type="datetime-local"
                value={when}
                aria-invalid={problem || undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
                onChange={(e) => {
                  setWhen(e.target.value);
                  setProblem(false);
                }}
              />
              {problem && (
                <p className="field-error" id={`${id}-problem`} role="alert">
                  {t('complex.pastAppointment')}
                </p>
              )}
            </div>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                const appointmentAt = when ? new Date(when).getTime() : null;
                if (appointmentTimeProblem(appointmentAt, Date.now())) return setProblem(true);
                dispatch({ type: 'invite', appointmentAt, at: Date.now(), matterId });
              }}
            >
              {t('complex.invited')}
            </button>
          </div>
        ))}
    </div>
  );
}
