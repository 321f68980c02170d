import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { JournalProblem } from '../../shared/api';
import { isCallRecord } from '../../shared/journal-record';
import { createRowMaker, rowComparator, rowFilter, type RegisterFilter, type RegisterRow, type RegisterSort } from '../../shared/register';
import { callbacksKept, summarize, type RegisterSummary } from '../../shared/statistics';
import { genesisHash, parseJournalLines, scanJournalText } from './journal-format';

/**
 * The team lead's register: every call in every clerk's month files of the
 * folders it is given (this computer's data directory, the team folder),
 * each file's hash chain verified as it is read. A call found in two folders
 * (the clerk's own copy and the team copy) is one call: records are keyed by
 * id. Files are re-read only when their size or time changed, so refreshing
 * a register of hundreds of thousands of calls costs a directory listing.
 */

export interface RegisterFolder {
  /** Shown to a person: this computer, the team folder, files imported from clerks. */
  kind: 'local' | 'team' | 'import';
  root: string;
}

export interface RegisterProblem extends JournalProblem {
  folder: RegisterFolder['kind'];
  clerkId: string;
  /** The clerk's name as the file's readable records give it, if any. */
  clerkName: string | null;
  month: string;
}

export interface FolderTrouble {
  folder: RegisterFolder['kind'];
  root: string;
  message: string;
}

interface CachedFile {
  /** `calls/<clerk>/<month>.jsonl`, as rows name their file. */
  relative: string;
  size: number;
  mtimeMs: number;
  rows: RegisterRow[];
  problems: RegisterProblem[];
}

const MONTH_FILE = /^(\d{4}-\d{2})\.jsonl$/;
/** Give the event loop a turn this often while reading, so the window never waits for a long load. */
const LINES_PER_TURN = 2_000;

export class Register {
  private readonly cache = new Map<string, CachedFile>();
  private rows: RegisterRow[] = [];
  private ids = new Set<string>();
  private loaded = false;
  private problemList: RegisterProblem[] = [];
  private troubles: FolderTrouble[] = [];
  private keptAt = new Map<string, number>();
  /** Files with an integrity problem, by their path within the folder: how a row is flagged. */
  private flagged = new Map<string, string>();
  /** Where each month file was read from: every folder that has it. */
  private sources = new Map<string, string[]>();
  private lastQuery: { key: string; rows: RegisterRow[]; summary: RegisterSummary | null } | null = null;

  constructor(private readonly folders: () => RegisterFolder[]) {}

  get problems(): readonly RegisterProblem[] {
    return this.problemList;
  }

  get folderTroubles(): readonly FolderTrouble[] {
    return this.troubles;
  }

  /** Whether a call with this id is in the register (as of the last refresh). */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Reads the folders on first use, or again when asked (opening the view, "Odśwież"); paging does not. */
  async ensureLoaded(refresh = false): Promise<this> {
    if (refresh || !this.loaded) await this.refresh();
    return this;
  }

