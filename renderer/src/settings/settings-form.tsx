import { createContext, useContext, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';

/**
 * The settings screen is one form with one save button; each part of it
 * (the profile, the app's preferences, the team folder, the office's files)
 * keeps its own fields, checks and API call in its own file and tells the
 * form what it can do. The form checks every part first, then saves the
 * parts that changed, in this order.
 */
export const SECTIONS = ['profile', 'preferences', 'team', 'officeFiles'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** How a part's save went: `said` is added to the one toast ("Tryb zespołu włączony."). */
export type SectionSaved = { ok: true; said?: string } | { ok: false };

/** What a part of the settings form does when the one save button is pressed. */
export interface SettingsSection {
  /** Whether saving would change what is saved; a value that is not valid counts as a change. */
  changed(): boolean;
  /** Shows the part's own field errors (or clears them); true when it can be saved. */
  validate(): boolean;
  /** Saves through the part's own API call; a failure is shown in the part itself. */
  save(): Promise<SectionSaved>;
}

export interface SettingsRegistry {
  /** Adds a part to the form; the returned function takes it out again. */
  register(id: SectionId, section: SettingsSection): () => void;
  /** A part's "has unsaved changes", as it renders. */
  report(id: SectionId, changed: boolean): void;
}

export const SettingsFormContext = createContext<SettingsRegistry | null>(null);

/**
 * Joins a part to the settings form. Returns whether it has unsaved changes
 * now, for its marker. Outside a settings form it does nothing.
 */
export function useSettingsSection(id: SectionId, section: SettingsSection): boolean {
  const registry = useContext(SettingsFormContext);
  const latest = useRef(section);
  useLayoutEffect(() => {
    latest.current = section;
  });
  useEffect(
    () =>
      registry?.register(id, {
        changed: () => latest.current.changed(),
        validate: () => latest.current.validate(),
        save: () => latest.current.save(),
      }),
    [registry, id],
  );
  const changed = section.changed();
  useEffect(() => registry?.report(id, changed), [registry, id, changed]);
  return changed;
}

/**
 * What has been typed in each part and not saved yet: only the fields
 * changed, laid over what is saved. Kept outside the screen, so leaving the
 * settings (to take a call, say) loses nothing — the changes are there on
 * return — and a value changed elsewhere meanwhile (the compact view's
 * button) is not overwritten by a stale copy.
 */
const useDrafts = create<{ edits: Partial<Record<SectionId, Record<string, unknown>>> }>(() => ({ edits: {} }));

const NO_EDITS = {};

/** A part's unsaved edits (empty when there are none). */
export function useSectionEdits<T extends object>(id: SectionId): Partial<T> {
  return (useDrafts((s) => s.edits[id]) ?? NO_EDITS) as Partial<T>;
}

/** Records edits to a part's fields. */
export function editSection<T extends object>(id: SectionId, patch: Partial<T>): void {
  useDrafts.setState((s) => ({ edits: { ...s.edits, [id]: { ...s.edits[id], ...patch } } }));
}

/** Forgets a part's edits (once saved), or every part's (cancelled). */
export function forgetSettingsEdits(id?: SectionId): void {
  useDrafts.setState((s) => {
    if (!id) return { edits: {} };
    const { [id]: _, ...rest } = s.edits;
    return { edits: rest };
  });
}

/** Equal as saved data: the same values, whatever the order of the keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

/** A part's title, with a quiet marker while it has unsaved changes. */
export function SectionTitle({ id, title, changed }: { id: string; title: string; changed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="section-head">
      <h2 id={id}>{title}</h2>
      {changed && <span className="unsaved-mark">{t('settings.unsaved')}</span>}
    </div>
  );
}
