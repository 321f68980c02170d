import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryTitle, idFromTitle, isNewEntry, kindOf, type EditedContent, type EditProblem, type Entry, type EntryRef } from '../../../shared/directory/directory-edits';
import type { GlossaryTerm, Matter, Site, Unit } from '../../../shared/directory/directory';
import { LinesField, SelectField, TextField } from './entry-fields';
import { useEditorStore } from './editor-store';

/**
 * One entry's every field, as the file has them. An identifier is typed
 * only for a new entry (made from its title until the lead changes it):
 * saved calls name the units they were routed to by it.
 */
export function EntryForm({ entryRef, entry, draft, problems }: { entryRef: EntryRef; entry: Entry; draft: EditedContent; problems: EditProblem[] }) {
  const { t } = useTranslation();
  const update = useEditorStore((s) => s.update);
  const remove = useEditorStore((s) => s.remove);
  const refused = useEditorStore((s) => s.refusedRemoval);
  const kind = kindOf(entryRef, entry);
  const isNew = isNewEntry(entry);
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  // Kept: the focus goes back to where the question came from.
  const keep = () => {
    setConfirming(false);
    setTimeout(() => removeButton.current?.focus(), 0);
  };
  const form = useRef<HTMLElement>(null);
  // Chosen from the list (or a problem's link): the form comes into view with the cursor in its first field — at 460 px it is below the list.
  useEffect(() => {
    form.current?.scrollIntoView({ block: 'start' });
    form.current?.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
  }, []);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const set = (patch: Record<string, unknown>) => update(entryRef, patch);

  /** The title; a new entry's identifier follows it while it is still the one made from the title before. */
  const setTitle = (field: 'title' | 'name' | 'term', value: string) => {
    const list = entryRef.list === 'terms' ? draft.glossary.terms : draft.directory[entryRef.list];
    const taken = new Set(list.filter((_, i) => i !== entryRef.index).map((e) => e.id));
    const fallback = entry.id.replace(/-\d+$/, '');
    const followsTitle = isNew && entry.id === idFromTitle((entry as Record<string, unknown>)[field] as string, taken, fallback);
    set(followsTitle ? { [field]: value, id: idFromTitle(value, taken, fallback) } : { [field]: value });
  };

  const idField = <TextField name="id" label={t('editor.fields.id')} hint={t(isNew ? 'editor.hints.idNew' : 'editor.hints.idKept')} value={entry.id} readOnly={!isNew} error={errorOf('id')} onChange={(id) => set({ id })} />;
  const units = draft.directory.units;
  const officeUnits = units.filter((u) => u.kind === 'office').map((u) => ({ value: u.id, label: u.name || u.id }));
  const externalUnits = units.filter((u) => u.kind === 'external').map((u) => ({ value: u.id, label: `${u.name || u.id} ${t('editor.externalMark')}` }));

  return (
    <section className="card editor-form" ref={form} aria-label={entryTitle(entry) || (isNew ? t(`editor.new.${kind}`) : entry.id)}>
      <h3>{entryTitle(entry) || (isNew ? t(`editor.new.${kind}`) : entry.id)}</h3>
      {kind === 'matter' && <MatterFields matter={entry as Matter} set={set} setTitle={(v) => setTitle('title', v)} errorOf={errorOf} unitOptions={[...officeUnits, ...externalUnits]} ownerOptions={officeUnits} idField={idField} />}
      {(kind === 'unit' || kind === 'external') && (
        <UnitFields unit={entry as Unit} set={set} setTitle={(v) => setTitle('name', v)} errorOf={errorOf} siteOptions={draft.directory.sites.map((s) => ({ value: s.id, label: s.name || s.id }))} idField={idField} />
      )}
      {kind === 'site' && <SiteFields site={entry as Site} set={set} setTitle={(v) => setTitle('name', v)} errorOf={errorOf} idField={idField} />}
      {kind === 'term' && <TermFields term={entry as GlossaryTerm} set={set} setTitle={(v) => setTitle('term', v)} errorOf={errorOf} idField={idField} />}
      {refused && refused.ref.list === entryRef.list && refused.ref.index === entryRef.index && (
        <p className="form-error" role="alert">
          {t('editor.removeRefused', { names: refused.usedBy.slice(0, 5).map((name) => `„${name}”`).join(', '), count: refused.usedBy.length })}
        </p>
      )}
      {/* Removing asks once more: there is no undo, and a click next to the form's last field is easy. */}
      <div className="actions">
        {confirming ? (
          <div
            className="remove-confirm"
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              e.stopPropagation();
              keep();
            }}
          >
            <span className="muted" role="alert">
              {t('editor.removeSure')}
            </span>
            {/* The safe answer has the focus: Enter pressed again keeps the entry, Esc too. */}
            <button type="button" className="button secondary" autoFocus onClick={keep}>
              {t('editor.removeKeep')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                setConfirming(false);
                remove(entryRef);
              }}
            >
              {t(`editor.remove.${kind}`)}
            </button>
          </div>
        ) : (
          <button type="button" className="button secondary" ref={removeButton} onClick={() => setConfirming(true)}>
            {t(`editor.remove.${kind}`)}
          </button>
        )}
      </div>
    </section>
  );
}

