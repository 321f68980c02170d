import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { checkContact, CONTACT_LIMITS } from '../../../shared/callbacks/callback-contact';
import { useAppStore } from '../desk/app-store';
import { useCallStore } from '../call/call-store';
import { SpokenName } from '../call/SpokenName';

interface Props {
  /** Whether a save was refused: the problems are then said as alerts. */
  showProblems: boolean;
}

/**
 * Whom to call back: the number, the name as it will be said, the case. Kept
 * on this computer only (never in the journal, the team copy or an export)
 * and removed when the callback's call is saved or it is called off.
 */
export function CallbackContactFields({ showProblems }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const contact = useCallStore((s) => s.contact);
  const setContact = useCallStore((s) => s.setContact);
  const keepDays = useAppStore((s) => s.preferences.callbackContactDays);
  const check = checkContact(contact);
  const problems = check.ok ? {} : check.problems;
  const problemOf = (field: keyof typeof problems) => (showProblems || (field !== 'phone' && contact[field]) ? problems[field] : undefined);
  const phoneProblem = problemOf('phone');
  const nameProblem = problemOf('name');
  const caseRefProblem = problemOf('caseRef');

  return (
    <fieldset className="callback-contact-fields">
      <legend className="field-title">{t('contact.title')}</legend>
      <p className="field-hint">{t('contact.keptHere', { count: keepDays })}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-phone`}>{t('contact.phone')}</label>
          <input
            id={`${id}-phone`}
            type="tel"
            inputMode="tel"
            value={contact.phone}
            maxLength={CONTACT_LIMITS.phone}
            autoComplete="off"
            aria-required="true"
            aria-invalid={phoneProblem ? true : undefined}
            aria-describedby={phoneProblem ? `${id}-phone-problem` : undefined}
            onChange={(e) => setContact({ phone: e.target.value })}
          />
          {phoneProblem && (
            <p className="field-error" id={`${id}-phone-problem`} role={showProblems ? 'alert' : undefined}>
              {t(`contact.problems.${phoneProblem}`)}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-case`}>{t('contact.caseRef')}</label>
          <input
            id={`${id}-case`}
            value={contact.caseRef}
            maxLength={CONTACT_LIMITS.caseRef}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={caseRefProblem ? true : undefined}
            onChange={(e) => setContact({ caseRef: e.target.value })}
          />
          {caseRefProblem && <p className="field-error">{t(`contact.problems.${caseRefProblem}`)}</p>}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('contact.name')}</label>
        <input
          id={`${id}-name`}
          value={contact.name}
          maxLength={CONTACT_LIMITS.name}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={nameProblem ? true : undefined}
          onChange={(e) => setContact({ name: e.target.value, spokenName: null })}
        />
        {nameProblem && <p className="field-error">{t(`contact.problems.${nameProblem}`)}</p>}
      </div>
      <SpokenName
        name={contact.name}
        honorific={contact.honorific}
        spokenName={contact.spokenName}
        onHonorific={(honorific) => setContact({ honorific, spokenName: null })}
        onSpokenName={(spokenName) => setContact({ spokenName })}
      />
    </fieldset>
  );
}