  /** Re-reads what changed in every folder. A folder that cannot be read is reported; what can be read is still shown. */
  async refresh(): Promise<void> {
    const seen = new Set<string>();
    const troubles: FolderTrouble[] = [];
    for (const folder of this.folders()) {
      const callsDir = join(folder.root, 'calls');
      let clerks: string[];
      try {
        clerks = (await fs.readdir(callsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && folder.kind !== 'team') continue; // nothing saved or imported here yet
        troubles.push({ folder: folder.kind, root: folder.root, message: code ?? (error as Error).message });
        continue;
      }
      for (const clerkId of clerks.sort()) {
        let names: string[];
        try {
          names = (await fs.readdir(join(callsDir, clerkId))).filter((n) => MONTH_FILE.test(n)).sort();
        } catch (error) {
          troubles.push({ folder: folder.kind, root: join(callsDir, clerkId), message: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
          continue;
        }
        for (const name of names) {
          const path = join(callsDir, clerkId, name);
          seen.add(path);
          try {
            await this.readFile(folder, clerkId, name.slice(0, 7), path);
          } catch (error) {
            troubles.push({ folder: folder.kind, root: path, message: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
          }
        }
      }
    }
    for (const path of this.cache.keys()) if (!seen.has(path)) this.cache.delete(path);
    this.troubles = troubles;
    this.rebuild();
    this.loaded = true;
  }

  private async readFile(folder: RegisterFolder, clerkId: string, month: string, path: string): Promise<void> {
    const stat = await fs.stat(path);
    const cached = this.cache.get(path);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return;
    const relative = `calls/${clerkId}/${month}.jsonl`;
    const whole = await fs.readFile(path, 'utf8');
    // A last line without its newline is being written right now (a clerk's app
    // appending to the team copy): it is read next time, not reported as broken.
    const text = whole.slice(0, whole.lastIndexOf('\n') + 1);
    const scan = scanJournalText(text, genesisHash(clerkId, month), relative);
    const makeRow = createRowMaker();
    const rows: RegisterRow[] = [];
    const problems: JournalProblem[] = [...scan.problems];
    for (let start = 0; start < scan.lines.length; start += LINES_PER_TURN) {
      const calls = scan.lines.slice(start, start + LINES_PER_TURN).filter((l) => l.type === 'call');
      const parsed = parseJournalLines(calls, relative);
      problems.push(...parsed.problems);
      for (const record of parsed.records) if (isCallRecord(record)) rows.push(makeRow(record, relative));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const clerkName = rows[0]?.clerkName ?? null;
    this.cache.set(path, {
      relative,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      rows,
      problems: problems.sort((a, b) => a.line - b.line).map((p) => ({ ...p, folder: folder.kind, clerkId, clerkName, month })),
    });
  }

  private rebuild(): void {
    const byId = new Map<string, RegisterRow>();
    const problems: RegisterProblem[] = [];
    this.sources = new Map();
    for (const [path, file] of this.cache) {
      this.sources.set(file.relative, [...(this.sources.get(file.relative) ?? []), path]);
      for (const row of file.rows) if (!byId.has(row.id)) byId.set(row.id, row);
      problems.push(...file.problems);
    }
    this.rows = [...byId.values()];
    this.ids = new Set(byId.keys());
    this.problemList = problems.sort((a, b) => (a.clerkName ?? '').localeCompare(b.clerkName ?? '', 'pl') || a.month.localeCompare(b.month) || a.line - b.line);
    this.keptAt = callbacksKept(this.rows);
    this.flagged = new Map();
    for (const p of problems) if (!this.flagged.has(p.file)) this.flagged.set(p.file, describeProblem(p));
    this.lastQuery = null;
  }

  /** The filtered calls in the asked order; the last filter and order are kept, so paging through them is cheap. */
  select(filter: RegisterFilter, sort: RegisterSort): RegisterRow[] {
    return this.selection(filter, sort).rows;
  }

  summary(filter: RegisterFilter, sort: RegisterSort, now: number): RegisterSummary {
    const selection = this.selection(filter, sort);
    selection.summary ??= summarize(selection.rows, this.keptAt, now);
    return selection.summary;
  }

  /** What is wrong with the file a row came from, or '' when nothing is. */
  integrityOf(row: RegisterRow): string {
    return this.flagged.get(row.file) ?? '';
  }

  /** The files a row's record may be stored in (the clerk's copy and the team copy of its month). */
  sourcesOf(row: RegisterRow): readonly string[] {
    return this.sources.get(row.file) ?? [];
  }

  /** The clerks, routed units and checklist items present, for the filter lists. */
  facets(): { clerks: { id: string; name: string }[]; units: { id: string; name: string }[]; items: { id: string; label: string }[] } {
    const clerks = new Map<string, string>();
    const units = new Map<string, string>();
    const items = new Map<string, string>();
    const lists = new Set<RegisterRow['items']>();
    for (const row of this.rows) {
      clerks.set(row.clerkId, row.clerkName);
      if (row.routedTo) units.set(row.routedTo.unitId, row.routedTo.unitName);
      lists.add(row.items);
    }
    for (const list of lists) list.ids.forEach((id, i) => items.has(id) || items.set(id, list.labels[i]!));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'pl');
    return {
      clerks: [...clerks].map(([id, name]) => ({ id, name })).sort(byName),
      units: [...units].map(([id, name]) => ({ id, name })).sort(byName),
      items: [...items].map(([id, label]) => ({ id, label })),
    };
  }

  private selection(filter: RegisterFilter, sort: RegisterSort) {
    const key = JSON.stringify([filter, sort]);
    if (this.lastQuery?.key !== key) {
      this.lastQuery = { key, rows: this.rows.filter(rowFilter(filter)).sort(rowComparator(sort)), summary: null };
    }
    return this.lastQuery;
  }
}

const PROBLEM_WORDS: Record<JournalProblem['kind'], string> = {
  'broken-chain': 'przerwany łańcuch zapisów (wiersz zmieniony, usunięty lub przestawiony)',
  'corrupt-line': 'nieczytelny wiersz',
  'unknown-version': 'wiersz w nieznanej wersji zapisu',
};

const FOLDER_WORDS: Record<RegisterFolder['kind'], string> = {
  local: 'na tym komputerze',
  team: 'w folderze zespołu',
  import: 'w zaimportowanych',
};

export function describeProblem(p: RegisterProblem): string {
  return `Naruszona integralność: ${p.clerkName ?? p.clerkId}, ${p.month} — ${PROBLEM_WORDS[p.kind]}, wiersz ${p.line} pliku ${p.file} (${FOLDER_WORDS[p.folder]})`;
}
