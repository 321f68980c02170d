import type { z } from 'zod';
import { maskIdentifiers } from '../../shared/masking/masking';
import { missedItems, type RegisterFilter, type RegisterRow, type RegisterSort } from '../../shared/register/register';
import { UNREADABLE_SHOWN, type RegisterCall, type RegisterPageSchema, type RegisterProblemsPageSchema, type RegisterRowView } from '../../shared/register/register-api';
import type { OutgoingFile } from './file-exchange';
import { problemView, type Register } from './register';
import { withNoteLost } from './rows-read';
import { exportFile, type ExportFormat } from './register-export';

/**
 * What the register's handlers ask of the register, wherever its calls are:
 * the folders this computer reads (`Register`, through `FolderRegisterReader`
 * here) or the team database (`postgres/pg-register.ts`), which keeps them
 * all on its side and answers each question in SQL.
 */
export type RegisterPage = z.infer<typeof RegisterPageSchema>;
export type RegisterProblemsPage = z.infer<typeof RegisterProblemsPageSchema>;

export interface RegisterQuestion {
  filter: RegisterFilter;
  sort: RegisterSort;
  offset: number;
  limit: number;
  /** Read what changed first (opening the view, "Odśwież"). */
  refresh: boolean;
  withSummary: boolean;
}

export interface RegisterReader {
  page(question: RegisterQuestion, now: number): Promise<RegisterPage>;
  problems(offset: number, limit: number): Promise<RegisterProblemsPage>;
  /** One call opened; null when the register (read afresh) has no such call. */
  openCall(id: string): Promise<RegisterCall | null>;
  /** The filtered calls as a file to write, and how many there are. */
  exportFile(filter: RegisterFilter, sort: RegisterSort, format: ExportFormat, now: Date): Promise<{ file: OutgoingFile; rows: number }>;
}

/** The register of the folders this computer reads: every row in memory, kept between openings by its index. */
export class FolderRegisterReader implements RegisterReader {
  constructor(private readonly register: Register) {}

  async page({ filter, sort, offset, limit, refresh, withSummary }: RegisterQuestion, now: number): Promise<RegisterPage> {
    let register = await this.register.ensureLoaded(refresh);
    let selection = register.select(filter, sort);
    let shown = await selection.read.rows(selection.rows.subarray(offset, offset + limit));
    // A line changed since it was read (a clerk's app appended and a hand edited, a file replaced): read the folders again, once.
    if (shown.lost.size > 0) {
      register = await this.register.ensureLoaded(true);
      selection = register.select(filter, sort);
      shown = await selection.read.rows(selection.rows.subarray(offset, offset + limit));
    }
    return {
      total: selection.rows.length,
      offset,
      // Still not the line it was (changed again meanwhile): the row says so, never a blank note in silence.
      rows: shown.rows.map((row, k) => rowView(row, withNoteLost(register.integrityOf(row), shown.lost.has(k)))),
      summary: withSummary ? register.summary(filter, sort, now) : null,
      facets: register.facets(),
      problemCount: register.problemCount,
      unreadable: register.folderTroubles.slice(0, UNREADABLE_SHOWN).map(({ folder, root, message }) => ({ folder, path: root, code: message })),
      unreadableCount: register.folderTroubles.length,
    };
  }

  async problems(offset: number, limit: number): Promise<RegisterProblemsPage> {
    const register = await this.register.ensureLoaded();
    const listed = register.problems;
    return { listed: listed.length, count: register.problemCount, offset, problems: listed.slice(offset, offset + limit).map(problemView) };
  }

  async openCall(id: string): Promise<RegisterCall | null> {
    const register = await this.register.ensureLoaded();
    // Not found as it was read: its copy changed since (a clerk's app appended, a hand edited it) — read the folders again, then once more.
    return (await register.openCall(id)) ?? (await (await this.register.ensureLoaded(true)).openCall(id));
  }

  async exportFile(filter: RegisterFilter, sort: RegisterSort, format: ExportFormat, now: Date): Promise<{ file: OutgoingFile; rows: number }> {
    const register = await this.register.ensureLoaded();
    const selection = register.select(filter, sort);
    return { file: exportFile(register, selection, format, now), rows: selection.rows.length };
  }
}

/** A row as the table shows it. */
export function rowView(row: RegisterRow, integrity: string): RegisterRowView {
  return {
    id: row.id,
    clerkName: row.clerkName,
    startedAt: new Date(row.startedAt).toISOString(),
    direction: row.direction,
    durationSec: row.durationSec,
    outcome: row.outcome,
    // Masked when the row was made (shared/register/register.ts), as the charts and filter lists show it.
    routedTo: row.routedTo?.unitName ?? null,
    missed: missedItems(row),
    score: row.score,
    note: maskIdentifiers(row.note).text,
    integrity,
  };
}
