import { promises as fs } from 'node:fs';
import { HEAD_PROBLEM_KINDS, sha256, writeFully, type HeadEvidence, type JournalHead } from './journal-format';
import { openRegularFile } from './regular-file';

/**
 * A month's head, kept beside its file (`<YYYY-MM>.jsonl.head`): the line
 * count and the last line's hash after every append. A hash chain cannot see
 * its own newest lines edited or cut off; checked against the head, it can.
 *
 * Written in place, in one of two fixed slots taken in turn, each with its
 * own checksum — a pwrite on a file kept open, not a new file and a rename
 * per save (which cost a save three times the work of the append itself). A
 * write torn by a power cut spoils only its own slot; the other still holds
 * the head before it. Not flushed to disk: after a power cut the head may be
 * a line or a few behind, which only narrows what it covers. It is never
 * ahead of its file: it is written after the line is safe.
 */
const SLOT = 128;

export function headPathOf(monthFile: string): string {
  return `${monthFile}.head`;
}

function checksum(lines: number, lastHash: string): string {
  return sha256(`${lines}:${lastHash}`).slice(0, 16);
}

/** One slot's bytes: the head as JSON with its checksum, padded to the slot. */
export function encodeHeadSlot(head: JournalHead): Buffer {
  const text = JSON.stringify({ lines: head.lines, lastHash: head.lastHash, check: checksum(head.lines, head.lastHash) });
  return Buffer.from(text.padEnd(SLOT - 1, ' ') + '\n', 'utf8');
}

function decodeSlot(bytes: Buffer): JournalHead | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as { lines?: unknown; lastHash?: unknown; check?: unknown };
    const { lines, lastHash, check } = value;
    if (typeof lines !== 'number' || !Number.isInteger(lines) || lines < 0 || typeof lastHash !== 'string' || !/^[0-9a-f]{64}$/.test(lastHash)) return null;
    return check === checksum(lines, lastHash) ? { lines, lastHash } : null;
  } catch {
    return null;
  }
}

/** The third slot: what was once found wrong with the month (see JournalHead.evidence). */
function encodeEvidence(evidence: HeadEvidence): Buffer {
  const text = JSON.stringify({ ...evidence, check: sha256(`${evidence.kind}:${evidence.line}`).slice(0, 16) });
  return Buffer.from(text.padEnd(SLOT - 1, ' ') + '\n', 'utf8');
}

function decodeEvidence(bytes: Buffer): HeadEvidence | undefined {
  try {
    const { kind, line, check } = JSON.parse(bytes.toString('utf8')) as { kind?: unknown; line?: unknown; check?: unknown };
    if (!HEAD_PROBLEM_KINDS.includes(kind as HeadEvidence['kind']) || typeof line !== 'number' || !Number.isInteger(line) || line < 1) return undefined;
    return check === sha256(`${kind as string}:${line}`).slice(0, 16) ? { kind: kind as HeadEvidence['kind'], line } : undefined;
  } catch {
    return undefined;
  }
}

/** The head as stored: the newer of its two whole slots, with any evidence; null when there is none (written after the first append) or neither slot is whole. */
export async function readHead(monthFile: string): Promise<JournalHead | null> {
  let bytes: Buffer;
  try {
    // Its four slots only, whatever else the file was made to hold.
    const handle = await openRegularFile(headPathOf(monthFile));
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4 * SLOT), 0, 4 * SLOT, 0);
      bytes = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  const slots = [decodeSlot(bytes.subarray(0, SLOT)), decodeSlot(bytes.subarray(SLOT, 2 * SLOT))].filter((h): h is JournalHead => h !== null);
  const newest = slots.sort((a, b) => b.lines - a.lines)[0];
  if (!newest) return null;
  const evidence = [decodeEvidence(bytes.subarray(2 * SLOT, 3 * SLOT)), decodeEvidence(bytes.subarray(3 * SLOT, 4 * SLOT))].filter((e): e is HeadEvidence => e !== undefined);
  return evidence.length > 0 ? { ...newest, evidence } : newest;
}

/** Keeps a month's head file open and writes the head after each append. */
export class HeadWriter {
  private constructor(private readonly handle: fs.FileHandle) {}

  static async open(monthFile: string): Promise<HeadWriter> {
    return new HeadWriter(await openRegularFile(headPathOf(monthFile), 'write'));
  }

  /**
   * Both slots at once, when a month is opened, so a head left from before a
   * change of the file cannot outlive it — with the evidence of that change,
   * which stays.
   */
  async reset(head: JournalHead): Promise<void> {
    const slot = encodeHeadSlot(head);
    // The first finding and the latest, each in a slot of its own.
    const evidence = head.evidence ?? [];
    const kept = evidence.length > 1 ? [evidence[0]!, evidence.at(-1)!] : evidence;
    await writeFully(this.handle, Buffer.concat([slot, slot, ...kept.map(encodeEvidence)]), 0);
  }

  /** The slot is chosen by the line count, so two heads in a row never share one. */
  async write(head: JournalHead): Promise<void> {
    await writeFully(this.handle, encodeHeadSlot(head), (head.lines % 2) * SLOT);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
