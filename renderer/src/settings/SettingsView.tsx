import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { KEYS } from '../keys/keys';
import { useStickyHeight } from '../ui/use-sticky-height';
import { i18n } from '../i18n';
import { useAppStore } from '../desk/app-store';
import { Kbd } from '../ui/Kbd';
import { OfficeFilesForm } from './OfficeFilesForm';
import { PreferencesForm } from './PreferencesForm';
import { ProfileForm } from './ProfileForm';
import { forgetSettingsEdits, SECTIONS, SettingsFormContext, type SectionId, type SettingsRegistry, type SettingsSection } from './settings-form';
import { TeamSettingsForm } from './TeamSettingsForm';

/** What the last press of the save button came to, for the line above it. */
type Outcome =
  | { kind: 'invalid'; sections: SectionId[] }
  | { kind: 'unchanged' }
  | { kind: 'partial'; saved: SectionId[]; failed: SectionId[] };

const TITLES: Record<SectionId, string> = {
  profile: 'profile.title',
  preferences: 'preferences.title',
  team: 'team.title',
  officeFiles: 'officeFiles.title',
};

/**
 * One form, one save button: the clerk's profile first; what an
 * administrator sets up below it, once there is a profile. Every part is
 * checked before anything is saved; then the parts that changed are saved
 * in order, each through its own call, and the line above the button says
 * what was saved and what was not. Changes not saved are kept when the
 * clerk leaves the settings (and said so), until saved or cancelled.
 */
export function SettingsView() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const [firstRun] = useState(() => profile === null);
  const sections = useRef(new Map<SectionId, SettingsSection>());
  const [unsaved, setUnsaved] = useState<ReadonlySet<SectionId>>(() => new Set());
  const [saving, setSaving] = useState<SectionId | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // Focus and scrolling keep clear of the save bar, however many lines it has (see scroll-padding in the styles).
  const bar = useStickyHeight('--settings-bar-h');
  const leaving = useRef({ unsaved, cancelled: false });
  useEffect(() => {
    leaving.current.unsaved = unsaved;
  }, [unsaved]);

  const registry = useMemo<SettingsRegistry>(
    () => ({
      register(id, section) {
        sections.current.set(id, section);
        return () => {
          if (sections.current.get(id) === section) sections.current.delete(id);
        };
      },
      report(id, changed) {
        setUnsaved((now) => {
          if (now.has(id) === changed) return now;
          const next = new Set(now);
          if (changed) next.add(id);
          else next.delete(id);
          return next;
        });
        // "Nothing to save" is no longer true once something is typed.
        if (changed) setOutcome((o) => (o?.kind === 'unchanged' ? null : o));
      },
    }),
    [],
  );

  // Leaving with changes not saved (a tab, a call): they wait here, and the clerk is told so.
  useEffect(
    () => () => {
      const { unsaved: left, cancelled } = leaving.current;
      if (!firstRun && !cancelled && left.size > 0) useAppStore.getState().showToast(i18n.t('settings.keptUnsaved'));
    },
    [firstRun],
  );

  // A part not saved: its reason is brought into view (the line above the button names the part).
  useEffect(() => {
    if (outcome?.kind !== 'partial' || !form.current) return;
    // The bar has just grown by the message: its height now, not at its next measuring.
    const height = form.current.querySelector<HTMLElement>('.settings-actions')?.offsetHeight;
    if (height) document.documentElement.style.setProperty('--settings-bar-h', `${height}px`);
    form.current.querySelector('section [role="alert"]')?.scrollIntoView({ block: 'nearest' });
  }, [outcome]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    // What the last save said is no longer the news: this attempt's answer replaces it.
    useAppStore.getState().showToast(null);
    const present = SECTIONS.filter((id) => sections.current.has(id));
    let invalid: SectionId[] = [];
    // Every part shows its own errors (rendered at once, to put the focus on the first of them).
    flushSync(() => {
      invalid = present.filter((id) => !sections.current.get(id)!.validate());
    });
    if (invalid.length > 0) {
      setOutcome({ kind: 'invalid', sections: invalid });
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const changed = present.filter((id) => sections.current.get(id)!.changed());
    if (changed.length === 0) {
      setOutcome({ kind: 'unchanged' });
      return;
    }
    setOutcome(null);
    const saved: SectionId[] = [];
    const failed: SectionId[] = [];
    const said: string[] = [];
    for (const id of changed) {
      const section = sections.current.get(id);
      if (!section) continue;
      setSaving(id);
      const result = await section.save();
      if (result.ok) {
        saved.push(id);
        if (result.said) said.push(result.said);
      } else failed.push(id);
    }
    setSaving(null);
    if (failed.length > 0) {
      setOutcome({ kind: 'partial', saved, failed });
      return;
    }
    // In the language just chosen, if the preferences changed it.
    useAppStore.getState().showToast(firstRun ? i18n.t('profile.saved') : [i18n.t('settings.saved'), ...said].join(' '));
  }

  function cancel() {
    leaving.current.cancelled = true;
    forgetSettingsEdits();
    useAppStore.getState().setView('call');
  }

  // Ctrl+Enter saves from any field, as in the wrap-up (a hotkey field takes it as a combination instead).
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
    event.preventDefault();
    form.current?.requestSubmit();
  }

  const names = (ids: SectionId[]) => ids.map((id) => t(TITLES[id])).join(', ');
  const message =
    outcome?.kind === 'invalid'
      ? firstRun
        ? t('profile.fixErrors')
        : t('settings.fixErrors', { sections: names(outcome.sections) })
      : outcome?.kind === 'partial'
        ? [outcome.saved.length > 0 ? t('settings.partSaved', { sections: names(outcome.saved) }) : null, t('settings.notSaved', { sections: names(outcome.failed) })]
            .filter(Boolean)
            .join(' ')
        : outcome?.kind === 'unchanged'
          ? t('settings.unchanged')
          : null;

  const label = saving === 'team' ? t('team.saving') : saving === 'officeFiles' ? t('officeFiles.checking') : saving ? t('settings.saving') : firstRun ? t('profile.save') : t('settings.save');

  return (
    <SettingsFormContext.Provider value={registry}>
      <form ref={form} className="settings" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={t('nav.settings')}>
        <ProfileForm />
        {profile && <PreferencesForm />}
        {profile && <TeamSettingsForm />}
        {profile && <OfficeFilesForm />}
        <div className="actions sticky settings-actions" ref={bar}>
          {message && (
            <p className={outcome?.kind === 'unchanged' ? 'muted' : 'form-error'} role={outcome?.kind === 'unchanged' ? 'status' : 'alert'}>
              {message}
            </p>
          )}
          {!message && !firstRun && unsaved.size > 0 && <p className="muted">{t('settings.unsavedIn', { sections: names(SECTIONS.filter((id) => unsaved.has(id))) })}</p>}
          <div className="button-row">
            {!firstRun && (
              <button type="button" className="button secondary" disabled={saving !== null} onClick={cancel}>
                {t('settings.cancel')}
              </button>
            )}
            <button type="submit" className="button primary" disabled={saving !== null} aria-keyshortcuts="Control+Enter">
              {label} <Kbd>{KEYS.save}</Kbd>
            </button>
          </div>
        </div>
      </form>
    </SettingsFormContext.Provider>
  );
}
