import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import type { EntryChange } from '../../../shared/directory/change-log';
import { addEntry, checkEdited, entryAt, kindOf, contentChanges, removeEntry, updateEntry, type EditedContent, type EditProblem, type EntryKind, type EntryRef } from '../../../shared/directory/directory-edits';
import { officeToday } from '../../../shared/directory/freshness';
import { checkingExamples, type ExampleMiss } from '../../../shared/directory/example-check';
import { OfficeFilePathSchema } from '../../../shared/settings/office-files';
import { ApiError } from '../api/client';
import { getApi } from '../api/instance';
import { useAppStore } from '../desk/app-store';
import { i18n } from '../i18n';

type FileKind = 'directory' | 'glossary';
type Opened = ApiOutput<'openDirectoryEditor'>;

/** What the last press of *Zapisz katalog* found; null before one, and again after any edit. */
export type SaveAttempt =
  | { kind: 'checking' }
  | { kind: 'problems'; problems: EditProblem[] }
  | { kind: 'moved'; misses: ExampleMiss[]; checked: number; of: EditedContent }
  /** Where to save a kind the office has no file of yet: not given, or not a path a file can have (the settings' code for why). */
  | { kind: 'no-file'; files: { kind: FileKind; problem: string }[] }
  | { kind: 'changed-on-share'; error: unknown }
  | { kind: 'failed'; error: unknown }
  /** One of two files saved, the other not (a full disk on its share): its changes stay in the draft. */
  | { kind: 'partly'; saved: string[]; failed: { file: string; code: string } }
  /** Saved: how many entries changed, how many caller examples were checked, and how many of them were saved moved (*Zapisz mimo to*). */
  | { kind: 'saved'; changes: number; examples: number; moved: number };

interface EditorState {
  status: 'closed' | 'loading' | 'ready' | 'failed';
  loadError: unknown;
  /** The files as opened: their paths, hashes, and what they said when they did not check out. */
  files: Opened | null;
  /** The content as opened or last saved: what the edits are counted against. */
  opened: EditedContent | null;
  draft: EditedContent | null;
  kind: EntryKind;
  selected: EntryRef | null;
  /** Where to save a kind that has no office file yet. */
  paths: Record<FileKind, string>;
  saving: boolean;
  attempt: SaveAttempt | null;
  /** What the lead had changed when they reloaded after a colleague's save: to be made again. */
  lost: EntryChange[];
  /** The settings now name other office files than the ones open, and the lead has changes in these: they decide when to load the others. */
  otherFiles: boolean;
  /** The examples the lead saved moved (*Zapisz mimo to*), as `matter|example`: they stop no later save. */
  accepted: ReadonlySet<string>;
  /** Why the last removal was refused: the entries that name the one removed. */
  refusedRemoval: { ref: EntryRef; usedBy: string[] } | null;
  open(seed?: { example: string }): Promise<void>;
  setKind(kind: EntryKind): void;
  select(ref: EntryRef | null): void;
  add(kind: EntryKind, seed?: { example?: string }): void;
  update(ref: EntryRef, patch: Record<string, unknown>): void;
  /** A caller's phrase as one more example of a matter, which is then shown. */
  addExample(ref: EntryRef, phrase: string): void;
  remove(ref: EntryRef): void;
  setPath(kind: FileKind, path: string): void;
  save(options?: { despiteMoved?: boolean }): Promise<void>;
  /** The office files the settings name now: the editor follows them (at once when nothing is unsaved). */
  followOfficeFiles(officeFiles: { directory: string | null; glossary: string | null }): void;
  reload(): Promise<void>;
}

/** The content of the files as the editor works on it. */
function contentOf(files: Opened): EditedContent {
  return { directory: files.directory.value, glossary: files.glossary.value };
}

/** Which files an edit touches: the glossary's terms are one file, everything else the other. */
export function changedFiles(changes: EntryChange[]): FileKind[] {
  const kinds = new Set(changes.map((c) => (c.list === 'terms' ? 'glossary' : 'directory')));
  return (['directory', 'glossary'] as const).filter((k) => kinds.has(k));
}

