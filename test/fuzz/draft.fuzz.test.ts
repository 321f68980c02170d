import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fileTimestamp } from '../../electron/services/atomic-file';
import { DraftStore, parseDraft } from '../../electron/services/draft-store';
import { callReducer, CallStateSchema, IDLE, type CallState } from '../../shared/call/call-machine';
import { INCOMING, OUTGOING } from '../shared/fixtures';
import { anyBytes, anyText, fuzzRuns, mutatedJsonText, mutatedText, type Json } from './arbitraries';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('draft');

/**
 * draft.json, the call in progress, read at every start after a crash: a
 * file that is not a whole, valid draft is set aside untouched and the app
 * starts idle; a valid one is restored as it was.
 */
const T0 = Date.UTC(2026, 0, 12, 9, 0, 0);
const inCall = callReducer(IDLE, { type: 'start', id: '0190a7c4-8f2e-7a10-9d4b-0123456789ab', checklist: OUTGOING, at: T0 });
const states: CallState[] = [
  inCall,
  callReducer(callReducer(inCall, { type: 'set-callback', plan: { dueAt: T0 + 3_600_000, reference: 'sprawa stażu' } }), { type: 'end', at: T0 + 90_000 }),
  callReducer(callReducer(IDLE, { type: 'start', id: '0190a7c4-8f2e-7a10-9d4b-0123456789ac', checklist: INCOMING, at: T0 }), { type: 'route', unit: { id: 'zus', name: 'ZUS', external: true }, at: T0 + 20_000 }),
];
const drafts = states.map((state) => JSON.parse(JSON.stringify({ schemaVersion: 1, state })) as Json);
const DraftFile = z.object({ schemaVersion: z.literal(1), state: CallStateSchema });

const draftBytes: fc.Arbitrary<Buffer> = fc.oneof(
  anyBytes.map((b) => Buffer.from(b)),
  anyText.map((t) => Buffer.from(t)),
  fc.constantFrom(...drafts).chain((d) => mutatedText(JSON.stringify(d))).map((t) => Buffer.from(t)),
  fc.constantFrom(...drafts).chain((d) => mutatedJsonText(d)).map((t) => Buffer.from(t)),
  fc.constantFrom(...drafts).map((d) => Buffer.from(JSON.stringify(d))),
);

function expectedState(bytes: Buffer): CallState | null {
  try {
    const parsed = DraftFile.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data.state : null;
  } catch {
    return null;
  }
}

describe('draft.json', () => {
  it('the parser takes exactly the whole, valid drafts and never throws', () => {
    fc.assert(
      fc.property(draftBytes, (bytes) => {
        expect(parseDraft(bytes.toString('utf8'))).toEqual(expectedState(bytes));
      }),
      fuzzRuns(10_000),
    );
  });
});

describe('draft.json on disk', () => {
  it('a valid draft is restored as it was; anything else is set aside byte for byte and the start is idle', async () => {
    let clock = Date.UTC(2026, 0, 12, 10, 0, 0);
    await fc.assert(
      fc.asyncProperty(draftBytes, async (bytes) => {
        const dir = mkdtempSync(join(scratch, 'draft-'));
        writeFileSync(join(dir, 'draft.json'), bytes);
        const now = new Date((clock += 1_000));
        const loaded = await new DraftStore(dir).load(now);
        const state = expectedState(bytes);
        if (state) return void expect(loaded).toEqual({ state });
        expect(loaded).toEqual({ state: IDLE, setAsideAs: `draft.corrupt-${fileTimestamp(now)}.json` });
        expect(readFileSync(join(dir, loaded.setAsideAs!))).toEqual(bytes);
        expect(existsSync(join(dir, 'draft.json'))).toBe(false);
      }),
      fuzzRuns(600),
    );
  });
});
