import { implausibleCall } from '../../shared/journal/call-record-plausible';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../electron/handlers';
import { BrowserExchange } from '../../electron/services/file-exchange';
import type { AppServices } from '../../electron/services/app-services';
import { importJsonl, readImportLine, type ImportRejectReason } from '../../electron/services/import';
import { maskIdentifiers } from '../../shared/masking/masking';
import { maskedTypedFields } from '../../shared/journal/call-record';
import { CALLBACK_REFERENCE_MAX_LENGTH, STORED_NOTE_MAX_LENGTH } from '../../shared/call/call-machine';
import { callDigest, callDigestMasked, monthOf, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { JournalRecordSchema, type JournalRecord } from '../../shared/journal/journal-record';
import { randomClerkId, sampleRecord } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';
import { anyBytes, anyText, applyJsonMutation, fuzzRuns, garbage, getAt, headLikeLine, jsonMutation, mutatedText, type Json } from './arbitraries';
import { scratchFolder } from './scratch';
import { emailAddress, validPesel, writtenNrb, writtenPhone } from '../shared/arbitraries';

const scratch = scratchFolder('import');

/**
 * A clerk's JSON Lines export as it reaches the team lead — whole, cut off,
 * edited, re-saved by another program, or another file altogether: importing
 * never throws past the service, every line is filed or refused with its
 * number and the reason, and a file with nothing to import is refused with
 * a message that says so.
 */
const CLERKS = [randomClerkId(), randomClerkId()];

/** Exports to start from: a few clerks' months, each chained as the journal writes it. */
const EXPORTS: string[][] = fc.sample(
  fc.array(fc.record({ clerk: fc.constantFrom(...CLERKS), minutes: fc.integer({ min: 1, max: 9_000 }), note: fc.nat({ max: 200 }) }), { minLength: 1, maxLength: 6 }),
  { numRuns: 40, seed: 7 },
).map((specs) => {
  let at = Date.UTC(2026, 0, 3, 8, 0, 0);
  const last = new Map<string, string>();
  return specs.map(({ clerk, minutes, note }) => {
    at += minutes * 60_000;
    const unchained = sampleRecord(new Date(at), note, clerk);
    const key = `${clerk}/${monthOf(new Date(at))}`;
    const line = serializeRecord(JournalRecordSchema.parse({ ...unchained, prevHash: last.get(key) ?? '0'.repeat(64) }));
    last.set(key, sha256(line));
    return line;
  });
});
const anExport = fc.constantFrom(...EXPORTS);
const joined = (lines: string[], end = '\n') => lines.map((l) => l + end).join('');

const exportText: fc.Arbitrary<string> = fc.oneof(
  anyText,
  anyBytes.map((b) => Buffer.from(b).toString('utf8')),
  fc.array(fc.oneof(garbage, headLikeLine, anExport.map((e) => e[0]!)), { maxLength: 6 }).map((lines) => lines.join('\n')),
  anExport.chain((lines) => mutatedText(joined(lines))),
  anExport.chain((lines) =>
    fc.tuple(fc.nat(), jsonMutation).map(([which, m]) => {
      const i = which % lines.length;
      return joined(lines.map((l, j) => (j === i ? JSON.stringify(applyJsonMutation(JSON.parse(l) as Json, m).doc) : l)));
    }),
  ),
  anExport.chain((lines) => fc.constantFrom(joined(lines), '\uFEFF' + joined(lines, '\r\n'), joined(lines, '\n\n'), joined(lines).trimEnd())),
  // A note that kept an identifier (typed before masking knew the way it was written, or edited in): masked on the way in.
  anExport.chain((lines) =>
    fc.tuple(fc.nat(), fc.oneof(validPesel, writtenPhone.map((p) => p.written), emailAddress, writtenNrb), fc.constantFrom('Oddzwonić: ', 'PESEL ', '')).map(([which, id, before]) => {
      const i = which % lines.length;
      return joined(lines.map((l, j) => (j === i ? JSON.stringify({ ...(JSON.parse(l) as object), note: `${before}${id}` }) : l)));
    }),
  ),
  // The same record twice, once changed: the second is a conflict, kept aside.
  anExport.chain((lines) =>
    fc.tuple(fc.nat(), fc.constantFrom('other', 'interrupted')).map(([which, outcome]) => {
      const i = which % lines.length;
      return joined([...lines, JSON.stringify({ ...(JSON.parse(lines[i]!) as object), outcome })]);
    }),
  ),
);

/** The lines of a file as the import reads them: split at LF (a CR before it is dropped by the line reader); a final line end ends the last line. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

type Verdict = { line: number; record: JournalRecord; text: string; masked: boolean } | { line: number; rejected: ImportRejectReason };

function verdicts(text: string): Verdict[] {
  return linesOf(text).flatMap((raw, i): Verdict[] => {
    const read = readImportLine(raw, i + 1);
    return read === null ? [] : 'rejected' in read ? [{ line: i + 1, rejected: read.rejected }] : [{ line: i + 1, record: read.record, text: read.line, masked: read.masked }];
  });
}

/** A record's content, wherever it sits in a chain: what tells a repeat from another record under the same id. */
const contentOf = (record: JournalRecord) => {
  const { prevHash: _chain, ...content } = record;
  return JSON.stringify(content);
};

/** A call's digest written out the plain way: the record less its prevHash, its typed fields masked as the app masks them now. */
function digestByDefinition(call: Extract<JournalRecord, { type: 'call' }>): string {
  const { prevHash: _chain, ...content } = call;
  const fields = maskedTypedFields(call);
  const masked = {
    ...content,
    note: fields.note,
    callback: call.callback ? { ...call.callback, reference: fields.reference } : null,
    routedTo: call.routedTo ? { ...call.routedTo, unitId: fields.unitId, unitName: fields.unitName } : null,
  };
  return sha256(JSON.stringify(masked)).slice(0, 24);
}

describe('an import file, line by line', () => {
  it('any content: every line that is not blank is a record or refused with the reason, never a throw', () => {
    fc.assert(
      fc.property(exportText, (text) => {
        linesOf(text).forEach((raw, i) => {
          const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
          const read = readImportLine(raw, i + 1);
          assert.equal(read === null, line.trim() === '', `line ${i + 1}`);
          if (read === null) return;
          let json: { value: unknown } | null;
          try {
            json = { value: JSON.parse(line) };
          } catch {
            json = null;
          }
          if (!json) return assert.deepEqual(read, { rejected: 'not-json' });
          const record = JournalRecordSchema.safeParse(json.value);
          // Only a line exactly as the journal writes it is that record: re-saved (spaces, a repeated key), it is not.
          if (!record.success || JSON.stringify(json.value) !== line) return assert.deepEqual(read, { rejected: 'not-a-call-record' });
          // Masked as the clerk's app stores them: the note, the callback reference and the routed unit's name.
          const call = record.data.type === 'call' ? (record.data as Extract<JournalRecord, { type: 'call' }>) : null;
          // A call no save could have made (its own property test: test/shared/call-record-plausible.test.ts).
          if (call && implausibleCall(call)) return assert.deepEqual(read, { rejected: 'impossible-call' });
          const note = call ? maskIdentifiers(call.note).text.slice(0, STORED_NOTE_MAX_LENGTH) : null;
          const reference = call?.callback ? maskIdentifiers(call.callback.reference).text.slice(0, 2 * CALLBACK_REFERENCE_MAX_LENGTH) : null;
          const unitName = call?.routedTo ? maskIdentifiers(call.routedTo.unitName).text.slice(0, 160) : null;
          const unitId = call?.routedTo ? maskIdentifiers(call.routedTo.unitId).text.slice(0, 80) : null;
          const changes =
            call !== null && (note !== call.note || reference !== (call.callback?.reference ?? null) || unitName !== (call.routedTo?.unitName ?? null) || unitId !== (call.routedTo?.unitId ?? null));
          // A call's digest is made from the masking the line was read with: the same as masking the record read (masking is idempotent).
          if (call && !('rejected' in read)) assert.equal(callDigestMasked(read.record as typeof call, read.fields!), callDigest(read.record as typeof call));
          // And the digest is what its definition says, whether masking changes the record or not (the app hashes the record itself then).
          if (call) assert.equal(callDigest(call), digestByDefinition(call));
          const { fields: _masking, ...taken } = read as Exclude<typeof read, { rejected: unknown }>;
          if (!changes) return assert.deepEqual(taken, { record: record.data, line, masked: false, originalHash: sha256(line) });
          const value = json.value as Record<string, unknown>;
          const masked = { ...value, note, ...(call!.callback ? { callback: { ...(value.callback as object), reference } } : {}), ...(call!.routedTo ? { routedTo: { ...(value.routedTo as object), unitId, unitName } } : {}) };
          // Masked, it must still be a record (a note masked past its length is cut as the app cuts it).
          if (!JournalRecordSchema.safeParse(masked).success) return assert.deepEqual(read, { rejected: 'not-a-call-record' });
          assert.ok(!('rejected' in read));
          assert.equal(read.line, JSON.stringify(masked));
          assert.equal(read.masked, true);
          assert.equal(read.originalHash, sha256(line));
        });
      }),
      fuzzRuns(10_000),
    );
  });

  it('an export untouched is all records; a line cut short is not JSON; a value of the wrong type is not a record', () => {
    fc.assert(
      fc.property(anExport, fc.nat(), fc.nat(), fc.nat(), (lines, which, cut, pick) => {
        const line = lines[which % lines.length]!;
        expect(readImportLine(line, 2)).toMatchObject({ line, record: { id: JSON.parse(line).id } });
        expect(readImportLine(line.slice(0, cut % line.length), 2)).toEqual(line.slice(0, cut % line.length).trim() === '' ? null : { rejected: 'not-json' });
        const original = JSON.parse(line) as Json;
        const { doc, path } = applyJsonMutation(original, { kind: 'wrong-type', at: pick, pick });
        // A nullable field takes null or its type: only a swap between two other types is sure to be wrong.
        if (getAt(original, path) !== null && getAt(doc, path) !== null) expect(readImportLine(JSON.stringify(doc), 2)).toEqual({ rejected: 'not-a-call-record' });
      }),
      fuzzRuns(500),
    );
  });
});

describe('an import file on disk', () => {
  it('files what the lines say in their order, masks what needs it, keeps conflicts aside, refuses the rest by line number; a second import adds nothing', async () => {
    const dir = mkdtempSync(join(scratch, 'import-'));
    const noRegister = { row: () => undefined };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(exportText.map((t) => Buffer.from(t, 'utf8')), anyBytes.map((b) => Buffer.from(b))), async (bytes) => {
        const file = join(dir, `eksport-${n}.jsonl`);
        const root = join(dir, `imports-${n++}`);
        writeFileSync(file, bytes);
        const expected = verdicts(bytes.toString('utf8'));
        const refused = expected.filter((v): v is Extract<Verdict, { rejected: string }> => 'rejected' in v);
        const first = new Map<string, Extract<Verdict, { record: JournalRecord }>>();
        const filed: string[] = [];
        const asideLines: string[] = [];
        let repeatedCalls = 0;
        let conflicts = 0;
        let masked = 0;
        for (const v of expected) {
          if (!('record' in v)) continue;
          const earlier = first.get(v.record.id);
          if (!earlier) {
            first.set(v.record.id, v);
            filed.push(v.text);
            if (v.masked && v.record.type === 'call') masked++;
          } else if (contentOf(earlier.record) === contentOf(v.record)) {
            if (v.record.type === 'call') repeatedCalls++;
          } else {
            conflicts++;
            asideLines.push(v.text);
          }
        }
        const calls = [...first.values()].filter((v) => v.record.type === 'call').length;
        const others = first.size - calls;

        const result = await importJsonl(file, root, noRegister);
        expect(result).toEqual({ imported: calls, otherRecords: others, duplicates: repeatedCalls, conflicts, masked, rejected: refused.slice(0, 20).map(({ line, rejected }) => ({ line, reason: rejected })), rejectedCount: refused.length });
        // Each record filed once, and every month file in the order of the file imported.
        expectFiledInOrder(join(root, 'calls'), filed);
        expectFiledInOrder(join(root, 'conflicts', 'calls'), asideLines);

        const again = await importJsonl(file, root, noRegister);
        expect(again).toMatchObject({ imported: 0, duplicates: calls + repeatedCalls, conflicts, rejectedCount: refused.length });
        expectFiledInOrder(join(root, 'calls'), filed);
      }),
      fuzzRuns(400),
    );
  });
});