type Setter = (patch: Record<string, unknown>) => void;
interface CommonProps {
  set: Setter;
  setTitle(value: string): void;
  errorOf(field: string): string | undefined;
  idField: React.ReactNode;
}

function MatterFields({ matter, set, setTitle, errorOf, unitOptions, ownerOptions, idField }: CommonProps & { matter: Matter; unitOptions: { value: string; label: string }[]; ownerOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="title" label={t('editor.fields.title')} value={matter.title} error={errorOf('title')} onChange={setTitle} />
      {idField}
      <SelectField name="unit" label={t('editor.fields.unit')} hint={t('editor.hints.unit')} value={matter.unit} options={unitOptions} error={errorOf('unit')} onChange={(unit) => set({ unit })} />
      <label className="check-row">
        <input type="checkbox" name="complex" checked={matter.complex} onChange={(e) => set({ complex: e.target.checked })} />
        <span>{t('editor.fields.complex')}</span>
      </label>
      <LinesField name="keywords" label={t('editor.fields.keywords')} hint={t('editor.hints.keywords')} value={matter.keywords} error={errorOf('keywords')} onChange={(keywords) => set({ keywords })} />
      <LinesField name="examples" label={t('editor.fields.examples')} hint={t('editor.hints.examples')} value={matter.examples} error={errorOf('examples')} onChange={(examples) => set({ examples })} />
      <LinesField name="documents" label={t('editor.fields.documents')} hint={t('editor.hints.lines')} value={matter.documents} error={errorOf('documents')} onChange={(documents) => set({ documents })} />
      <TextField name="hint" long label={t('editor.fields.hint')} value={matter.hint ?? ''} error={errorOf('hint')} onChange={(hint) => set({ hint })} />
      <TextField name="source" long label={t('editor.fields.source')} hint={t('editor.hints.source')} value={matter.source ?? ''} error={errorOf('source')} onChange={(source) => set({ source })} />
      <div className="field-row">
        <TextField name="checked" type="date" label={t('editor.fields.checked')} value={matter.checked ?? ''} error={errorOf('checked')} onChange={(checked) => set({ checked })} />
        <TextField name="reviewBy" type="date" label={t('editor.fields.reviewBy')} hint={t('editor.hints.reviewBy')} value={matter.reviewBy ?? ''} error={errorOf('reviewBy')} onChange={(reviewBy) => set({ reviewBy })} />
      </div>
      <SelectField name="owner" label={t('editor.fields.owner')} value={matter.owner ?? ''} options={[{ value: '', label: t('editor.ownerAsUnit') }, ...ownerOptions]} error={errorOf('owner')} onChange={(owner) => set({ owner })} />
    </>
  );
}

function UnitFields({ unit, set, setTitle, errorOf, siteOptions, idField }: CommonProps & { unit: Unit; siteOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="name" label={t('editor.fields.name')} value={unit.name} error={errorOf('name')} onChange={setTitle} />
      {idField}
      <TextField name="description" long label={t('editor.fields.description')} value={unit.description} error={errorOf('description')} onChange={(description) => set({ description })} />
      {unit.kind === 'office' && (
        <SelectField name="site" label={t('editor.fields.site')} value={unit.site ?? ''} options={[{ value: '', label: t('editor.noSite') }, ...siteOptions]} error={errorOf('site')} onChange={(site) => set({ site })} />
      )}
      <div className="field-row">
        <TextField name="extension" label={t('editor.fields.extension')} value={unit.extension ?? ''} error={errorOf('extension')} onChange={(extension) => set({ extension })} />
        <TextField name="room" label={t('editor.fields.room')} value={unit.room ?? ''} error={errorOf('room')} onChange={(room) => set({ room })} />
      </div>
      <TextField name="phone" label={t('editor.fields.phone')} value={unit.phone ?? ''} error={errorOf('phone')} onChange={(phone) => set({ phone })} />
      <TextField name="hours" label={t('editor.fields.hours')} value={unit.hours ?? ''} error={errorOf('hours')} onChange={(hours) => set({ hours })} />
    </>
  );
}

function SiteFields({ site, setTitle, set, errorOf, idField }: CommonProps & { site: Site }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="name" label={t('editor.fields.siteName')} value={site.name} error={errorOf('name')} onChange={setTitle} />
      {idField}
      <TextField name="address" label={t('editor.fields.address')} value={site.address} error={errorOf('address')} onChange={(address) => set({ address })} />
      <TextField name="hours" label={t('editor.fields.hours')} value={site.hours ?? ''} error={errorOf('hours')} onChange={(hours) => set({ hours })} />
    </>
  );
}

function TermFields({ term, setTitle, set, errorOf, idField }: CommonProps & { term: GlossaryTerm }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="term" label={t('editor.fields.term')} value={term.term} error={errorOf('term')} onChange={setTitle} />
      {idField}
      <LinesField name="aliases" label={t('editor.fields.aliases')} hint={t('editor.hints.lines')} value={term.aliases} error={errorOf('aliases')} onChange={(aliases) => set({ aliases })} />
      <TextField name="explanation" long label={t('editor.fields.explanation')} value={term.explanation} error={errorOf('explanation')} onChange={(explanation) => set({ explanation })} />
      <TextField name="sayIt" long label={t('editor.fields.sayIt')} value={term.sayIt} error={errorOf('sayIt')} onChange={(sayIt) => set({ sayIt })} />
    </>
  );
}
