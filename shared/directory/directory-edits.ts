import { z } from 'zod';
import { directoryCrossProblems, DirectorySchema, glossaryCrossProblems, GlossarySchema, type Directory, type Glossary, type Matter, type Site, type Unit, type GlossaryTerm } from './directory';
import { fold } from './text-folding';
import { maskIdentifiers } from '../masking/masking';
import type { EntryChange } from './change-log';

/** The file check's Polish messages (as shared/contract/api.ts gives them, which imports this folder). */
const polishIssueMessages = z.locales.pl().localeError;

/**
 * What the lead's directory editor does to the office's directory and
 * glossary, as plain functions of the content: add, change and remove an
 * entry, the problems that keep it from being saved (the file's own schema,
 * so the editor and the file check say the same), and what changed between
 * two versions — for the change log beside the file and for the lead.
 *
 * The content being edited may be invalid at any moment (a title cleared
 * while it is retyped); it is checked as a whole before saving, never
 * repaired behind the lead's back.
 */
export interface EditedContent {
  directory: Directory;
  glossary: Glossary;
}

/** What the editor lists apart. Units of the office and institutions outside it are one list in the file, told apart by `kind`. */
export const ENTRY_KINDS = ['matter', 'unit', 'external', 'site', 'term'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

type ListName = 'matters' | 'units' | 'sites' | 'terms';

/** An entry by its place in the file's list (ids may be retyped, or for a moment taken twice). */
export interface EntryRef {
  list: ListName;
  index: number;
}

export type Entry = Matter | Unit | Site | GlossaryTerm;

const LIST_OF: Record<EntryKind, ListName> = { matter: 'matters', unit: 'units', external: 'units', site: 'sites', term: 'terms' };

function listOf(content: EditedContent, list: ListName): Entry[] {
  return list === 'terms' ? content.glossary.terms : content.directory[list];
}

function withList(content: EditedContent, list: ListName, entries: Entry[]): EditedContent {
  if (list === 'terms') return { ...content, glossary: { ...content.glossary, terms: entries as GlossaryTerm[] } };
  return { ...content, directory: { ...content.directory, [list]: entries } };
}

/** An entry's place as one string, for keys and maps. */
export function refKey(ref: EntryRef): string {
  return `${ref.list}:${ref.index}`;
}

export function kindOf(ref: EntryRef, entry: Entry): EntryKind {
  if (ref.list === 'units') return (entry as Unit).kind === 'external' ? 'external' : 'unit';
  return ref.list === 'matters' ? 'matter' : ref.list === 'sites' ? 'site' : 'term';
}

/** The entries of a kind, each with its place in the file. */
export function entriesOf(content: EditedContent, kind: EntryKind): { ref: EntryRef; entry: Entry }[] {
  const list = LIST_OF[kind];
  return listOf(content, list)
    .map((entry, index) => ({ ref: { list, index }, entry }))
    .filter(({ ref, entry }) => kindOf(ref, entry) === kind);
}

export function entryAt(content: EditedContent, ref: EntryRef): Entry | undefined {
  return listOf(content, ref.list)[ref.index];
}

/** What an entry is called in lists and messages. */
export function entryTitle(entry: Entry): string {
  if ('title' in entry) return entry.title;
  if ('term' in entry) return entry.term;
  return entry.name;
}

/**
 * Marks an entry added in this editing (a symbol: never written to the file,
 * gone once the saved file is read back). Its identifier may still be typed;
 * one already in the file is fixed, as saved calls name it.
 */
export const NEW_ENTRY: unique symbol = Symbol('new entry');

export function isNewEntry(entry: Entry): boolean {
  return NEW_ENTRY in entry;
}

/** An identifier made from a title, as the file wants it (`a-z0-9-`, from a letter), not yet taken. */
export function idFromTitle(title: string, taken: ReadonlySet<string>, fallback: string): string {
  const slug = fold(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  const base = slug.length >= 2 ? slug : fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function takenIds(content: EditedContent, list: ListName): Set<string> {
  return new Set(listOf(content, list).map((e) => e.id));
}

/**
 * A new entry of a kind, at the end of its list: what the form then fills
 * in. A matter may start from what a caller said (`example`), as the lead's
 * report of unanswered searches offers, and is dated `today` as checked.
 */
export function addEntry(content: EditedContent, kind: EntryKind, seed: { example?: string; today?: string } = {}): { content: EditedContent; ref: EntryRef } {
  const list = LIST_OF[kind];
  const taken = takenIds(content, list);
  const officeUnit = content.directory.units.find((u) => u.kind === 'office') ?? content.directory.units[0];
  const entry: Entry =
    kind === 'matter'
      ? {
          id: idFromTitle('', taken, 'nowa-sprawa'),
          title: '',
          unit: officeUnit?.id ?? '',
          complex: false,
          keywords: [],
          documents: [],
          examples: seed.example ? [seed.example] : [],
          // Written today from its source: checked today, unless the lead says otherwise.
          ...(seed.today ? { checked: seed.today } : {}),
        }
      : kind === 'unit' || kind === 'external'
        ? { id: idFromTitle('', taken, kind === 'unit' ? 'nowa-komorka' : 'nowa-instytucja'), name: '', kind: kind === 'unit' ? 'office' : 'external', description: '', ...(kind === 'unit' && content.directory.sites[0] ? { site: content.directory.sites[0].id } : {}) }
        : kind === 'site'
          ? { id: idFromTitle('', taken, 'nowa-lokalizacja'), name: '', address: '' }
          : { id: idFromTitle('', taken, 'nowe-pojecie'), term: '', aliases: [], explanation: '', sayIt: '' };
  const entries = [...listOf(content, list), { ...entry, [NEW_ENTRY]: true }];
  return { content: withList(content, list, entries), ref: { list, index: entries.length - 1 } };
}

/** Fields a file may leave out: emptied in the form, they are left out, not kept as "". */
export const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(['hint', 'source', 'checked', 'reviewBy', 'owner', 'site', 'extension', 'room', 'hours', 'phone']);

/** The entry at `ref` with the fields of `patch`; an optional field emptied is removed. */
export function updateEntry(content: EditedContent, ref: EntryRef, patch: Partial<Record<string, unknown>>): EditedContent {
  const entries = [...listOf(content, ref.list)];
  const entry: Record<string, unknown> = { ...entries[ref.index] };
  for (const [field, value] of Object.entries(patch)) {
    if (OPTIONAL_FIELDS.has(field) && (value === '' || value === undefined)) delete entry[field];
    else entry[field] = value;
  }
  entries[ref.index] = entry as unknown as Entry;
  return withList(content, ref.list, entries);
}

/**
 * Removes an entry, unless others name it: a unit that matters go to or are
 * kept by, a site that units are at. Those are listed instead, so the lead
 * moves them first (a removal that left them pointing nowhere would only be
 * refused at saving, farther from its cause).
 */
export function removeEntry(content: EditedContent, ref: EntryRef): { ok: true; content: EditedContent } | { ok: false; usedBy: string[] } {
  const entry = entryAt(content, ref);
  if (!entry) return { ok: true, content };
  const usedBy =
    ref.list === 'units'
      ? content.directory.matters.filter((m) => m.unit === entry.id || m.owner === entry.id).map(entryTitle)
      : ref.list === 'sites'
        ? content.directory.units.filter((u) => u.site === entry.id).map(entryTitle)
        : [];
  // Another entry of the same id (a duplicate being fixed) still answers for them.
  const sameId = listOf(content, ref.list).filter((e) => e.id === entry.id).length;
  if (usedBy.length > 0 && sameId === 1) return { ok: false, usedBy };
  return { ok: true, content: withList(content, ref.list, listOf(content, ref.list).filter((_, i) => i !== ref.index)) };
}

/** The fields a form edits as one line each. */
const LINE_LISTS = ['keywords', 'documents', 'examples', 'aliases'] as const;

/**
 * The content as it is saved: blank lines of a list field dropped (the form
 * keeps them while the lead types), and a caller's example masked as a
 * call's note is — a sentence written down from a call must not carry the
 * caller's PESEL, number or name into a file the whole office reads.
 */
export function forSaving(content: EditedContent): EditedContent {
  const tidy = <E extends Entry>(entry: E): E => {
    let out = entry;
    for (const field of LINE_LISTS) {
      const lines = (entry as Record<string, unknown>)[field];
      if (!Array.isArray(lines)) continue;
      let kept = lines.some((l) => typeof l === 'string' && l.trim() === '') ? lines.filter((l) => typeof l !== 'string' || l.trim() !== '') : lines;
      if (field === 'examples') kept = maskedExamples(kept);
      if (kept !== lines) out = { ...out, [field]: kept };
    }
    return out;
  };
  return {
    directory: { ...content.directory, matters: content.directory.matters.map(tidy), units: content.directory.units.map(tidy), sites: content.directory.sites.map(tidy) },
    glossary: { ...content.glossary, terms: content.glossary.terms.map(tidy) },
  };
}

const EMPTY_LIST: Record<EntryRef['list'], string> = {
  matters: 'katalog musi mieć co najmniej jedną sprawę',
  units: 'katalog musi mieć co najmniej jedną komórkę lub instytucję',
  sites: 'katalog musi mieć co najmniej jedną lokalizację',
  terms: 'słowniczek musi mieć co najmniej jedno pojęcie',
};

/** Examples as they are saved: masked; the same list when nothing in it is. */
function maskedExamples(lines: unknown[]): unknown[] {
  const masked = lines.map((line) => (typeof line === 'string' ? maskIdentifiers(line).text : line));
  return masked.some((line, i) => line !== lines[i]) ? masked : lines;
}

/** One thing that keeps the content from being saved: the entry (null: the file as a whole), the field, the file check's message. */
export interface EditProblem {
  ref: EntryRef | null;
  field: string | null;
  message: string;
}

/**
 * The content ready for saving (checked by the files' own schemas, as the
 * app and the file check read them), or what keeps it from being saved.
 */
export function checkEdited(content: EditedContent): { ok: true; content: EditedContent } | { ok: false; problems: EditProblem[] } {
  const tidy = forSaving(content);
  const directory = DirectorySchema.safeParse(tidy.directory, { error: polishIssueMessages });
  const glossary = GlossarySchema.safeParse(tidy.glossary, { error: polishIssueMessages });
  if (directory.success && glossary.success) return { ok: true, content: { directory: directory.data, glossary: glossary.data } };
  // One problem a field (or an item of a list): a reference that is both malformed and unknown is said as unknown, the check across entries coming last.
  const byPlace = new Map<string, EditProblem>();
  const add = (path: PropertyKey[], raw: string) => {
    const [list, index, field, item] = path;
    // A list left empty: said as the list, not as zod's array length.
    const message = path.length === 1 && typeof list === 'string' && list in EMPTY_LIST ? EMPTY_LIST[list as EntryRef['list']] : raw;
    const placed = typeof list === 'string' && typeof index === 'number' && (list === 'matters' || list === 'units' || list === 'sites' || list === 'terms');
    const problem: EditProblem = { ref: placed ? { list: list as EntryRef['list'], index } : null, field: placed && typeof field === 'string' ? field : null, message };
    byPlace.set(placed ? `${list}:${index}:${String(field)}:${String(item)}` : `${byPlace.size}:${message}`, problem);
  };
  if (!directory.success) for (const issue of directory.error.issues) add(issue.path, issue.message);
  if (!glossary.success) for (const issue of glossary.error.issues) add(issue.path, issue.message);
  // The checks across entries (an unknown unit, an id twice) run only when every entry parses; run here too, so a
  // field's problem never hides them until it is fixed. Lists that are not lists are the schema's to say.
  const { sites, units, matters } = tidy.directory;
  if (Array.isArray(sites) && Array.isArray(units) && Array.isArray(matters)) directoryCrossProblems(tidy.directory, add);
  if (Array.isArray(tidy.glossary.terms)) glossaryCrossProblems(tidy.glossary, add);
  const problems = [...byPlace.values()];
  return { ok: false, problems };
}

/** What differs between two versions of the content, entry by entry (by id), in file order. */
export function contentChanges(before: EditedContent, after: EditedContent): EntryChange[] {
  const changes: EntryChange[] = [];
  for (const list of ['sites', 'units', 'matters', 'terms'] as const) {
    const old = new Map(listOf(before, list).map((e) => [e.id, e]));
    const now = new Set<string>();
    for (const entry of listOf(after, list)) {
      now.add(entry.id);
      const was = old.get(entry.id);
      if (was === entry) continue; // an entry not edited is the same object: nothing to compare
      if (!was) changes.push({ list, id: entry.id, title: entryTitle(entry), change: 'added' });
      else {
        const fields = differingFields(was, entry);
        if (fields.length > 0) changes.push({ list, id: entry.id, title: entryTitle(entry), change: 'changed', fields });
      }
    }
    for (const [id, entry] of old) if (!now.has(id)) changes.push({ list, id, title: entryTitle(entry), change: 'removed' });
  }
  return changes;
}

function differingFields(a: Entry, b: Entry): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => JSON.stringify((a as Record<string, unknown>)[key]) !== JSON.stringify((b as Record<string, unknown>)[key]));
}
