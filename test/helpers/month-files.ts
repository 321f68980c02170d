import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from '../../electron/services/journal-format';
import { encodeHeadSlot, headPathOf } from '../../electron/services/journal-head';

/** Writes a month file as the journal leaves it: the lines, and the head beside it (as a clerk's app writes its team copy). */
export function writeMonthWithHead(path: string, lines: string[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.map((l) => l + '\n').join(''));
  const slot = encodeHeadSlot({ lines: lines.length, lastHash: sha256(lines.at(-1)!) });
  writeFileSync(headPathOf(path), Buffer.concat([slot, slot]));
}
