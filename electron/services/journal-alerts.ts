import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { JournalAlertSchema, type JournalAlert } from '../../shared/journal/journal-alerts';
import { readIfExists, writeFileAtomic } from './atomic-file';
import { SerialQueue } from './serial-queue';
import type { CallJournal, JournalTrouble } from './journal';
import type { JournalProblem } from '../../shared/contract/api';

/**
 * What went wrong in the clerk's own journal and its team copy — a broken
 * chain, a torn line set aside, newest lines changed or cut off — told at
 * start and kept on screen until the clerk acknowledges it, across restarts
 * (`journal-alerts.json`). A problem already acknowledged is not raised
 * again when the same file is read anew.
 *
 * Each month file is verified at start only if it changed since it was last
 * verified (its size and time are remembered), so a start stays quick.
 */
const ALERTS_FILE = 'journal-alerts.json';
/** Alerts kept at once; a flood of them (a folder of junk) is counted, not listed. */
const MAX_ALERTS = 100;
/** Finds one alert stands for, each acknowledged with it (a file's problems are kept to a few dozen anyway). */
const MAX_FINDS = 200;
/** Acknowledged problems remembered, so a re-read file does not raise them again. */
const MAX_ACKNOWLEDGED = 2_000;

const StoredSchema = z.object({
  alerts: z.array(JournalAlertSchema).max(MAX_ALERTS),
  /** Alerts that did not fit. */
  dropped: z.number().int().min(0),
  acknowledged: z.array(z.string().max(450)).max(MAX_ACKNOWLEDGED),
  /** Month files verified, by path: their size and time then. */
  verified: z.record(z.string(), z.string()),
});
type Stored = z.infer<typeof StoredSchema>;

export class JournalAlerts {
  /** Writes one at a time, each of the state as it is then: a raise fired in passing cannot land after a later acknowledgement. */
  private readonly writes = new SerialQueue();

  private constructor(
    private readonly file: string,
    private state: Stored,
    private readonly beforeWrite: () => Promise<void>,
  ) {}

  static async open(dataDir: string, beforeWrite: () => Promise<void> = async () => undefined): Promise<JournalAlerts> {
    const file = join(dataDir, ALERTS_FILE);
    let state: Stored = { alerts: [], dropped: 0, acknowledged: [], verified: {} };
    try {
      const parsed = StoredSchema.safeParse(JSON.parse((await readIfExists(file)) ?? 'null'));
      // An unreadable alerts file only costs a fresh check of every month file.
      if (parsed.success) state = parsed.data;
    } catch {
      // same
    }
    return new JournalAlerts(file, state, beforeWrite);
  }

  /** Unacknowledged alerts, oldest first, and how many more did not fit. */
  list(): { alerts: JournalAlert[]; more: number } {
    return { alerts: [...this.state.alerts], more: this.state.dropped };
  }

  /** Verifies the clerk's month files that changed since last time; raises what is wrong in them. */
  async checkJournal(journal: CallJournal, clerkId: string): Promise<void> {
    let changed = false;
    for (const month of await journal.months(clerkId)) {
      const path = journal.filePath(clerkId, month);
      const stat = await fs.stat(path).catch(() => null);
      const head = await fs.stat(`${path}.head`).catch(() => null);
      if (!stat) continue;
      // The change time too: a file edited and given back its old modification time is read again.
      const signature = `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${head?.mtimeMs ?? '-'}:${head?.ctimeMs ?? '-'}`;
      if (this.state.verified[path] === signature) continue;
      let kept: boolean;
      try {
        const scan = await journal.scanMonth(clerkId, month);
        kept = this.raiseProblems('local', scan.problems, scan.problemCount);
      } catch (error) {
        if (!(error as NodeJS.ErrnoException).code) throw error;
        kept = this.raiseProblems('local', [{ file: journal.relativePath(clerkId, month), line: 1, kind: 'unreadable' }], 1);
      }
      // A file whose alerts did not all fit is not counted as verified: once the clerk has read these, it is read again.
      if (kept) this.state.verified[path] = signature;
      changed = true;
    }
    if (changed) await this.persist();
  }

