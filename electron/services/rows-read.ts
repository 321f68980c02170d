import type { RegisterRow } from '../../shared/register/register';
import type { RowChunk } from '../../shared/register/row-chunk';
import type { RowSet } from '../../shared/register/row-set';
import { sha256 } from './journal-format';
import { readLinesAt } from './lines-at';

/**
 * What one reading of the folders made: its rows, the month file each chunk
 * of them was read from, and where each month is kept. Never changed once
 * made — a refresh makes another — so a selection made of it (a page, an
 * export still being written when the lead presses "Odśwież") goes on
 * meaning the same rows whatever the register reads meanwhile.
 */
export class RowsRead {
  constructor(
    readonly set: RowSet,
    /** The month file each chunk of `set` was read from. */
    private readonly paths: readonly string[],
    /** Every copy of each month file (`calls/<clerk>/<month>.jsonl`), this computer's first. */
    private readonly sources: ReadonlyMap<string, readonly string[]>,
  ) {}

  static readonly none = (set: RowSet) => new RowsRead(set, [], new Map());

  /**
   * The rows as the table and the exports show them, each with its note,
   * read from its line in its month file. `lost`: the rows (by place in
   * `rows`) whose line is no longer what it was when they were read (the
   * file was changed since) — each comes with no note.
   */
  async rows(rows: ArrayLike<number>): Promise<{ rows: RegisterRow[]; lost: ReadonlySet<number> }> {
    const byChunk = new Map<number, number[]>();
    for (let k = 0; k < rows.length; k++) {
      const c = this.set.chunkNumber(rows[k]!);
      let list = byChunk.get(c);
      if (!list) byChunk.set(c, (list = []));
      list.push(k);
    }
    const made: RegisterRow[] = new Array(rows.length);
    const lost = new Set<number>();
    await Promise.all(
      [...byChunk].map(async ([c, ks]) => {
        const chunk = this.set.chunks[c]!;
        const places = ks.map((k) => chunk.linePlace(this.set.local(rows[k]!)));
        const texts = await readLinesAt(this.paths[c]!, places).catch(() => places.map(() => null));
        ks.forEach((k, m) => {
          const i = this.set.local(rows[k]!);
          const note = noteOf(chunk, i, texts[m] ?? null);
          if (note === null) lost.add(k);
          made[k] = chunk.row(i, note ?? '');
        });
      }),
    );
    return { rows: made, lost };
  }

  /** A row's line as it is now in its month file, or null when it is no longer the line the row was made of. */
  async line(row: number): Promise<string | null> {
    const c = this.set.chunkNumber(row);
    const chunk = this.set.chunks[c]!;
    const i = this.set.local(row);
    const [text] = await readLinesAt(this.paths[c]!, [chunk.linePlace(i)]).catch(() => [null]);
    return text !== null && text !== undefined && chunk.tagMatches(i, sha256(text)) ? text : null;
  }

  /** The checklist lists of rows, one per row (what the export's item columns are chosen from). */
  lists(rows: Uint32Array): Iterable<RegisterRow['items']> {
    return this.set.lists(rows);
  }

  /** A row's id, month file and its line's hash (the first bytes kept): what the JSON Lines export picks lines by. */
  place(row: number): { id: string; file: string; chunk: RowChunk; index: number } {
    const chunk = this.set.chunk(row);
    const index = this.set.local(row);
    return { id: chunk.id(index), file: chunk.file(index), chunk, index };
  }

  /** The files a month's records may be stored in (the clerk's copy and the team copy). */
  sourcesOf(file: string): readonly string[] {
    return this.sources.get(file) ?? [];
  }
}

/** Said of a row whose line changed after the register read it: its note is not shown. */
export const NOTE_LOST = 'Notatka niedostępna — plik zmieniony po odczycie rejestru';

/** A row's integrity text, with NOTE_LOST added when its note could not be read. */
export function withNoteLost(integrity: string, lost: boolean): string {
  return lost ? [integrity, NOTE_LOST].filter(Boolean).join('; ') : integrity;
}

/**
 * A row's note from its line as read now — null when the line is no longer
 * the one the row was made of (its hash is not the one kept). The line was
 * verified and validated when the row was made: the same bytes parse the same.
 */
function noteOf(chunk: RowChunk, i: number, text: string | null): string | null {
  if (text === null || !chunk.tagMatches(i, sha256(text))) return null;
  try {
    const note = (JSON.parse(text) as { note?: unknown }).note;
    return typeof note === 'string' ? note : null;
  } catch {
    return null;
  }
}
