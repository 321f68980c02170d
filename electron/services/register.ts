import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { JournalProblem } from '../../shared/contract/api';
import { verifyRecordedItems, type ChecklistCatalog } from '../../shared/call/checklist-catalog';
import { isCallRecord } from '../../shared/journal/journal-record';
import { openedCall, type RegisterFilter, type RegisterRow, type RegisterSort } from '../../shared/register/register';
import { RowChunk } from '../../shared/register/row-chunk';
import { RowSet, type IdTable } from '../../shared/register/row-set';
import { RowsRead } from './rows-read';
import { PROBLEM_LINES_SHOWN, type RegisterCall, type RegisterFolderKind, type RegisterProblemKind } from '../../shared/register/register-api';
import { alignWithFacets, callbacksKeptRows, summarizeRows, type CallbackChangeFact, type RegisterFacets, type RegisterSummary } from '../../shared/register/statistics';
import { decodeLine, JournalScanner, MAX_RECORD_CHARS, parseRecordLine, readableEndOfBytes, readLineHead, type JournalHead } from './journal-format';
import { createHash, type Hash } from 'node:crypto';
import { hashInTurns, readMonthBytes, type MonthReading } from './month-reading';
import { SerialQueue } from './serial-queue';
import type { MonthReaders } from './month-readers';
import type { IndexedCopy, ListedFolder, RegisterIndex } from './register-index';
import { MASKED_SUFFIX, readMaskedLines } from './import-filer';
import { monthsBefore } from '../../shared/journal/months';
import { readHead } from './journal-head';
import { callsDir, monthFileRelative, monthOfFileName } from './journal-layout';
import { NotRegularFileError, readRegularFile } from './regular-file';
import { MONTH_FILE_MAX_BYTES } from './journal';

/**
 * The team lead's register: every call in every clerk's month files of the
 * folders it is given (this computer's data directory, the team folder,
 * imports), each file's hash chain (and head, where kept) verified as it is
 * read. A call found in two folders (the clerk's own copy and the team copy)
 * is one call: records are keyed by id; the same id with other content is a
 * conflict, shown. Files are re-read only when their size or time changed,
 * so refreshing a register of hundreds of thousands of calls costs a
 * directory listing.
 *
 * Whatever a folder holds, the register opens: a file that is not a month
 * file of this app, or one line of a million broken ones, is named and
 * counted; the work per file is bounded and everything readable is shown.
 */

/** Calls chosen by a filter and order: row numbers of the reading they were chosen from (a later reading does not change what they mean). */
export interface Selection {
  read: RowsRead;
  rows: Uint32Array;
}

export interface RegisterFolder {
  /** Shown to a person: this computer, the team folder, files imported from clerks. */
  kind: RegisterFolderKind;
  root: string;
  /**
   * Records an import kept aside because the register held their id with other
   * content: not calls of the register, but each flags the call it conflicts with.
   */
  conflicts?: boolean;
}

/** One kind of problem in one copy of a month file, or a conflict between two copies of a call. */
export interface RegisterProblem {
  folder: RegisterFolderKind;
  clerkId: string;
  /** The clerk's name as the file's readable records give it, if any. */
  clerkName: string | null;
  month: string;
  file: string;
  kind: RegisterProblemKind;
  /** The first lines with this problem; more of them beyond these, among the ones kept. */
  lines: number[];
  moreLines: number;
  /** Every problem the file has, of any kind, counted while reading it. */
  fileCount: number;
  /** For a conflict: the other copy that holds the same record with other content. */
  other?: RegisterFolderKind;
}

export interface FolderTrouble {
  folder: RegisterFolderKind;
  root: string;
  message: string;
}

