import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import { CallJournal } from '../../electron/services/journal';
import type { UnchainedCallRecord } from '../../shared/journal/call-record';
import type { RegisterCall } from '../../shared/register/register-api';
import { CLERK_ID, INCOMING, OUTGOING, recordedItems, sampleRecord } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * A call of the register opened through the API: the stored record read
 * again from its copy, with its ticks' times, what applied, the masked note
 * and the integrity of the file it came from.
 */
const PIOTR = '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11';
const piotr = { id: PIOTR, firstName: 'Piotr', lastName: 'Wiśniewski', role: 'stazysta' as const, unit: 'Kancelaria' };
const at = (day: number, hour: number) => new Date(2026, 9, day, hour, 0);

let dataDir: string;
let api: HandlerTable;

async function save(records: UnchainedCallRecord[]) {
  const journal = new CallJournal(dataDir);
  for (const r of records) await journal.append(r);
  await journal.close();
}

async function open(id: string): Promise<{ ok: true; call: RegisterCall } | { ok: false; key?: string; code: string }> {
  const envelope = await dispatch(api, 'registerCall', { id });
  return envelope.ok ? { ok: true, call: envelope.result as RegisterCall } : { ok: false, key: envelope.error.key, code: envelope.error.code };
}

/** Routed and invited, the closing ticked after the end, a PESEL typed before masking knew it. */
const full = (): UnchainedCallRecord => {
  const base = sampleRecord(at(1, 9)); // 90 s long
  const items = recordedItems(INCOMING, { greeting: 2100, 'matter-identified': 30_000, 'polite-closing': 95_000 });
  items.items = items.items.map((i) => (i.id === 'polite-closing' ? { ...i, atWrapUp: true } : i));
  items.adherence = { ...items.adherence, ticksAtWrapUp: 1 };
  return {
    ...base,
    ...items,
    outcome: 'invited',
    routedTo: { unitId: 'zus', unitName: 'Zakład Ubezpieczeń Społecznych (ZUS)', external: true },
    invitation: { appointmentAt: at(20, 10).toISOString() },
    note: 'Przyjdzie z decyzją, PESEL 44051401359',
  };
};

const temp = useServicesOnTempFolder('register-call-', { options: { callerPaths: true } });
beforeEach(() => {
  dataDir = temp.dataDir;
});

async function start() {
  ({ api } = await temp.open());
}

describe('a call of the register, opened', () => {
  it('shows every item with its state, its tick time and marks, what the call led to, the note masked, an intact record', async () => {
    const record = full();
    await save([record]);
    await start();
    const opened = await open(record.id);
    if (!opened.ok) throw new Error(opened.key);
    const { call } = opened;
    expect(call).toMatchObject({
      id: record.id,
      clerkName: 'Anna Nowak',
      direction: 'incoming',
      durationSec: 90,
      outcome: 'invited',
      routedTo: { unitName: 'Zakład Ubezpieczeń Społecznych (ZUS)', external: true },
      invitation: { appointmentAt: at(20, 10).toISOString() },
      callbackDueAt: null,
      note: 'Przyjdzie z decyzją, PESEL [PESEL]',
      greetingWithin30s: true,
      trust: 'ok',
      copy: 'local',
      file: `calls/${CLERK_ID}/2026-10.jsonl`,
      integrity: { problems: [], conflictWith: null, maskedOnImport: false },
    });
    expect(call.items.map(({ id, state, atMs, mark }) => [id, state, atMs, mark])).toEqual([
      ['greeting', 'done', 2100, null],
      ['no-third-party-voices', 'missed', null, null],
      ['matter-identified', 'done', 30_000, null],
      ['identity-verified', 'not-applicable', null, null],
      ['plain-language', 'missed', null, null],
      ['polite-closing', 'done', 95_000, 'after-end'],
    ]);
    expect(call.score).toBeGreaterThan(0);
  });

  it('an outbound call nobody answered: nothing applies, no score, no greeting to judge', async () => {
    const record: UnchainedCallRecord = {
      ...sampleRecord(at(2, 9)),
      direction: 'outgoing',
      outbound: { person: 'no-answer', goodMoment: null },
      outcome: 'no-contact',
      ...recordedItems(OUTGOING, {}, false, 'no-answer'),
    };
    await save([record]);
    await start();
    const opened = await open(record.id);
    if (!opened.ok) throw new Error(opened.key);
    expect(opened.call).toMatchObject({ outboundPerson: 'no-answer', score: null, greetingWithin30s: null });
    expect(opened.call.items.every((i) => i.state === 'not-applicable')).toBe(true);
  });

  it('a call from an edited file names its problems; an unknown id or a call no longer there as read is refused with a key', async () => {
    const first = { ...sampleRecord(at(3, 9), 0, PIOTR), clerk: piotr, note: 'Pierwsza' };
    const second = { ...sampleRecord(at(3, 10), 0, PIOTR), clerk: piotr, note: 'Druga' };
    await save([first, second]);
    const file = join(dataDir, 'calls', PIOTR, '2026-10.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"note":"Pierwsza"', '"note":"Pierwsza, poprawiona"'));
    await start();
    const opened = await open(second.id);
    if (!opened.ok) throw new Error(opened.key);
    expect(opened.call.integrity.problems).toEqual([
      { folder: 'local', clerkName: 'Piotr Wiśniewski', month: '2026-10', file: `calls/${PIOTR}/2026-10.jsonl`, kind: 'broken-chain', lines: [2], moreLines: 0, fileCount: 1 },
    ]);
    const edited = await open(first.id);
    expect(edited.ok && edited.call.note).toBe('Pierwsza, poprawiona');

    expect(await open('0190a7c4-8f2e-7a10-9d4b-0123456789ab')).toEqual({ ok: false, key: 'registerCallGone', code: 'bad-input' });
    // Changed again after the register read it: not shown as it no longer is; read afresh, the register shows what is there now.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"note":"Druga"', '"note":"Druga, poprawiona"'));
    const again = await open(second.id);
    expect(again.ok && again.call.note).toBe('Druga, poprawiona');
    expect(await open('not-a-uuid')).toMatchObject({ ok: false, code: 'bad-input' });
  });
});