/** Every line filed once, and each month file's lines in the order they came in. */
function expectFiledInOrder(root: string, lines: string[]): void {
  const files = filedFiles(root);
  expect(files.flat().sort()).toEqual([...lines].sort());
  const position = new Map(lines.map((l, i) => [l, i]));
  for (const file of files) expect(file.map((l) => position.get(l)!)).toEqual(file.map((l) => position.get(l)!).sort((a, b) => a - b));
}

function filedFiles(calls: string): string[][] {
  if (!existsSync(calls)) return [];
  return readdirSync(calls).flatMap((clerk) =>
    readdirSync(join(calls, clerk))
      .filter((name) => name.endsWith('.jsonl'))
      .map((month) =>
        readFileSync(join(calls, clerk, month), 'utf8')
          .split('\n')
          .filter((l) => l !== ''),
      ),
  );
}

describe('importing through the service', () => {
  let services: AppServices;
  let handlers: HandlerTable;
  let chosen: string;
  const logged: string[] = [];
  const temp = useServicesOnTempFolder('import-services-', { scope: 'file', root: scratch });

  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    ({ services, api: handlers } = await temp.open({ chooseOpenPath: async () => chosen }));
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('the answer is the import or a refusal that says why — never an internal error; an upload is named as such', async () => {
    const dir = mkdtempSync(join(scratch, 'import-files-'));
    // The browser's way, beside the dialog: the same file uploaded and imported by the contract method.
    const browser = new BrowserExchange(join(dir, 'uploads'));
    const viaBrowser = createHandlers({ ...services, files: browser });
    const upload = async (file: string) => {
      const place = await browser.receive();
      writeFileSync(place.path, readFileSync(file));
      return dispatch(viaBrowser, 'importRecords', { path: null, upload: place.keep() });
    };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(exportText, async (text) => {
        chosen = join(dir, `eksport-${n++}.jsonl`);
        writeFileSync(chosen, text);
        const written = readFileSync(chosen, 'utf8'); // a lone surrogate is written as U+FFFD
        const empty = verdicts(written).length === 0;
        const nothing = verdicts(written).every((v) => 'rejected' in v) && !empty;
        const envelope = await dispatch(handlers, 'importRecords', { path: null });
        if (empty) {
          expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'importEmpty', params: { file: chosen } } });
        } else if (nothing) {
          expect(envelope).toEqual({
            ok: false,
            error: { code: 'bad-input', key: 'importNotExport', params: { file: chosen }, message: `${chosen}: to nie jest eksport rozmów z Asystenta Rozmów (żaden wiersz nie jest zapisem rozmowy). Nic nie zaimportowano.` },
          });
        } else {
          expect(envelope).toMatchObject({ ok: true, result: { path: chosen } });
        }
        const uploaded = await upload(chosen);
        if (uploaded.ok) expect(nothing || empty).toBe(false);
        else expect(uploaded.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^Przesłany plik(: to nie jest eksport| jest pusty)/), params: { file: 'Przesłany plik' } });
        // Taken once, and gone from the disk whatever the answer.
        expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
      }),
      fuzzRuns(300),
    );
    expect(logged).toEqual([]);
  });
});
