import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../electron/services/journal';
import { genesisHash, headKeyAgain, headOfValue, MAX_RECORD_CHARS, parseCanonical, parseJournalLines, PROBLEMS_KEPT_PER_FILE, readableEnd, readLineHead, scanJournalText, serializeRecord, sha256 } from '../../electron/services/journal-format';
import type { JournalProblem } from '../../shared/contract/api';
import { JournalRecordSchema, type JournalRecord, type UnchainedRecord } from '../../shared/journal/journal-record';
import { CLERK_ID, sampleRecord } from '../helpers/records';
import { anyBytes, anyText, applyJsonMutation, fuzzRuns, garbage, headLikeLine, jsonMutation, mutatedText, type Json } from './arbitraries';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('journal');

/**
 * A month file of the journal, as a crash, a sync tool or a hand in an editor
 * may leave it: reading never throws, every line is either a record or a
 * problem named by its line number, and a file nobody touched reads whole.
 */
const FILE = `calls/${CLERK_ID}/2026-01.jsonl`;
const GENESIS = genesisHash(CLERK_ID, '2026-01');
const T0 = Date.UTC(2026, 0, 12, 8, 0, 0);

function shiftRecord(savedAt: Date): UnchainedRecord {
  const call = sampleRecord(savedAt);
  return {
    schemaVersion: 1,
    type: 'shift',
    id: call.id,
    savedAt: call.savedAt,
    clerk: call.clerk,
    checklist: { id: 'shift', version: 1 },
    skipped: false,
    items: [{ id: 'badge-worn', label: 'Identyfikator noszony w widocznym miejscu', done: true }],
  };
}

/** A valid month: calls (and a readiness check) chained as the journal writes them. */
const monthOfRecords: fc.Arbitrary<{ records: JournalRecord[]; lines: string[] }> = fc
  .array(fc.record({ minutes: fc.integer({ min: 1, max: 600 }), note: fc.nat({ max: 300 }), shift: fc.boolean() }), { minLength: 1, maxLength: 6 })
  .map((specs) => {
    let at = T0;
    let prevHash = GENESIS;
    const records: JournalRecord[] = [];
    const lines: string[] = [];
    for (const { minutes, note, shift } of specs) {
      at += minutes * 60_000;
      const unchained = shift ? shiftRecord(new Date(at)) : sampleRecord(new Date(at), note);
      const record = JournalRecordSchema.parse({ ...unchained, prevHash });
      const line = serializeRecord(record);
      records.push(record);
      lines.push(line);
      prevHash = sha256(line);
    }
    return { records, lines };
  });

/** Months to break, built once: building and validating them anew for each of thousands of cases would cost more than the reading under test. */
const validMonth = fc.constantFrom(...fc.sample(monthOfRecords, { numRuns: 60, seed: 11 }));

const fileOf = (lines: string[]) => lines.map((l) => l + '\n').join('');

/** Every problem kept, for the accounting below; the bound on what a reader keeps is a property of its own. */
function read(text: string) {
  const scan = scanJournalText(text, GENESIS, FILE, null, Number.POSITIVE_INFINITY);
  const parsed = parseJournalLines(scan.lines, FILE);
  return { scan, records: parsed.records, problems: [...scan.problems, ...parsed.problems].sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind)) };
}

/**
 * Every line accounted for once: a record, or a problem with its number;
 * broken chains only on lines otherwise read. (node:assert in the hot path:
 * it costs a fraction of expect's time, and thousands of cases run.)
 */
function expectEveryLineAccounted(text: string): ReturnType<typeof read> {
  const result = read(text);
  const { scan } = result;
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  const unread = scan.problems.filter((p) => p.kind !== 'broken-chain');
  const parsedBad = result.problems.filter((p) => !scan.problems.includes(p));
  for (const p of result.problems) {
    assert.equal(p.file, FILE);
    assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= raw.length, `line ${p.line} of ${raw.length}`);
  }
  const readLines = scan.lines.map((l) => l.line);
  assert.deepEqual([...unread.map((p) => p.line), ...readLines].sort((a, b) => a - b), raw.map((_, i) => i + 1));
  for (const l of scan.lines) {
    assert.equal(l.text, raw[l.line - 1]);
    assert.equal(typeof l.id, 'string');
    assert.equal(typeof l.type, 'string');
  }
  assert.equal(result.records.length + parsedBad.length, scan.lines.length);
  for (const p of parsedBad) assert.ok(p.kind === 'corrupt-line' && readLines.includes(p.line));
  for (const p of scan.problems) if (p.kind === 'broken-chain') assert.ok(readLines.includes(p.line));
  assert.equal(scan.lastHash, raw.length === 0 ? GENESIS : sha256(raw.at(-1)!));
  return result;
}

