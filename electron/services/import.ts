import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { JournalRecordSchema, type JournalRecord } from '../../shared/journal-record';
import { monthOf } from './journal';
import { readLineHead } from './journal-format';

/**
 * Importing JSON Lines exported by clerks, for a team lead without a shared
 * folder. Each record is filed, line as exported, under
 * `imports/calls/<clerk>/<YYYY-MM>.jsonl` — the journal's own layout — so the
 * register reads it like any other folder and checks its chain. An export of
 * a clerk's whole month (its calls with the day's readiness checks, as the
 * export writes them) verifies; a filtered or edited one is reported as not
 * whole.
 *
 * A record already known (a call in the register, or any record already
 * filed) is a duplicate and not filed again. A line that is not a record of
 * this app is reported with its line number and nothing of it is kept.
 */
export interface ImportResult {
  imported: number;
  duplicates: number;
  /** Lines that are not call records of this app: their numbers, the first few. */
  rejected: { line: number; reason: 'not-json' | 'not-a-call-record' }[];
  rejectedCount: number;
}

const REJECTED_SHOWN = 20;

export async function importJsonl(file: string, importsRoot: string, known: (id: string) => boolean): Promise<ImportResult> {
  const byFile = new Map<string, { id: string; savedAt: string; line: string; isCall: boolean }[]>();
  const seen = new Set<string>();
  const result: ImportResult = { imported: 0, duplicates: 0, rejected: [], rejectedCount: 0 };
  const reject = (line: number, reason: ImportResult['rejected'][number]['reason']) => {
    result.rejectedCount++;
    if (result.rejected.length < REJECTED_SHOWN) result.rejected.push({ line, reason });
  };

  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const raw of lines) {
    lineNo++;
    const read = readImportLine(raw, lineNo);
    if (read === null) continue;
    if ('rejected' in read) {
      reject(lineNo, read.rejected);
      continue;
    }
    const { record, line } = read;
    if (seen.has(record.id) || (record.type === 'call' && known(record.id))) {
      if (record.type === 'call') result.duplicates++;
      continue;
    }
    seen.add(record.id);
    const target = join(importsRoot, 'calls', record.clerk.id, `${monthOf(new Date(record.savedAt))}.jsonl`);
    let group = byFile.get(target);
    if (!group) byFile.set(target, (group = []));
    group.push({ id: record.id, savedAt: record.savedAt, line, isCall: record.type === 'call' });
  }

  for (const [target, all] of byFile) {
    // Records filed by an earlier import (the day's checks of a month imported twice) are not filed again.
    const filed = await idsIn(target);
    const group = all.filter((g) => {
      if (!filed.has(g.id)) return true;
      if (g.isCall) result.duplicates++;
      return false;
    });
    if (group.length === 0) continue;
    group.sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0));
    await fs.mkdir(join(target, '..'), { recursive: true });
    const handle = await fs.open(target, 'a', 0o600);
    try {
      await handle.appendFile(group.map((g) => g.line + '\n').join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    result.imported += group.filter((g) => g.isCall).length;
  }
  return result;
}

/** One line of an export: a record with the line to file, why it is refused, or null for a blank line. Never throws. */
export function readImportLine(raw: string, lineNo: number): { record: JournalRecord; line: string } | { rejected: ImportResult['rejected'][number]['reason'] } | null {
  const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
  if (line.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { rejected: 'not-json' };
  }
  const parsed = JournalRecordSchema.safeParse(json);
  return parsed.success ? { record: parsed.data, line } : { rejected: 'not-a-call-record' };
}

async function idsIn(file: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ids;
    throw error;
  }
  for (const line of text.split('\n')) {
    const head = line ? readLineHead(line) : 'corrupt';
    if (head !== 'corrupt') ids.add(head.id);
  }
  return ids;
}
