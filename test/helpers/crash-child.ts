/**
 * Child process for the crash test: writes as fast as it can with the app's
 * own stores — calls to the journal, the settings, the call draft — all at
 * once, as the app may, and prints "ack <kind> <step> <id>" only once each
 * write has resolved (is on disk). The parent kills it with SIGKILL at a
 * random moment and then checks what a restarted app finds.
 *
 * argv: dataDir, first step, seed, first savedAt (epoch ms), ms between records.
 */
import { CallJournal } from '../../electron/services/journal';
import { DraftStore } from '../../electron/services/draft-store';
import { SettingsStore } from '../../electron/services/settings-store';
import { sampleRecord } from './records';
import { crashDraftState, crashSettings } from './crash-states';

const [dataDir, firstStep, seed, firstAt, stepMs] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number, number, number];
let state = seed || 1;
/** 0–999: from no note to the longest a record may store, so writes differ widely in size. */
const nextSize = () => {
  state = (state * 48271) % 2147483647;
  return state % 1000;
};
const ack = (kind: string, step: number, id = '-') => process.stdout.write(`ack ${kind} ${step} ${id}\n`);

async function journalLoop() {
  const journal = new CallJournal(dataDir);
  for (let step = firstStep; ; step++) {
    const record = await journal.append(sampleRecord(new Date(firstAt + (step - firstStep) * stepMs), nextSize()));
    ack('journal', step, record.id);
  }
}

async function settingsLoop() {
  const store = new SettingsStore(dataDir);
  for (let step = firstStep; ; step++) {
    await store.save(crashSettings(step, nextSize()));
    ack('settings', step);
  }
}

async function draftLoop() {
  const store = new DraftStore(dataDir);
  for (let step = firstStep; ; step++) {
    await store.save(crashDraftState(step, nextSize()));
    ack('draft', step);
  }
}

await Promise.all([journalLoop(), settingsLoop(), draftLoop()]);