  /** What the journal met while opening a file (a torn line set aside, a head that does not match). */
  async raise(copy: JournalAlert['copy'], trouble: JournalTrouble): Promise<void> {
    if (trouble.kind === 'quarantined') {
      void this.push({ id: `${copy}|${trouble.file}|quarantined|${Date.now()}`, copy, file: trouble.file, kind: 'quarantined', line: null, count: 1, foundAt: new Date().toISOString() });
    } else this.raiseProblems(copy, trouble.problems, trouble.total);
    await this.persist();
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    const named = new Set(ids);
    const gone = this.state.alerts.filter((a) => named.has(a.id));
    if (gone.length === 0) return;
    this.state.alerts = this.state.alerts.filter((a) => !named.has(a.id));
    this.state.acknowledged = [...this.state.acknowledged, ...gone.flatMap((a) => a.finds ?? [acknowledgedKey(a)])].slice(-MAX_ACKNOWLEDGED);
    if (this.state.alerts.length === 0) this.state.dropped = 0;
    await this.persist();
  }

  /** One alert per file and kind: its first line, and how many such problems it has. Whether every one was kept. */
  private raiseProblems(copy: JournalAlert['copy'], problems: readonly JournalProblem[], total: number): boolean {
    const byKind = new Map<string, { problem: JournalProblem; count: number; finds: string[] }>();
    // What the clerk acknowledged already does not stand for a new find of the same kind in the file.
    for (const problem of problems.filter((p) => !this.wasAcknowledged(alertOf(copy, p, 1)))) {
      const key = `${problem.file}|${problem.kind}`;
      const find = acknowledgedKey(alertOf(copy, problem, 1));
      const seen = byKind.get(key);
      if (seen) {
        seen.count++;
        if (seen.finds.length < MAX_FINDS) seen.finds.push(find);
      } else byKind.set(key, { problem, count: 1, finds: [find] });
    }
    // Problems only counted (beyond the first few of a file) go with the first kind met.
    const first = byKind.values().next().value;
    if (first) first.count += total - problems.length;
    let all = true;
    for (const { problem, count, finds } of byKind.values()) all = this.push({ ...alertOf(copy, problem, count), ...(finds.length > 1 ? { finds } : {}) }) && all;
    return all;
  }

  /** Whether the alert is held (or was acknowledged already); false when there was no room for it. */
  private push(alert: JournalAlert): boolean {
    if (this.wasAcknowledged(alert)) return true;
    const existing = this.state.alerts.findIndex((a) => a.id === alert.id);
    if (existing >= 0) this.state.alerts[existing] = { ...alert, foundAt: this.state.alerts[existing]!.foundAt };
    else if (this.state.alerts.length < MAX_ALERTS) this.state.alerts.push(alert);
    else {
      this.state.dropped++;
      return false;
    }
    return true;
  }

  /**
   * A find with a trace is acknowledged only as that find (the same line
   * edited again is said again); one without (what a head remembers: only
   * the kind and the line) by any acknowledged find at that place.
   */
  private wasAcknowledged(alert: JournalAlert): boolean {
    if (alert.trace) return this.state.acknowledged.includes(acknowledgedKey(alert));
    return this.state.acknowledged.some((key) => key === alert.id || key.startsWith(`${alert.id}#`));
  }

  /** Resolves once every write asked for so far is done. */
  settled(): Promise<void> {
    return this.writes.run(async () => undefined);
  }

  private persist(): Promise<void> {
    return this.writes.run(async () => {
      try {
        await this.beforeWrite();
        await writeFileAtomic(this.file, JSON.stringify(this.state));
      } catch (error) {
        // The alerts stay on screen for this session; they are found again at the next start.
        console.error(`[alerts] not kept: ${(error as Error).message}`);
      }
    });
  }
}

function acknowledgedKey(alert: JournalAlert): string {
  return alert.trace ? `${alert.id}#${alert.trace}` : alert.id;
}

function alertOf(copy: JournalAlert['copy'], problem: JournalProblem, count: number): JournalAlert {
  return {
    id: `${copy}|${problem.file}|${problem.kind}|${problem.line}`,
    copy,
    file: problem.file,
    kind: problem.kind,
    line: problem.line,
    count,
    foundAt: new Date().toISOString(),
    ...(problem.trace ? { trace: problem.trace } : {}),
  };
}