export const useEditorStore = create<EditorState>()((set, get) => ({
  status: 'closed',
  loadError: null,
  files: null,
  opened: null,
  draft: null,
  kind: 'matter',
  selected: null,
  paths: { directory: '', glossary: '' },
  saving: false,
  attempt: null,
  lost: [],
  refusedRemoval: null,
  accepted: new Set(),
  otherFiles: false,

  async open(seed) {
    // Work not yet saved is never thrown away by opening again: a seed is added to it.
    if (get().status !== 'ready') {
      set({ status: 'loading', loadError: null });
      try {
        const files = await getApi().openDirectoryEditor({});
        set({ status: 'ready', files, opened: contentOf(files), draft: contentOf(files), selected: null, attempt: null, otherFiles: false, accepted: new Set() });
      } catch (error) {
        set({ status: 'failed', loadError: error });
        return;
      }
    }
    if (seed) get().add('matter', { example: seed.example });
  },

  setKind(kind) {
    set({ kind, selected: null, refusedRemoval: null });
  },

  select(selected) {
    const { draft, kind } = get();
    const entry = selected && draft ? entryAt(draft, selected) : undefined;
    set({ selected, kind: selected && entry ? kindOf(selected, entry) : kind, refusedRemoval: null });
  },

  add(kind, seed) {
    const { draft } = get();
    if (!draft) return;
    const added = addEntry(draft, kind, { ...seed, today: officeToday() });
    set({ draft: added.content, kind, selected: added.ref, attempt: null, refusedRemoval: null });
  },

  update(ref, patch) {
    const { draft, saving } = get();
    if (!draft) return;
    // Typing while a save checks the examples: the save's message stays.
    set(saving ? { draft: updateEntry(draft, ref, patch) } : { draft: updateEntry(draft, ref, patch), attempt: null });
  },

  addExample(ref, phrase) {
    const { draft } = get();
    const matter = draft ? (entryAt(draft, ref) as { examples?: string[] } | undefined) : undefined;
    if (!draft || !matter) return;
    set({ draft: updateEntry(draft, ref, { examples: [...(matter.examples ?? []), phrase] }), kind: 'matter', selected: ref, attempt: null });
  },

  remove(ref) {
    const { draft } = get();
    if (!draft) return;
    const removed = removeEntry(draft, ref);
    if (!removed.ok) return set({ refusedRemoval: { ref, usedBy: removed.usedBy } });
    set({ draft: removed.content, selected: null, attempt: null, refusedRemoval: null });
  },

  setPath(kind, path) {
    set((s) => ({ paths: { ...s.paths, [kind]: path }, attempt: null }));
  },

  async save(options = {}) {
    const { draft, opened, files, paths, saving, otherFiles } = get();
    // Saved onto the files opened, the settings would be set back to them: the lead loads the new ones first.
    if (!draft || !opened || !files || saving || otherFiles) return;
    const checked = checkEdited(draft);
    if (!checked.ok) return set({ attempt: { kind: 'problems', problems: checked.problems } });
    const changes = contentChanges(opened, checked.content);
    const kinds = changedFiles(changes);
    if (kinds.length === 0) return set({ attempt: { kind: 'saved', changes: 0, examples: 0, moved: 0 } });
    const target = (kind: FileKind) => files[kind].file ?? OfficeFilePathSchema.safeParse(paths[kind]);
    const missing = kinds.flatMap((kind) => {
      const file = target(kind);
      return typeof file === 'string' || file.success ? [] : [{ kind, problem: file.error.issues[0]?.message ?? 'required' }];
    });
    if (missing.length > 0) return set({ attempt: { kind: 'no-file', files: missing } });
    // "Zapisz mimo to" right after the list of moved examples: the same draft, already checked.
    const shown = get().attempt;
    const already = options.despiteMoved && shown?.kind === 'moved' && shown.of === draft ? { checked: shown.checked, misses: shown.misses } : null;
    set({ saving: true, attempt: { kind: 'checking' } });
    // What is saved is the draft as it was pressed: edits typed meanwhile stay in the draft, unsaved, on top of it.
    const examples = already ?? (await inSlices(checkingExamples(checked.content.directory, checked.content.glossary)));
    // Examples saved moved once (*Zapisz mimo to*) do not stop every later save again: only a newly moved one does.
    const known = get().accepted;
    if (examples.misses.some((miss) => !known.has(missKey(miss))) && !options.despiteMoved) return set({ saving: false, attempt: { kind: 'moved', misses: examples.misses, checked: examples.checked, of: draft } });
    const edit = <K extends FileKind>(kind: K) => {
      const file = target(kind);
      return { file: typeof file === 'string' ? file : file.data!, baseHash: files[kind].hash, value: checked.content[kind] };
    };
    try {
      const result = await getApi().saveDirectoryEdits({
        ...(kinds.includes('directory') ? { directory: edit('directory') } : {}),
        ...(kinds.includes('glossary') ? { glossary: edit('glossary') } : {}),
      });
      useAppStore.getState().contentReplaced(result);
      // A file not saved stays as the editor opened it (the app's copy in use may be older than the share's).
      const savedFile = (kind: FileKind) => {
        const saved = result.saved[kind];
        return saved ? { file: saved.file, hash: saved.hash, value: result[kind], problems: [] } : files[kind];
      };
      const next = { directory: savedFile('directory'), glossary: savedFile('glossary') } as Opened;
      const content = contentOf(next);
      // Edits made while the save was on its way are kept, on top of what was saved; so are those of a file that failed.
      const current = get().draft!;
      const kept = (kind: FileKind) => (result.saved[kind] && current === draft ? content[kind] : current[kind]);
      const drafted = { directory: kept('directory'), glossary: kept('glossary') } as EditedContent;
      if (examples.misses.length > 0) set({ accepted: new Set(examples.misses.map(missKey)) });
      set({
        files: next,
        opened: content,
        draft: drafted,
        saving: false,
        lost: [],
        attempt: result.failed
          ? { kind: 'partly', saved: kinds.filter((k) => result.saved[k]).map((k) => result.saved[k]!.file), failed: result.failed }
          : { kind: 'saved', changes: changes.length, examples: examples.checked, moved: examples.misses.length },
      });
    } catch (error) {
      const onShare = error instanceof ApiError && (error.key === 'directoryEditor.changed' || error.key === 'directoryEditor.changedUnlogged');
      set({ saving: false, attempt: { kind: onShare ? 'changed-on-share' : 'failed', error } });
    }
  },

  followOfficeFiles(officeFiles) {
    const { status, files, draft, opened } = get();
    if (status !== 'ready' || !files || !draft || !opened) return;
    if (files.directory.file === officeFiles.directory && files.glossary.file === officeFiles.glossary) return set({ otherFiles: false });
    if (contentChanges(opened, draft).length > 0) return set({ otherFiles: true });
    set({ status: 'closed' });
    void get().open();
  },

  async reload() {
    const { draft, opened } = get();
    const lost = draft && opened ? contentChanges(opened, draft) : [];
    set({ status: 'closed' });
    await get().open();
    if (get().status === 'ready') set({ lost });
  },
}));

const missKey = (miss: ExampleMiss) => `${miss.matterId}|${miss.example}`;

/** Runs work given in steps, letting the window paint and take keys every few milliseconds. */
async function inSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since > 12) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = performance.now();
    }
  }
}

/** The number of entries changed since opening (or the last save), for the tab and the save bar. */
export function useUnsavedChanges(): number {
  return useEditorStore((s) => (s.draft && s.opened ? contentChanges(s.opened, s.draft).length : 0));
}

/** The lead's message for a save attempt, in their language. */
export function savedMessage(attempt: Extract<SaveAttempt, { kind: 'saved' }>): string {
  if (attempt.changes === 0) return i18n.t('editor.nothingToSave');
  const examples =
    attempt.moved > 0 ? i18n.t('editor.examplesMoved', { count: attempt.moved, checked: attempt.examples }) : attempt.examples > 0 ? i18n.t('editor.examplesChecked', { count: attempt.examples }) : '';
  return i18n.t('editor.saved', { changes: i18n.t('editor.changes', { count: attempt.changes }), examples });
}