interface CachedFile {
  folder: RegisterFolderKind;
  /** `calls/<clerk>/<month>.jsonl`, as rows name their file. */
  relative: string;
  signature: string;
  rows: RowChunk;
  /** Calls whose note or callback reference the import masked (the line says so). */
  maskedOnImport: string[];
  /** Callbacks moved or called off in this file (callback-change lines), by their own id. */
  changes: ReadonlyMap<string, { callbackOf: string } & CallbackChangeFact>;
  /** Where it stands: a month file of calls, or an import's conflicts kept aside. */
  shelf: 'calls' | 'conflicts';
  /** A conflicts shelf's records: the ids they share with calls of the register. */
  conflictIds: string[];
  /** The file's problems, one entry per kind, and how many it has in all. */
  problems: RegisterProblem[];
  problemCount: number;
  /** What the index keeps of it: a file that only grew is read on from there. */
  indexed: IndexedCopy | null;
}

/** Problem entries listed at most, over all files (the rest are counted): a folder of thousands of junk files stays a list a person can read. */
const PROBLEM_ENTRIES_KEPT = 5_000;
const NO_CHANGES: ReadonlyMap<string, { callbackOf: string } & CallbackChangeFact> = new Map();
const COPY_ORDER: Record<RegisterFolderKind, number> = { local: 0, team: 1, import: 2, database: 3 };

/**
 * How long the index's word on an unchanged file is taken without hashing
 * its bytes again. A file's size and times say it is unchanged; but where a
 * system lets anyone who may write a file set all its times back (NTFS, so
 * a Windows share), an edit that keeps the size could hide behind them. Once
 * a day each file is read and hashed again (no parsing): such an edit is
 * seen by the next day's opening.
 */
export const REHASH_AFTER_MS = 24 * 3600_000;