/** A problem at a line, whatever its trace (what was found there, for the alerts). */
const at = (line: number, kind: JournalProblem['kind']): JournalProblem => expect.objectContaining({ file: FILE, line, kind }) as JournalProblem;

describe('journal lines', () => {
  it('any text or bytes: reading never throws and every line is a record or a problem with its number', () => {
    const text = fc.oneof(
      anyText,
      anyBytes.map((b) => Buffer.from(b).toString('utf8')),
      fc.array(fc.oneof(anyText, garbage, headLikeLine), { maxLength: 8 }).map((lines) => lines.join('\n')),
      validMonth.chain(({ lines }) => mutatedText(fileOf(lines))),
      validMonth.chain(({ lines }) => fc.uint8Array({ minLength: 1, maxLength: 4 }).chain((junk) => fc.nat().map((i) => {
        const bytes = Buffer.from(fileOf(lines));
        const cut = i % bytes.length;
        return Buffer.concat([bytes.subarray(0, cut), junk, bytes.subarray(cut)]).toString('utf8');
      }))),
    );
    fc.assert(fc.property(text, (t) => void expectEveryLineAccounted(t)), fuzzRuns(10_000));
  });

  it('a file of many broken lines: a reader keeps the first few problems, in order, and counts them all', () => {
    const lines = fc.array(fc.oneof(garbage, headLikeLine, anyText.map((t) => t.replaceAll('\n', ' '))), { minLength: 0, maxLength: 3 * PROBLEMS_KEPT_PER_FILE });
    fc.assert(
      fc.property(lines, (ls) => {
        const text = ls.map((l) => l + '\n').join('');
        const all = scanJournalText(text, GENESIS, FILE, null, Number.POSITIVE_INFINITY);
        const kept = scanJournalText(text, GENESIS, FILE);
        assert.equal(kept.problemCount, all.problems.length);
        assert.deepEqual(kept.problems, all.problems.slice(0, PROBLEMS_KEPT_PER_FILE));
        assert.deepEqual(kept.lines, all.lines);
      }),
      fuzzRuns(2_000),
    );
  });

  it('a line head is read from any text without throwing: a version, a type and an id, or "corrupt"', () => {
    const line = fc.oneof(anyText, fc.jsonValue().map((v) => JSON.stringify(v)), headLikeLine);
    fc.assert(
      fc.property(line, (l) => {
        const head = readLineHead(l);
        if (head === 'corrupt') return;
        expect(typeof head.id).toBe('string');
        expect(typeof head.type).toBe('string');
      }),
      fuzzRuns(10_000),
    );
  });

  it("a line's head read from its parsed value is the head readLineHead reads (the register parses each line once)", () => {
    const record = validMonth.map(({ lines }) => lines[0]!);
    const line = fc.oneof(
      anyText,
      headLikeLine,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      record,
      // A record line edited the ways a hand edits one: another key order, a key twice, spaces, an escape.
      record.chain((l) => fc.constantFrom(l.replace('"type":', ' "type":'), l.replace('{', '{"id":"x",'), l.replace(',"prevHash"', ',"id":"y","prevHash"'), l.replace('"call"', '"\\u0063all"'))),
      record.map((l) => { const { id, ...rest } = JSON.parse(l) as Record<string, unknown>; return JSON.stringify({ ...rest, id }); }),
    );
    fc.assert(
      fc.property(line, (l) => {
        const fromValue = headOfValue(l.length <= MAX_RECORD_CHARS ? parseCanonical(l) : undefined);
        // Where the value gives no head, the register asks readLineHead itself (month-reading.ts).
        if (fromValue !== 'corrupt') expect(fromValue).toEqual(readLineHead(l));
      }),
      fuzzRuns(10_000),
    );
  });

  it('a file nobody touched reads whole: every record, no problem', () => {
    fc.assert(
      fc.property(validMonth, ({ records, lines }) => {
        const result = expectEveryLineAccounted(fileOf(lines));
        expect(result.problems).toEqual([]);
        expect(result.records).toEqual(records);
      }),
      fuzzRuns(1_000),
    );
  });

  it('one record edited: the problem is on that line or the chain breaks on the next, and nowhere else', () => {
    fc.assert(
      fc.property(validMonth, fc.nat(), jsonMutation, ({ lines }, which, mutation) => {
        const i = which % lines.length;
        const edited = JSON.stringify(applyJsonMutation(JSON.parse(lines[i]!) as Json, mutation).doc);
        fc.pre(edited !== lines[i] && !edited.includes('\n'));
        const result = expectEveryLineAccounted(fileOf([...lines.slice(0, i), edited, ...lines.slice(i + 1)]));
        for (const p of result.problems) expect([i + 1, i + 2]).toContain(p.line);
        if (i + 1 < lines.length) expect(result.problems).toContainEqual(at(i + 2, 'broken-chain'));
        let valid: boolean;
        try {
          valid = JournalRecordSchema.safeParse(JSON.parse(edited)).success;
        } catch {
          valid = false;
        }
        if (!valid) expect(result.problems.some((p) => p.line === i + 1 && p.kind !== 'broken-chain')).toBe(true);
      }),
      fuzzRuns(2_000),
    );
  });

  it('a line removed, two swapped, garbage pasted in, or the end torn off: reported exactly where', () => {
    const edit = fc.record({ kind: fc.constantFrom('remove', 'swap', 'paste', 'tear'), which: fc.nat(), cut: fc.nat(), junk: anyText.map((t) => t.replaceAll('\n', ' ')) });
    fc.assert(
      fc.property(validMonth, edit, ({ records, lines }, { kind, which, cut, junk }) => {
        const i = which % lines.length;
        const k = lines.length;
        if (kind === 'remove') {
          const result = expectEveryLineAccounted(fileOf(lines.filter((_, j) => j !== i)));
          // The newest line cut off leaves no trace in the chain itself (the team copy is the outside anchor).
          expect(result.problems).toEqual(i < k - 1 ? [at(i + 1, 'broken-chain')] : []);
        } else if (kind === 'swap') {
          fc.pre(k >= 2);
          const j = i === k - 1 ? i - 1 : i;
          const swapped = [...lines];
          [swapped[j], swapped[j + 1]] = [swapped[j + 1]!, swapped[j]!];
          const result = expectEveryLineAccounted(fileOf(swapped));
          expect(result.problems).toContainEqual(at(j + 1, 'broken-chain'));
          expect(result.records).toHaveLength(k);
        } else if (kind === 'paste') {
          const result = expectEveryLineAccounted(fileOf([...lines.slice(0, i), junk, ...lines.slice(i)]));
          expect(result.problems.filter((p) => p.line === i + 1)).not.toEqual([]);
          expect(result.problems).toContainEqual(at(i + 2, 'broken-chain'));
          expect(result.problems.every((p) => p.line === i + 1 || p.line === i + 2)).toBe(true);
        } else {
          // A crash mid-write: the last line is whole up to some byte, with no line end.
          const whole = fileOf(lines.slice(0, -1));
          const last = lines.at(-1)!;
          const result = expectEveryLineAccounted(whole + last.slice(0, 1 + (cut % (last.length - 1))));
          expect(result.problems).toEqual([at(k, 'corrupt-line')]);
          expect(result.records).toEqual(records.slice(0, -1));
        }
      }),
      fuzzRuns(2_000),
    );
  });
});

