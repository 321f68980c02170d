import { create } from 'zustand';
import type { EntryChange } from '../../../shared/directory/change-log';
import { forSaving } from '../../../shared/directory/directory-edits';
import { contentWithTable, tableRows, type TableName, type TableProblem } from '../../../shared/directory/directory-tables';
import { saveDownload, uploadChosenFile } from '../api/client';
import { getApi } from '../api/instance';
import { isDesktop } from '../api/platform';
import { useEditorStore } from './editor-store';

/** What the last table export or import did. */
export type TableResult =
  | { kind: 'exported'; where: string }
  | { kind: 'imported'; name: string; changes: EntryChange[] }
  | { kind: 'problems'; name: string; problems: TableProblem[] }
  | { kind: 'failed'; error: unknown };

interface TablesState {
  result: TableResult | null;
  busy: boolean;
  /** A table of the directory as it is being edited, to a file for Excel. */
  exportTable(table: TableName): Promise<void>;
  /** A table back from Excel: its list replaced in the editor's draft (not yet saved), only if the whole table checks out. */
  importTable(): Promise<void>;
}

/**
 * The spreadsheet round trip of the directory editor: the draft's tables out
 * to a file, and a table back into the draft (editor-store.ts holds it).
 */
export const useTablesStore = create<TablesState>()((set, get) => ({
  result: null,
  busy: false,

  async exportTable(table) {
    const { draft } = useEditorStore.getState();
    if (!draft || get().busy) return;
    set({ busy: true, result: null });
    try {
      const { path, download } = await getApi().exportDirectoryTable({ table, rows: tableRows(forSaving(draft), table) });
      const where = download ? await saveDownload(download) : path;
      set({ busy: false, result: where ? { kind: 'exported', where } : null });
    } catch (error) {
      set({ busy: false, result: { kind: 'failed', error } });
    }
  },

  async importTable() {
    if (!useEditorStore.getState().draft || get().busy) return;
    set({ result: null });
    try {
      // In a browser the picker opens within the click; on the desktop the service's open dialog does.
      const uploaded = isDesktop() ? null : await uploadChosenFile(window, 'directory-table');
      if (!isDesktop() && !uploaded) return;
      set({ busy: true });
      const { name, rows } = await getApi().importDirectoryTable({ upload: uploaded?.upload ?? null });
      const draft = useEditorStore.getState().draft;
      if (name === null || !draft) return set({ busy: false });
      const imported = contentWithTable(draft, rows);
      if (!imported.ok) return set({ busy: false, result: { kind: 'problems', name, problems: imported.problems } });
      useEditorStore.setState({ draft: imported.content, selected: null, attempt: null });
      set({ busy: false, result: { kind: 'imported', name, changes: imported.changes } });
    } catch (error) {
      set({ busy: false, result: { kind: 'failed', error } });
    }
  },
}));