/** A turn of the event loop, so the window never waits for a long reading. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Register {
  private readonly cache = new Map<string, CachedFile>();
  /** Files read in this process, not by a worker: one at a time. */
  private readonly inProcess = new SerialQueue();
  /** What the last reading made: every row of every copy (the chunks in the order copies are preferred, this computer's first), and their files. */
  private read = RowsRead.none(new RowSet([]));
  /** One row per call (the first copy of it), by row number in `read.set`; and by id. */
  private calls: Uint32Array = new Uint32Array(0);
  private ids: IdTable = new RowSet([]).firstOfEachId(() => undefined);
  private facetList: RegisterFacets | null = null;
  private loaded = false;
  private problemList: RegisterProblem[] = [];
  private problemTotal = 0;
  private troubles: FolderTrouble[] = [];
  private keptAt = new Map<string, number>();
  /** Each callback's moves and cancellation, oldest first: what it is judged against. */
  private callbackChanges = new Map<string, CallbackChangeFact[]>();
  /** What is wrong with a copy of a month file (one entry per kind), by copy and path: how a row read from it is flagged. */
  private flagged = new Map<string, readonly RegisterProblem[]>();
  /** Calls the import masked: shown, so an edit claiming to be one is seen too. */
  private maskedOnImport = new Set<string>();
  /** Rows whose id another copy holds with other content: the id and the other copy. */
  private conflicts = new Map<string, RegisterFolderKind>();
  private lastQuery: { key: string; selection: Selection; summary: RegisterSummary | null } | null = null;

  constructor(
    private readonly folders: () => RegisterFolder[],
    private readonly catalog: () => ChecklistCatalog,
    /** Where what was read is kept between openings; none: every opening reads every file. */
    private readonly index: RegisterIndex | null = null,
    /** Worker threads that read whole month files side by side; none: each is read here, one after another. */
    private readonly readers: MonthReaders | null = null,
  ) {}

  /** The first few problems of every file, in a stable order; `problemCount` says how many there are in all. */
  get problems(): readonly RegisterProblem[] {
    return this.problemList;
  }

  get problemCount(): number {
    return this.problemTotal;
  }

  get folderTroubles(): readonly FolderTrouble[] {
    return this.troubles;
  }

  /** Whether a call with this id is in the register (as of the last refresh). */
  has(id: string): boolean {
    return this.ids.find(id) >= 0;
  }

  /** What the register holds of a call, if it has it: which copy it shows, and what that copy says (its digest). */
  row(id: string): Pick<RegisterRow, 'id' | 'digest' | 'copy' | 'file'> | undefined {
    const row = this.ids.find(id);
    if (row < 0) return undefined;
    const chunk = this.read.set.chunk(row);
    const i = this.read.set.local(row);
    return { id, digest: chunk.digest(i), copy: chunk.copy(i), file: chunk.file(i) };
  }

  get size(): number {
    return this.calls.length;
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
    const trouble = (folder: RegisterFolder, root: string, error: unknown) =>
      troubles.push({ folder: folder.kind, root, message: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    // Rows are judged against the checklist catalog: another catalog, another index.
    const catalog = createHash('sha256').update(JSON.stringify(this.catalog().all())).digest('hex');
    const folders = this.folders();
    for (const folder of folders) {
      const calls = callsDir(folder.root);
      // What was listed, by clerk, and whose folder could not be: the index forgets what is not here any more, nothing of those.
      const listed: ListedFolder = { kind: folder.kind, root: folder.root, files: new Map(), unlisted: new Set() };
      let clerks: string[];
      try {
        clerks = (await fs.readdir(calls, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && folder.kind !== 'team') {
          await this.forgetUnlisted(folder, listed); // nothing saved or imported here (any more)
          continue;
        }
        trouble(folder, folder.root, error);
        continue;
      }
      // Every file listed first, then read — side by side where worker threads read them — and what went wrong told in the order listed.
      const inTurn = limited(this.readers?.size ?? 1);
      const outcomes: { root: string; error: Promise<unknown> }[] = [];
      for (const clerkId of clerks.sort()) {
        let names: string[];
        try {
          names = (await fs.readdir(join(calls, clerkId))).filter((n) => monthOfFileName(n) !== null).sort();
        } catch (error) {
          listed.unlisted.add(clerkId);
          outcomes.push({ root: join(calls, clerkId), error: Promise.resolve(error) });
          continue;
        }
        const paths = new Set<string>();
        listed.files.set(clerkId, paths);
        for (const name of names) {
          const path = join(calls, clerkId, name);
          seen.add(path);
          paths.add(path);
          const read = inTurn(() => this.readFile(folder, clerkId, monthOfFileName(name)!, path, catalog));
          outcomes.push({
            root: path,
            error: read.then(
              () => null,
              (error: unknown) => {
                this.cache.delete(path);
                return error;
              },
            ),
          });
        }
      }
      for (const { root, error } of outcomes) {
        const failed = await error;
        if (failed !== null) trouble(folder, root, failed);
      }
      await this.forgetUnlisted(folder, listed);
    }
    await this.forgetFoldersNotRead(folders);
    for (const path of this.cache.keys()) if (!seen.has(path)) this.cache.delete(path);
    this.troubles = troubles;
    this.rebuild();
    this.loaded = true;
  }

  /** Forgets what the index keeps of months before `oldestKept` (`YYYY-MM`): past retention, it holds nothing a month file no longer does. */
  async forgetBefore(oldestKept: string): Promise<void> {
    await this.index?.forgetBefore(oldestKept);
  }

  /** Forgets what the index keeps of folders the register does not read (any more): a team folder changed or switched off. */
  async forgetFoldersNotRead(folders = this.folders()): Promise<void> {
    await this.index?.forgetFoldersExcept(folders).catch((error: Error) => console.error(`[register] index not pruned: ${error.message}`));
  }

  private async forgetUnlisted(folder: RegisterFolder, listed: ListedFolder): Promise<void> {
    if (!this.index || folder.conflicts) return;
    await this.index.forgetUnlisted(listed).catch((error: Error) => console.error(`[register] index not pruned: ${error.message}`));
  }

  private async readFile(folder: RegisterFolder, clerkId: string, month: string, path: string, catalog: string): Promise<void> {
    // The head first: the clerk's app appends, then writes the head; read the other way round, a head newer than the file would look like lines cut off.
    const head = folder.kind === 'import' ? null : await readHead(path);
    // To the nanosecond, with the inode: the signature is trusted across openings (the index), not only within one.
    const stat = await fs.stat(path, { bigint: true });
    // A month file that is a folder, a pipe or a device is not read: a pipe would wait for ever.
    if (!stat.isFile()) throw stat.isDirectory() ? Object.assign(new Error(`${path} to folder`), { code: 'EISDIR' }) : new NotRegularFileError(path);
    // Larger than any month (junk, or an attack): named as unreadable, never read into memory.
    if (stat.size > BigInt(MONTH_FILE_MAX_BYTES)) throw Object.assign(new Error(`${path}: ${stat.size} B`), { code: 'EFBIG' });
    // The import's list of masked lines changes the chain's reading too: read only when it or the file changed.
    const listed = folder.kind === 'import' && !folder.conflicts;
    const maskedStat = listed ? await fs.stat(path + MASKED_SUFFIX, { bigint: true }).catch(() => null) : null;
    const signature = [stat.size, stat.mtimeNs, stat.ctimeNs, stat.ino, head?.lines, head?.lastHash, JSON.stringify(head?.evidence ?? null), maskedStat?.size, maskedStat?.mtimeNs, maskedStat?.ctimeNs].join(':');
    const cached = this.cache.get(path);
    const relative = monthFileRelative(clerkId, month);
    if (folder.conflicts) {
      if (cached?.signature !== signature) await this.readConflicts(folder, path, relative, signature);
      return;
    }
    const indexed = cached?.indexed ?? (await this.index?.load(folder.kind, folder.root, clerkId, path, month)) ?? null;
    const known = indexed?.catalog === catalog ? indexed : null;
    const size = Number(stat.size);
    // Unchanged: its rows as read, judged again with its end as it is now (a month that has just ended reads a torn line as broken).
    if (known?.signature === signature && Date.now() - known.hashedAt < REHASH_AFTER_MS) {
      this.cache.set(path, this.finishCopy(folder, clerkId, month, relative, signature, known, head, size));
      return;
    }
    // What was read, as the register holds it and as the index keeps it (only time is lost if it cannot be kept: the next opening reads the file again).
    const keep = async (copy: IndexedCopy, bytes: number) => {
      this.cache.set(path, this.finishCopy(folder, clerkId, month, relative, signature, copy, head, bytes));
      await this.index?.save(folder.kind, folder.root, clerkId, path, month, copy).catch((error: Error) => console.error(`[register] index not kept: ${error.message}`));
    };
    const fresh = (reading: MonthReading): IndexedCopy => ({ signature, catalog, head: head && { lines: head.lines, lastHash: head.lastHash }, hashedAt: Date.now(), ...reading });
    if (!known && this.readers) {
      // Nothing of it kept: read whole in a worker thread, beside the other files' readings.
      const read = await this.readers.read({ path, listed, catalogKey: catalog, of: { clerkId, month, relative, kind: folder.kind, head } }, this.catalog());
      if (read) return keep(fresh(read.reading), read.size);
    }
    // Read here, one file at a time whatever the workers do: a month file may be a gigabyte.
    await this.inProcess.run(async () => {
      const masked = listed ? await readMaskedLines(path, readRegularFile) : null;
      // Bytes, decoded a line at a time: a file of any size is read (as one string it would stop at about 512 MB).
      const whole = await readRegularFile(path);
      const end = readableEndOfBytes(whole);
      // The bytes read last time, hashed once: whether an unchanged file still holds them, or a grown one can be read on from them.
      const unchanged = known?.signature === signature && whole.length === size;
      const before = known && (unchanged || !listed) ? await bytesReadBefore(known, whole) : null;
      // Unchanged, and its bytes hashed again a day later: an edit with every time put back (where a system lets times be set) is seen by then.
      if (before && unchanged) return keep({ ...known!, hashedAt: Date.now() }, size);
      const goOn = before && !listed && goesOnFrom(known!, whole, end, head) ? known : null;
      const reading = await readMonthBytes(whole, end, { clerkId, month, relative, kind: folder.kind, head, masked }, this.catalog(), goOn && { ...goOn, prefix: before! }, turn);
      await keep(fresh(reading), whole.length);
    });
  }

  /** A copy of a month file as the register holds it: what was read of it, judged with its head and its end as they are now. */
  private finishCopy(folder: RegisterFolder, clerkId: string, month: string, relative: string, signature: string, copy: IndexedCopy, head: JournalHead | null, size: number): CachedFile {
    const scanner = new JournalScanner('', relative, { head, expectHead: folder.kind !== 'import', keepLines: false, resumeFrom: copy.scan });
    // A last line without its newline is being written right now (a clerk's app
    // appending to the team copy): it is read next time, not reported as broken —
    // unless it is longer than any record, or in a month nobody writes any more.
    if (size > copy.verifiedBytes && (size - copy.verifiedBytes > MAX_RECORD_CHARS || month < monthsBefore(new Date(), 1))) {
      scanner.report({ file: relative, line: scanner.lineCount + 1, kind: 'corrupt-line' });
    }
    const scan = scanner.finish();
    const clerkName = copy.rows.count > 0 ? copy.rows.clerkName(0) : null;
    return {
      folder: folder.kind,
      relative,
      signature,
      rows: copy.rows,
      maskedOnImport: copy.maskedOnImport,
      // Most months move no callback: they share one empty map, not one each.
      changes: copy.changes.length === 0 ? NO_CHANGES : new Map(copy.changes),
      shelf: 'calls',
      conflictIds: [],
      problems: byKind(scan.problems, scan.problemCount, { folder: folder.kind, clerkId, clerkName, month, file: relative }),
      problemCount: scan.problemCount,
      indexed: copy,
    };
  }

  /** An import's conflicts kept aside: only their ids, each flagging the call it conflicts with. */
  private async readConflicts(folder: RegisterFolder, path: string, relative: string, signature: string): Promise<void> {
    const whole = await readRegularFile(path);
    const conflictIds: string[] = [];
    for (let start = 0; start < whole.length; ) {
      let lineEnd = whole.indexOf(0x0a, start);
      if (lineEnd < 0) lineEnd = whole.length;
      const head = readLineHead(decodeLine(whole, start, lineEnd));
      if (head !== 'corrupt') conflictIds.push(head.id);
      start = lineEnd + 1;
    }
    this.cache.set(path, { folder: folder.kind, relative, signature, shelf: 'conflicts', rows: RowChunk.empty, maskedOnImport: [], changes: new Map(), conflictIds, problems: [], problemCount: 0, indexed: null });
  }

  private rebuild(): void {
    const problems: RegisterProblem[] = [];
    let problemTotal = 0;
    const keep = (p: RegisterProblem) => problems.length < PROBLEM_ENTRIES_KEPT && problems.push(p);
    const sources = new Map<string, string[]>();
    this.conflicts = new Map();
    this.flagged = new Map();
    this.maskedOnImport = new Set();
    // This computer's copy first, then the team folder's, then imports, each by path: which copy a call is shown from never depends on what was read first.
    const files = [...this.cache].sort(([pa, a], [pb, b]) => COPY_ORDER[a.folder] - COPY_ORDER[b.folder] || byText(pa, pb));
    const chunks: RowChunk[] = [];
    const chunkPaths: string[] = [];
    for (const [path, file] of files) {
      if (file.shelf === 'conflicts') continue;
      let paths = sources.get(file.relative);
      if (!paths) sources.set(file.relative, (paths = []));
      paths.push(path);
      chunks.push(file.rows);
      chunkPaths.push(path);
      for (const id of file.maskedOnImport) this.maskedOnImport.add(id);
    }
    const set = new RowSet(chunks);
    const ids = set.firstOfEachId((first, row) => {
      const a = set.chunk(first);
      const b = set.chunk(row);
      const i = set.local(first);
      const j = set.local(row);
      const id = a.id(i);
      if (a.sameDigest(i, b, j) || this.conflicts.has(id)) return;
      // Neither copy wins in silence: the one shown is flagged, and the lead is told which copies disagree.
      this.conflicts.set(id, b.copy(j));
      keep(conflict(a, i, b.copy(j), b.file(j)));
      problemTotal++;
    });
    for (const [, file] of files) {
      for (const p of file.problems) keep(p);
      problemTotal += file.problemCount;
      if (file.problems.length > 0) this.flagged.set(copyKey(file.folder, file.relative), file.problems);
    }
    // Once every call is known: what an import kept aside flags the call it conflicts with.
    for (const [, file] of files) {
      for (const id of file.conflictIds) {
        const row = ids.find(id);
        if (row >= 0 && !this.conflicts.has(id)) {
          this.conflicts.set(id, file.folder);
          keep(conflict(set.chunk(row), set.local(row), file.folder, file.relative));
          problemTotal++;
        }
      }
    }
    this.read = new RowsRead(set, chunkPaths, sources);
    this.ids = ids;
    this.calls = ids.rows;
    this.facetList = null;
    const who = (p: RegisterProblem) => p.clerkName ?? p.clerkId;
    this.problemList = problems.sort(
      (a, b) => who(a).localeCompare(who(b), 'pl') || a.month.localeCompare(b.month) || a.folder.localeCompare(b.folder) || (a.lines[0] ?? 0) - (b.lines[0] ?? 0) || byText(a.file, b.file) || byText(a.kind, b.kind),
    );
    this.problemTotal = problemTotal;
    this.keptAt = callbacksKeptRows(set, this.calls);
    // The same change read from two copies (this computer's and the team's) counts once.
    const changes = new Map<string, { callbackOf: string } & CallbackChangeFact>();
    for (const [, file] of files) {
      const clerkId = file.relative.split('/')[1];
      for (const [id, change] of file.changes) {
        if (changes.has(id)) continue;
        // Only the clerk who agreed a callback moves or calls it off: a change in another clerk's file naming it counts for nothing.
        const agreed = ids.find(change.callbackOf);
        if (agreed >= 0 && set.chunk(agreed).clerkId(set.local(agreed)) === clerkId) changes.set(id, change);
      }
    }
    this.callbackChanges = new Map();
    for (const change of [...changes.values()].sort((a, b) => a.at - b.at)) {
      const list = this.callbackChanges.get(change.callbackOf);
      if (list) list.push(change);
      else this.callbackChanges.set(change.callbackOf, [change]);
    }
    this.lastQuery = null;
  }

  /** The filtered calls in the asked order; the last filter and order are kept, so paging through them is cheap. */
  select(filter: RegisterFilter, sort: RegisterSort): Selection {
    return this.selection(filter, sort).selection;
  }

  summary(filter: RegisterFilter, sort: RegisterSort, now: number): RegisterSummary {
    const query = this.selection(filter, sort);
    query.summary ??= alignWithFacets(summarizeRows(this.read.set, query.selection.rows, this.keptAt, now, this.callbackChanges, (id) => this.ids.find(id)), this.facets());
    return query.summary;
  }

  /** What is wrong with the copy a row came from, or with the row itself; '' when nothing is. */
  integrityOf(row: Pick<RegisterRow, 'id' | 'copy' | 'file' | 'trust'>): string {
    const parts: string[] = [];
    const { problems, conflictWith, maskedOnImport } = this.integrityParts(row);
    if (problems[0]) parts.push(describeProblem(problems[0]));
    if (conflictWith) parts.push(`Konflikt: ${FOLDER_WORDS[conflictWith]} ta sama rozmowa ma inną treść`);
    if (maskedOnImport) parts.push('Notatka zamaskowana przy imporcie');
    if (row.trust === 'unknown-checklist') parts.push('Nieznana wersja listy kontrolnej — wynik pominięty w zestawieniu');
    if (row.trust === 'recomputed') parts.push('Punkty listy kontrolnej niezgodne z jej wersją — przeliczone według listy');
    return parts.join('; ');
  }

  /** What the register knows of a row's record, apart: its copy's problems (one entry per kind), another copy holding it with other content, a note the import masked. */
  integrityParts(row: Pick<RegisterRow, 'id' | 'copy' | 'file'>): { problems: readonly RegisterProblem[]; conflictWith: RegisterFolderKind | null; maskedOnImport: boolean } {
    return {
      problems: this.flagged.get(copyKey(row.copy, row.file)) ?? [],
      conflictWith: this.conflicts.get(row.id) ?? null,
      maskedOnImport: row.copy === 'import' && this.maskedOnImport.has(row.id),
    };
  }

  /**
   * A call of the register opened: its record read again from its line in
   * the copy its row was read from (a row is kept small, its ticks' times are
   * not in it) — null when the register has no such call, or its copy no
   * longer holds it as it was read (then refresh and ask again).
   */
  async openCall(id: string): Promise<RegisterCall | null> {
    const found = this.ids.find(id);
    if (found < 0) return null;
    const read = this.read;
    const text = await read.line(found);
    const record = text === null ? null : parseRecordLine(text);
    if (!record || !isCallRecord(record)) return null;
    const row = read.set.chunk(found).row(read.set.local(found), record.note);
    const { problems, conflictWith, maskedOnImport } = this.integrityParts(row);
    return {
      ...openedCall(row, record, verifyRecordedItems(record, this.catalog())),
      copy: row.copy,
      file: row.file,
      integrity: { problems: problems.map(problemView), conflictWith, maskedOnImport },
    };
  }

  /** The clerks, routed units and checklist items present, for the filter lists. */
  facets(): RegisterFacets {
    this.facetList ??= this.makeFacets();
    return this.facetList;
  }

  private makeFacets(): RegisterFacets {
    const clerks = new Map<string, string>();
    const units = new Map<string, string>();
    const items = new Map<string, string>();
    const lists = new Set<RegisterRow['items']>();
    // The last name met for an id wins, as a row at a time would have it; a run of rows with the same entry of one chunk's table is looked at once.
    let lastChunk: RowChunk | null = null;
    let lastClerk = -1;
    let lastList = -1;
    let lastUnit = -1;
    const { set } = this.read;
    for (const row of this.calls) {
      const chunk = set.chunk(row);
      const i = set.local(row);
      const clerk = chunk.columns.clerk[i]!;
      const list = chunk.columns.list[i]!;
      const unit = chunk.unitNumber(i);
      if (chunk !== lastChunk || clerk !== lastClerk) clerks.set(chunk.clerkId(i), chunk.clerkName(i));
      if (chunk !== lastChunk || list !== lastList) lists.add(chunk.items(i));
      if (unit >= 0 && (chunk !== lastChunk || unit !== lastUnit)) units.set(chunk.tables.units[unit]![0], chunk.tables.units[unit]![1]);
      lastChunk = chunk;
      lastClerk = clerk;
      lastList = list;
      lastUnit = unit;
    }
    for (const list of lists) list.ids.forEach((id, i) => items.has(id) || items.set(id, list.labels[i]!));
    // Two with one name: by id, as the database's lists are (never by which was met first).
    const byName = (a: { id: string; name: string }, b: { id: string; name: string }) => a.name.localeCompare(b.name, 'pl') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      clerks: [...clerks].map(([id, name]) => ({ id, name })).sort(byName),
      units: [...units].map(([id, name]) => ({ id, name })).sort(byName),
      items: [...items].map(([id, label]) => ({ id, label })),
    };
  }

  private selection(filter: RegisterFilter, sort: RegisterSort) {
    const key = JSON.stringify([filter, sort]);
    if (this.lastQuery?.key !== key) {
      const { set } = this.read;
      this.lastQuery = { key, selection: { read: this.read, rows: set.sort(set.filter(this.calls, filter), sort) }, summary: null };
    }
    return this.lastQuery;
  }
}

/**
 * Whether a file read before, whose bytes read then are still the same
 * (bytesReadBefore), can be read on from where that reading stopped: it only
 * grew, it was stopped at a line's end, and the head says nothing about those
 * lines that the reading then did not hear. Anything else — a file cut,
 * replaced, a head moved back — is read whole again.
 */
function goesOnFrom(known: IndexedCopy, whole: Buffer, end: number, head: JournalHead | null): boolean {
  const stop = known.verifiedBytes;
  if (end < stop || (stop > 0 && whole[stop - 1] !== 0x0a)) return false;
  // A head's find in those lines was made against that head: read them again with this one.
  if (known.scan.problems.some((p) => p.kind === 'head-changed')) return false;
  const sameHead = head !== null && known.head !== null && head.lines === known.head.lines && head.lastHash === known.head.lastHash;
  return head === null || sameHead || head.lines > known.scan.lines;
}

/** The hash of the bytes a copy's index was made of, to go on with over new ones — or null when the file no longer starts with them. */
async function bytesReadBefore(known: IndexedCopy, whole: Buffer): Promise<Hash | null> {
  if (known.verifiedBytes > whole.length) return null;
  const hash = await hashInTurns(createHash('sha256'), whole.subarray(0, known.verifiedBytes), turn);
  return hash.copy().digest('hex') === known.prefixDigest ? hash : null;
}

/** Runs what it is given at most `n` at a time, in the order given. */
function limited(n: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (work) => {
    if (running < n) running++;
    else await new Promise<void>((resolve) => queue.push(resolve)); // a finished one hands its place over
    try {
      return await work();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/** A problem as the API carries it (shared/register-api.ts). */
export function problemView({ folder, clerkName, clerkId, month, file, kind, lines, moreLines, fileCount, other }: RegisterProblem) {
  return { folder, clerkName: clerkName ?? clerkId, month, file, kind, lines, moreLines, fileCount, ...(other ? { other } : {}) };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function copyKey(folder: RegisterFolderKind, relative: string): string {
  return `${folder}:${relative}`;
}

type Place = Pick<RegisterProblem, 'folder' | 'clerkId' | 'clerkName' | 'month' | 'file'>;

/** A file's kept problems as one entry per kind, in the order first met; the file's total goes with each. */
function byKind(problems: readonly JournalProblem[], fileCount: number, place: Place): RegisterProblem[] {
  const entries = new Map<RegisterProblemKind, RegisterProblem>();
  for (const p of problems) {
    let entry = entries.get(p.kind);
    if (!entry) entries.set(p.kind, (entry = { ...place, kind: p.kind, lines: [], moreLines: 0, fileCount }));
    if (entry.lines.length < PROBLEM_LINES_SHOWN) entry.lines.push(p.line);
    else entry.moreLines++;
  }
  return [...entries.values()];
}

function conflict(chunk: RowChunk, i: number, other: RegisterFolderKind, file: string): RegisterProblem {
  return { folder: chunk.copy(i), clerkId: chunk.clerkId(i), clerkName: chunk.clerkName(i), month: file.slice(-13, -6), file, kind: 'conflict', lines: [], moreLines: 0, fileCount: 0, other };
}

const PROBLEM_WORDS: Record<RegisterProblemKind, string> = {
  'broken-chain': 'przerwany łańcuch zapisów (wiersz zmieniony, usunięty lub przestawiony)',
  'corrupt-line': 'nieczytelny wiersz',
  'unknown-version': 'wiersz w nieznanej wersji zapisu',
  'head-changed': 'zmieniony ostatni zapis miesiąca',
  'lines-removed': 'usunięte najnowsze zapisy miesiąca',
  unreadable: 'plik nieczytelny',
  'wrong-clerk': 'rozmowa innego pracownika w tym folderze',
  'head-missing': 'brak nagłówka miesiąca (usunięty albo nieczytelny)',
  conflict: 'ta sama rozmowa w dwóch kopiach z różną treścią',
};

const FOLDER_WORDS: Record<RegisterFolderKind, string> = {
  local: 'na tym komputerze',
  team: 'w folderze zespołu',
  import: 'w zaimportowanych',
  database: 'w bazie zespołu',
};

export function describeProblem(p: RegisterProblem): string {
  const more = p.fileCount > 1 ? ` (problemów w tym pliku: ${p.fileCount})` : '';
  return `Naruszona integralność: ${p.clerkName ?? p.clerkId}, ${p.month} — ${PROBLEM_WORDS[p.kind]}, wiersz ${p.lines[0] ?? 1} ${p.folder === 'database' ? 'łańcucha' : 'pliku'} ${p.file} (${FOLDER_WORDS[p.folder]})${more}`;
}