describe("a month's head", () => {
  it('the newest lines cut off, or the last one edited, are seen against the head; a head behind the file (a power cut) is no alarm', () => {
    const change = fc.record({ kind: fc.constantFrom('cut', 'edit-last', 'stale-head', 'untouched'), n: fc.nat(), mutation: jsonMutation });
    fc.assert(
      fc.property(validMonth, change, ({ lines }, { kind, n, mutation }) => {
        const head = { lines: lines.length, lastHash: sha256(lines.at(-1)!) };
        if (kind === 'cut') {
          const left = lines.slice(0, n % lines.length);
          const scan = scanJournalText(fileOf(left), GENESIS, FILE, head);
          expect(scan.problems).toContainEqual(at(lines.length, 'lines-removed'));
        } else if (kind === 'edit-last') {
          const edited = JSON.stringify(applyJsonMutation(JSON.parse(lines.at(-1)!) as Json, mutation).doc);
          fc.pre(edited !== lines.at(-1) && !edited.includes('\n'));
          const scan = scanJournalText(fileOf([...lines.slice(0, -1), edited]), GENESIS, FILE, head);
          expect(scan.problems).toContainEqual(at(lines.length, 'head-changed'));
        } else if (kind === 'stale-head') {
          // The head is written after the line is safe: after a power cut it may be behind, never ahead.
          const behind = n % lines.length;
          const stale = { lines: behind, lastHash: behind === 0 ? GENESIS : sha256(lines[behind - 1]!) };
          expect(scanJournalText(fileOf(lines), GENESIS, FILE, stale).problems).toEqual([]);
        } else expect(scanJournalText(fileOf(lines), GENESIS, FILE, head).problems).toEqual([]);
      }),
      fuzzRuns(2_000),
    );
  });
});

describe('a month file on disk', () => {
  it('any content reads as its lines say; an append sets a torn end aside, byte for byte, and chains on after the last whole line', async () => {
    const content = fc.oneof(
      anyBytes.map((b) => Buffer.from(b)),
      validMonth.chain(({ lines }) => mutatedText(fileOf(lines))).map((t) => Buffer.from(t)),
      validMonth.map(({ lines }) => Buffer.from(fileOf(lines))),
      // The last record whole but for its newline: completed by the next append, read before it.
      validMonth.map(({ lines }) => Buffer.from(fileOf(lines).slice(0, -1))),
    );
    const relative = `calls/${CLERK_ID}/2026-01.jsonl`;
    await fc.assert(
      fc.asyncProperty(content, async (bytes) => {
        const dataDir = mkdtempSync(join(scratch, 'journal-'));
        const file = join(dataDir, relative);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        const journal = new CallJournal(dataDir);
        try {
          // What follows the last line end is still being written (or was torn by a crash): not the file's yet —
          // unless it is a whole record lacking only its newline.
          const lineEnd = bytes.lastIndexOf(0x0a) + 1;
          const text = bytes.toString('utf8');
          const before = read(text.slice(0, readableEnd(text)));
          const onDisk = await journal.readMonth(CLERK_ID, '2026-01');
          expect(onDisk.records).toEqual(before.records);
          // Written without the app: no head beside it, which is said once the month holds a record; and a torn end of a month gone by is said too.
          const tornOld = readableEnd(text) < text.length;
          const expected = [
            ...before.problems.map((p) => [p.line, p.kind]),
            ...(tornOld ? [[before.scan.lineCount + 1, 'corrupt-line']] : []),
            ...(before.scan.lines.length > 0 ? [[before.scan.lineCount, 'head-missing']] : []),
          ];
          expect(onDisk.problems.map((p) => [p.line, p.kind]).sort()).toEqual(expected.slice(0, PROBLEMS_KEPT_PER_FILE).sort());

          // A tail that is one whole record chained to the line before lacks only its newline: it is completed, not set aside.
          const tail = bytes.subarray(lineEnd).toString('utf8');
          const tailRecord = read(bytes.toString('utf8') + '\n');
          const completes = tail !== '' && tailRecord.records.some((r) => serializeRecord(r) === tail) && !tailRecord.problems.some((p) => p.line === tailRecord.scan.lineCount);
          const whole = completes ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes.subarray(0, lineEnd);
          const torn = bytes.subarray(whole.length);

          const saved = await journal.append(sampleRecord(new Date(T0 + 86_400_000)));
          expect(readFileSync(file)).toEqual(Buffer.concat([whole, Buffer.from(serializeRecord(saved) + '\n')]));
          if (torn.length > 0 && !completes) {
            expect(journal.quarantined).toEqual([{ file: relative, bytes: torn.length }]);
            expect(Buffer.from(JSON.parse(readFileSync(`${file}.quarantine`, 'utf8')).base64, 'base64')).toEqual(torn);
          } else expect(journal.quarantined).toEqual([]);
          const after = await journal.readMonth(CLERK_ID, '2026-01');
          expect(after.records.at(-1)).toEqual(saved);
          const wholeRead = read(whole.toString('utf8'));
          // The month had lines and no head when the journal opened it: that stays said (the head keeps it as evidence).
          const missing = wholeRead.scan.lines.length > 0 ? [[wholeRead.scan.lineCount, 'head-missing']] : [];
          expect(after.problems.map((p) => [p.line, p.kind]).sort()).toEqual([...wholeRead.problems.map((p) => [p.line, p.kind]), ...missing].slice(0, PROBLEMS_KEPT_PER_FILE).sort());
        } finally {
          await journal.close();
        }
      }),
      fuzzRuns(150),
    );
  });
});

describe('the fast reader’s check for a head field named again', () => {
  it('property: the same answer as the regex it replaced (with JSON’s whitespace), on lines built from the pieces that matter', () => {
    const oracle = /"(?:schemaVersion|prevHash)"[ \t\n\r]*:|[^{ \t\n\r][ \t\n\r]*"(?:id|type)"[ \t\n\r]*:|\\u/;
    const piece = fc.constantFrom('"id"', '"type"', '"prevHash"', '"schemaVersion"', ':', '{', '}', ',', ' ', '\t', '\\u', '\\', '"', 'a', '1', '[', '"ids"', 'Ś');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), fc.nat({ max: 5 }), (rest, from) => {
        const line = 'x'.repeat(from) + rest;
        expect(headKeyAgain(line, from)).toBe(oracle.test(line.slice(from)));
      }),
      fuzzRuns(20_000),
    );
  });
});
